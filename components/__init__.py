"""Custom Rasa NLU graph components of the project (loaded by config.yml)."""
