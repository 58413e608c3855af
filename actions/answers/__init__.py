"""Answers: the pure composers (facts in, sourced text out), their formatting, the drafting refusal, further topics and suggestions."""
