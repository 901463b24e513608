"""Helpers shared by the test tiers (spec loading, servers on loopback)."""
