"""Loopback stand-ins for the Telegram Bot API and the Slack Web API.

Real HTTP servers speaking the real wire format, for tests, benchmarks and the demo.
"""
