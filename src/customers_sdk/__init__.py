"""The client layer over the generated clients: pagination, retries, timeouts, typed errors."""
