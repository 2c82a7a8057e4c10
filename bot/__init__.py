"""A trade union's campaign bot for Slack, Telegram and the terminal."""

import os

# One thread for numpy's BLAS, set before numpy is first imported (bot.answers): the bot's
# matrices are small (a question's embedding, 4,485 phrasings), one event loop runs per
# process, and OpenBLAS's own threads spin against every other busy process. On 2 cores at
# load average 6, embedding 100 phrasings took 57.8 s with its default threads and 2.6 s
# with one. An operator may still set these.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
