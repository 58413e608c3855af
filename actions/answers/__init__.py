"""Answers: the topic catalogue (topics.yml), the message catalogue (messages.py, locale/), the pure composers
(facts in, sourced text out), their formatting, the drafting refusal, further topics and suggestions."""
