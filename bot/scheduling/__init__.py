"""APScheduler only wakes the process; what is due is always read from the store."""
