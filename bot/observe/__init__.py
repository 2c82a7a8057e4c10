"""What an operator watches: /health (is this replica doing its part?) and /metrics
(Prometheus), both read from the store and from the running parts, never from logs."""
