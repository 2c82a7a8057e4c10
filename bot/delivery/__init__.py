"""The outbox: broadcasts become delivery rows; per-platform workers send them at the limit."""
