"""``python -m customers_contract``: the same as the `customers-contract` command."""

from customers_contract.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
