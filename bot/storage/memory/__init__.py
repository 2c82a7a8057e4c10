"""The store in memory: a real fake of the SQL store, one module per family of
repositories, held to the same contract tests (tests/test_store_contract.py)."""

from bot.storage.memory.store import MemoryStore

__all__ = ["MemoryStore"]
