"""Several replicas of the bot on one PostgreSQL database.

Every replica takes webhooks and Slack events; one at a time, the holder of the leader
lease, sends deliveries, runs the due work and talks to the platforms about the bot itself
(setWebhook, polling). `identity` checks a replica is on the cluster's database, `lease`
holds the lease (SQLite: a file lock), `leadership` starts and stops the leader's work under
it, `budget` shares each bot token's rate across replicas.
"""
