"""A mock server that behaves like the Sequence and Straddle "List customers" APIs."""
