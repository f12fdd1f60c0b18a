import pytest

from tests.signing.bsre_server import BsreServer, Person, State, make_identity

BSRE_USER, BSRE_PASSWORD = "esign-pemda-uji", "rahasia-klien-api"
BSRE_NIK = "7201011508690001"  # can sign
BSRE_PASSPHRASE = "Passphrase#Kepala-2026"
BSRE_NIK_EXPIRED = "7201014107720002"
BSRE_NIK_UNKNOWN = "7201010101800003"


@pytest.fixture(scope="session")
def bsre_identity():
    """A throwaway CA and signing certificate for the stand-in BSrE (made once: RSA keys take a moment)."""
    return make_identity()


@pytest.fixture
def bsre_server(bsre_identity):
    """The stand-in BSrE on a free loopback port, with one signer who can sign and one whose certificate expired."""
    state = State(
        identity=bsre_identity,
        user=BSRE_USER,
        password=BSRE_PASSWORD,
        people={
            BSRE_NIK: Person(BSRE_PASSPHRASE),
            BSRE_NIK_EXPIRED: Person("Passphrase#Lama-2020", status="EXPIRED"),
        },
    )
    server = BsreServer(state).start()
    yield server
    server.stop()


@pytest.fixture
def bsre_settings(settings, bsre_server, monkeypatch):
    """The application pointed at the stand-in BSrE."""
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # a proxy set for the registries must not carry loopback calls
    settings.SIGNING_TTE_BACKEND = "workflow.signing.backends.bsre.BsreBackend"
    settings.SIGNING_BSRE_URL = bsre_server.url + "/"
    settings.SIGNING_BSRE_USER = BSRE_USER
    settings.SIGNING_BSRE_PASSWORD = BSRE_PASSWORD
    settings.SIGNING_BSRE_TIMEOUT = 60.0  # the stand-in signs for real; a loaded machine may take seconds
    settings.SIGNING_MAX_TRIES, settings.SIGNING_LOCK_MINUTES = 5, 15
    return settings
