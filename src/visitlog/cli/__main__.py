"""`python -m visitlog.cli` runs the command line."""
from . import main

main()
