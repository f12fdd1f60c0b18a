"""Form Pengukuran Kinerja lifecycle hooks, sent after the move commits (`sakip.states.send_after_commit`)."""

from django.dispatch import Signal

# kwargs: form, actor, move
form_moved = Signal()
