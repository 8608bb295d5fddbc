"""What leaves the notebook is masked (docs/compliance.md): the `--unmasked` option and the masked notebook."""
from __future__ import annotations

from typing import Annotated

import typer

UnmaskedOpt = Annotated[bool, typer.Option(
    "--unmasked", help="help-opt-unmasked")]


def mask(s) -> None:
    """Mask the session's notebook: every note with personal data or patient identity has its texts starred out."""
    from ..notebook.compliance import mask_notebook

    if s.notebook is not None:
        s.notebook = mask_notebook(s.notebook)
