"""Which of the machine's real services the tests can reach."""

import socket


def redis_reachable() -> bool:
    """Redis at 127.0.0.1:6379, where the tests of the shared cache look for it."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True
