"""``python -m cleanse`` is the ``cleanse`` command."""

from cleanse.cli import main

main()
