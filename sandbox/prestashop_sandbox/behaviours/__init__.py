"""What the shop does around a write, per resource: the behaviour of each
family next to its definitions (``definitions/<family>.py`` declares the
resources, ``behaviours/<family>.py`` what a write of them changes besides
the record), as moto keeps each service's models apart.

A behaviour is a function registered with :func:`on` for an event and one
or more resources:

``before_create(store, rec, echo)``
    the record about to be stored (its id set): fields the shop computes
    (``echo``: the answer's record, or None for a ``store`` call);
``after_create(store, rec, echo)``
    what the new record changes elsewhere (stock rows, associations);
``after_update(store, rec, old, echo)``
    the same after an update (``old``: the record before it);
``after_delete(store, rec)``
    what goes with a deleted record.

They run for HTTP writes and for ``sandbox.store`` calls alike
(``Store.create``/``update``/``delete``), in the order registered.
"""

from __future__ import annotations

from collections import defaultdict

EVENTS = ("before_create", "after_create", "after_update", "after_delete")

#: ``{(event, resource): [function]}``
_REGISTRY: dict = defaultdict(list)


def on(event: str, *resources: str):
    """Register the decorated function for ``event`` on ``resources``."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}: one of {EVENTS}")

    def register(func):
        for res in resources:
            _REGISTRY[(event, res)].append(func)
        return func

    return register


def run(event: str, store, res: str, *args) -> None:
    """Run the behaviours of ``event`` on ``res`` (none: nothing to do)."""
    for func in _REGISTRY.get((event, res), ()):
        func(store, *args)


# the families register their behaviours on import
from . import catalog, customers, orders, stock  # noqa: E402,F401
