"""Ballot windows: the calendar, reminders, banking and turnout around the core's rules."""
