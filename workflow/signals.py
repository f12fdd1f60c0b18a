"""Lifecycle signals of runs and tasks, sent after the transition's transaction commits.

Receivers get `sender=Run` or `sender=Task`, the row(s) moved and `actor`. SAKIP data, signing and
notifications attach here instead of editing workflow/transitions.py.
"""

from django.dispatch import Signal

run_started = Signal()  # run, task (the first one), actor
task_completed = Signal()  # task, run, actor, next_task (None when the run was archived)
task_returned = Signal()  # task, run, actor, next_task, reason
task_reassigned = Signal()  # task, run, actor, previous (the former assignee)
run_archived = Signal()  # run, actor
run_cancelled = Signal()  # run, actor, reason
