"""django_tasks_db's db_worker, kept alive across a database restart.

The library's worker ends at the first OperationalError it cannot ignore (its loop only forgives SQLite's "database
is locked"): a PostgreSQL restart stopped the background work until someone restarted the worker. This one logs
the error, drops its connections and starts the loop again once the database answers; the task it was running, if
any, is recorded failed by the library when it can be, and a Buku SOP left waiting is marked stale and retried
(BUKU_SOP_STALE_SECONDS). SIGTERM during the wait ends it as before.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")
RECONNECT_SECONDS = 2.0


class Command(db_worker.Command):
    def handle(self, **options) -> None:
        while True:
            try:
                return super().handle(**options)
            except (OperationalError, InterfaceError) as error:
                logger.warning("Basis data tidak terjangkau (%s); pekerja mencoba lagi dalam %s detik.",
                               str(error).strip(), RECONNECT_SECONDS)  # fmt: skip
                connections.close_all()
                time.sleep(RECONNECT_SECONDS)
