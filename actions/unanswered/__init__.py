"""What applicants ask that the notices do not answer: recorded by the actions (masked, without the sender),
grouped into a report for the recruitment office (`python -m actions.unanswered report`)."""
