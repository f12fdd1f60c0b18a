"""Lifecycle signals of SOP documents, sent after the transition's transaction commits.

Receivers get `sender=Sop`, `sop` (the row after the move) and `actor`; `sop_returned` also `reason`.
Signing, background PDF rendering and notifications attach here instead of editing sop/transitions.py.
"""

from django.dispatch import Signal

sop_submitted = Signal()
sop_returned = Signal()
sop_approved = Signal()
sop_superseded = Signal()
sop_revised = Signal()  # sop: the new draft version; previous: the version it revises
sop_saved = Signal()  # a draft was created or an edit of it saved
# Buku SOP moves (sop.buku_transitions): sender=BukuSop, buku, actor (None for the worker's own moves).
buku_started = Signal()
buku_finished = Signal()
buku_failed = Signal()
buku_retried = Signal()
