"""Platform edges: each translates payloads into neutral events and replies back."""
