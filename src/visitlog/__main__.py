"""`python -m visitlog` runs the command line."""
from .cli import main

main()
