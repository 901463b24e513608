"""`make bench`: the mock server against Prism, our clients against the vendor SDK, and how cost grows with data.

Run with ``python -m bench`` (``scripts/bench`` installs what it needs first). Each section measures side by side
in one run, because absolute times drift on a shared machine and ratios within one run do not. The report (Markdown
and JSON, with the machine it ran on) goes to the git-ignored ``bench-results/``. Nothing here is a test: no
figure fails anything, a missed target is reported as missed.
"""
