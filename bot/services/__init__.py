"""The application layer: one service per feature, each implementing its port in
bot/core/services.py. Chat commands, CLI verbs and the dashboard call these; they call the
store, the content and the outbox."""
