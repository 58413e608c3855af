"""The eligibility self-check: the rules for each essential criterion, the report, and the Rasa form that asks them."""
