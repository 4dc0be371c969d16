"""Settings split by concern: base (shared), dev, test, production.

Every value that differs between installations comes from an environment variable with a
safe embedded default, so a fresh checkout runs without any configuration.
"""
