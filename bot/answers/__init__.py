"""Answering members' questions from the union's own content."""
