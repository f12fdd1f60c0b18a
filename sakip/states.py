"""State tables as data: each stateful model declares its allowed moves once (Oscar's `Order.pipeline`).

A transition module builds one `StateTable` from named moves; permissions, view guards, templates' buttons and
the tests all read it, so a new state or move is one line in one place. `TransitionError` is the one domain
error every transition raises; `send_after_commit` fires a lifecycle signal only once the move has committed.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


class TransitionError(Exception):
    """The object is not in a state that allows this move, or the user may not make it."""


@dataclass(frozen=True)
class Move:
    """A named move: from any of `sources` to `target` (the same state for an action that keeps it)."""

    name: str
    sources: tuple[str, ...]
    target: str
    label: str = ""


class StateTable:
    """The allowed moves of one stateful model."""

    def __init__(self, *moves: Move):
        self.moves: dict[str, Move] = {}
        for move in moves:
            if move.name in self.moves:
                raise ValueError(f"move {move.name!r} declared twice")
            self.moves[move.name] = move

    def __iter__(self):
        return iter(self.moves.values())

    def __getitem__(self, name: str) -> Move:
        return self.moves[name]

    @property
    def states(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for move in self.moves.values():
            for state in (*move.sources, move.target):
                seen.setdefault(state, None)
        return tuple(seen)

    @property
    def pipeline(self) -> dict[str, tuple[str, ...]]:
        """{state: (states reachable in one move)}, as Oscar writes it."""
        table: dict[str, list[str]] = {state: [] for state in self.states}
        for move in self.moves.values():
            for source in move.sources:
                if move.target not in table[source]:
                    table[source].append(move.target)
        return {state: tuple(targets) for state, targets in table.items()}

    def allows(self, name: str, state: str) -> bool:
        return state in self.moves[name].sources

    def moves_from(self, state: str) -> tuple[str, ...]:
        return tuple(name for name, move in self.moves.items() if state in move.sources)

    def target(self, name: str) -> str:
        return self.moves[name].target

    def check(self, name: str, state: str, message: str) -> None:
        """Raise TransitionError(message) unless `name` may be made from `state`."""
        if not self.allows(name, state):
            raise TransitionError(message)


def _send(signal: Signal, sender, kwargs: dict) -> None:
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error("receiver %r of a lifecycle signal failed", receiver, exc_info=result)


def send_after_commit(signal: Signal, sender, **kwargs) -> None:
    """Send `signal` once the current transaction commits (at once outside one); a failing receiver is logged."""
    transaction.on_commit(partial(_send, signal, sender, kwargs))


def states_of(choices: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(value for value, _label in choices)
