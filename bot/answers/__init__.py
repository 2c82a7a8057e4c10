"""Answering members' questions from the union's own content."""

from bot.settings import one_blas_thread

one_blas_thread()  # before numpy is first imported (bot.answers.embedding, .phrasings)
