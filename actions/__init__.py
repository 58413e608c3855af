"""Custom actions and the pure modules behind them (database, importer, answer composers, eligibility rules)."""
