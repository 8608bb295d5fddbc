"""What `visitlog check` reports: the loader's problems and those of the rules that
look across notes (materials named or planned, thin records), in file order."""
from __future__ import annotations

from datetime import date

from ..notebook.model import Notebook, Problem


def problems(notebook: Notebook, today: date) -> tuple[Problem, ...]:
    from .materials import material_problems
    from .records import thin_visits

    found = (*notebook.problems, *material_problems(notebook, today), *thin_visits(notebook))
    return tuple(sorted(found, key=lambda p: (p.source.path, p.source.line)))
