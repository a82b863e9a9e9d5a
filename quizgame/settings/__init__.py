"""Settings are split by purpose: base (shared, env-driven), test, production."""
