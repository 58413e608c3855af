"""Webinar follow-up: the questions collected at an info session answered by the assistant itself, grouped by
topic for the recruitment office (`python -m actions.followup QUESTIONS_FILE`)."""
