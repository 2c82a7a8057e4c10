"""`make bench`: figures as ratios measured in the same run (the machine is shared and noisy)."""
