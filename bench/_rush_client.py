"""The virtual users of the end-of-triwulan rush (bench/load_rush.py): browsers of one office, as plain HTTP.

Each user logs in, reads the pages a person reads and posts what the pages post (the CSRF token taken from the
page, the cookies kept by hand), and writes down every request (kind, status, time) and every move it made with
what the application answered: `ok` (the success message came back), `refused` (an error message: someone was
first, or the form is locked), `unknown` (a 5xx or a broken connection: the move may or may not have been made).
"""

import html
import http.client
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

ALERT = re.compile(r'<div class="alert alert-(\w+)[^"]*" role="alert">(.*?)<button', re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TAGS = re.compile(r"<[^>]+>")


@dataclass
class Request:
    kind: str
    method: str
    path: str
    status: int  # 0: no answer (connection refused or reset, timeout)
    started: float  # seconds since the load began
    seconds: float
    error: str = ""


@dataclass
class Move:
    kind: str  # complete, nomor, realisasi, ajukan, validasi, buka, sign
    target: str  # task:<pk>, form:<opd>/<tahun>/<tw>/<unit>, sop:<pk>
    outcome: str  # ok, refused, unknown
    user: str
    started: float
    detail: str = ""  # the message, the number given, the rows saved


@dataclass
class Journal:
    """What all users did, appended from their threads."""

    origin: float
    requests: list[Request] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.origin

    def add_request(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)

    def add_move(self, move: Move) -> None:
        with self.lock:
            self.moves.append(move)


class Answer:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("location", "")).path or ""

    def messages(self) -> list[tuple[str, str]]:
        return [(tag, html.unescape(TAGS.sub("", text)).strip()) for tag, text in ALERT.findall(self.text)]

    def csrf(self) -> str:
        found = CSRF.search(self.text)
        return found.group(1) if found else ""


class Session:
    """One browser: its own cookies, talking to one of the application servers as the HTTPS proxy would."""

    def __init__(self, port: int, journal: Journal):
        self.port, self.journal = port, journal
        self.cookies: dict[str, str] = {}

    def request(self, kind: str, method: str, path: str, form: dict | None = None, timeout: float = 60) -> Answer:
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        started = self.journal.now()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.journal.add_request(Request(kind, method, path, 0, started, self.journal.now() - started, repr(error)))
            return Answer(0, {}, b"")
        answer_headers = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, _rest = value.partition(";")
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val
            else:
                answer_headers[name.lower()] = value
        self.journal.add_request(Request(kind, method, path, response.status, started, self.journal.now() - started))
        return Answer(response.status, answer_headers, content)

    def get(self, kind: str, path: str) -> Answer:
        """A page; a 503 (database being recovered) is asked again after its Retry-After, as a browser would."""
        for _attempt in range(4):
            answer = self.request(kind, "GET", path)
            if answer.status not in (0, 503):
                return answer
            time.sleep(float(answer.headers.get("retry-after", 1)))
        return answer

    def post(self, kind: str, path: str, form: dict) -> tuple[Answer, Answer | None]:
        """A form sent once (never resent by itself), and the page it redirects to, read for its message."""
        answer = self.request(kind, "POST", path, form)
        if answer.status in (301, 302, 303) and answer.location:
            return answer, self.get(kind + " (halaman)", answer.location)
        return answer, None

    def login(self, username: str, password: str) -> bool:
        for _attempt in range(10):
            page = self.get("masuk", "/masuk/")
            token = page.csrf()
            if token:
                answer = self.request(
                    "masuk",
                    "POST",
                    "/masuk/",
                    {"username": username, "password": password, "csrfmiddlewaretoken": token},
                )
                if answer.status == 302:
                    return True
            time.sleep(1)
        return False


def outcome_of(answer: Answer, page: Answer | None, success_words: str) -> tuple[str, str]:
    """ok / refused / unknown, and the message the person read."""
    if answer.status == 0 or answer.status >= 500:
        return "unknown", f"HTTP {answer.status}"
    if page is None:
        texts = answer.messages()
        if answer.status in (400, 409, 422):
            return "refused", " ".join(t for _tag, t in texts) or f"HTTP {answer.status}"
        return "unknown", f"HTTP {answer.status}"
    if page.status == 0 or page.status >= 500:
        return "unknown", f"halaman HTTP {page.status}"
    texts = page.messages()
    for tag, text in texts:
        if tag == "success" and re.search(success_words, text):
            return "ok", text
    for tag, text in texts:
        if tag == "danger":
            return "refused", text
    return "unknown", "tanpa pesan: " + "; ".join(t for _tag, t in texts)


class User:
    """One person of an office; `run` loops until the deadline. `twin` is the same person on a second device,
    used for a double submit now and then (two posts of the same move at once)."""

    def __init__(self, plan: dict, ports: list[int], journal: Journal, *, deadline: float, seed: int, double: float):
        self.plan, self.journal, self.deadline = plan, journal, deadline
        self.name = plan["username"]
        self.random = random.Random(seed)
        port = ports[seed % len(ports)]
        self.session = Session(port, journal)
        self.twin = Session(ports[(seed + 1) % len(ports)], journal)  # the other server: a second device
        self.double = double
        self.errors: list[str] = []

    def move(self, kind: str, target: str, outcome: tuple[str, str]) -> None:
        self.journal.add_move(Move(kind, target, outcome[0], self.name, self.journal.now(), outcome[1]))

    def think(self) -> None:
        time.sleep(self.random.uniform(0.2, 1.0))

    def run(self) -> None:
        password = self.plan["password"]
        if not (self.session.login(self.name, password) and self.twin.login(self.name, password)):
            self.errors.append(f"{self.name}: tidak bisa masuk")
            return
        while self.journal.now() < self.deadline:
            try:
                self.step()
            except Exception as error:  # a bug of this client must not end the run unseen
                self.errors.append(f"{self.name}: {error!r}")
                time.sleep(1)
            self.think()

    def step(self) -> None:
        raise NotImplementedError

    def post_move(self, kind: str, target: str, path: str, form: dict, words: str) -> str:
        """Post a move; now and then from both of the person's devices at once, one on each server."""
        if self.random.random() >= self.double:
            answer, page = self.session.post(kind, path, form)
            outcome = outcome_of(answer, page, words)
            self.move(kind, target, outcome)
            return outcome[0]
        # The twin's own token: its CSRF cookie's secret, which Django accepts unmasked as well.
        twin_form = dict(form, csrfmiddlewaretoken=self.twin.cookies.get("csrftoken", ""))
        results: list = [None, None]

        def send(i: int, session: Session, data: dict) -> None:
            answer, page = session.post(kind, path, data)
            results[i] = outcome_of(answer, page, words)

        threads = [threading.Thread(target=send, args=(i, s, d))
                   for i, (s, d) in enumerate(((self.session, form), (self.twin, twin_form)))]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for outcome in results:
            self.move(kind, target, outcome)
        return "ok" if any(o[0] == "ok" for o in results) else results[0][0]


class Staff(User):
    """Completes the run tasks waiting for them, fills and submits their bidang's form, downloads SOP PDFs."""

    def step(self) -> None:
        roll = self.random.random()
        if roll < 0.6:
            self.task()
        elif roll < 0.85:
            self.form()
        elif roll < 0.95:
            self.pdf()
        else:
            self.session.get("beranda", "/")

    def task(self) -> None:
        inbox = self.session.get("tugas saya", "/alur/tugas/")
        runs = sorted(set(re.findall(r'href="/alur/(\d+)/"', inbox.text)))
        if not runs:
            return
        run = self.random.choice(runs)
        page = self.session.get("pelaksanaan", f"/alur/{run}/")
        found = re.search(r'action="/alur/tugas/(\d+)/selesai/"', page.text)
        if not found or not page.csrf():
            return
        task = found.group(1)
        token = page.csrf()
        if f'action="/tte/tugas/{task}/nomor/"' in page.text and "Nomor surat pengantar:" not in page.text:
            answer, after = self.session.post(
                "nomor surat", f"/tte/tugas/{task}/nomor/", {"csrfmiddlewaretoken": token}
            )
            outcome = outcome_of(answer, after, r"^Nomor surat pengantar")
            self.move("nomor", f"task:{task}", outcome)
            if outcome[0] != "ok":
                return
        form = {"csrfmiddlewaretoken": token, "catatan": f"Isian lengkap ({self.name}, {self.journal.now():.1f} s)"}
        self.post_move("complete", f"task:{task}", f"/alur/tugas/{task}/selesai/", form, r"^Langkah \d+ selesai")

    def form_path(self) -> tuple[str, str]:
        plan = self.plan
        tw = self.random.randint(1, 4)
        path = f"/kinerja/form/{plan['opd']}/{plan['tahun']}/{tw}/{plan['unit']}/"
        return path, f"form:{plan['opd']}/{plan['tahun']}/{tw}/{plan['unit']}"

    def form(self) -> None:
        path, target = self.form_path()
        page = self.session.get("form kinerja", path)
        names = sorted(set(re.findall(r'name="(r\d+)-nilai"', page.text)))  # only while the form is editable
        if not page.csrf():
            return
        if names:
            data = {"csrfmiddlewaretoken": page.csrf()}
            for prefix in names:
                data[f"{prefix}-nilai"] = str(self.random.randint(10, 100))
                data[f"{prefix}-catatan"] = f"Diisi {self.name}"
            answer, after = self.session.post("simpan realisasi", path, data)
            outcome = outcome_of(answer, after, r"^Tersimpan")
            self.move("realisasi", target, outcome)
            if outcome[0] != "ok":
                return
            page = after
        if f'action="{path}ajukan/"' in page.text:
            self.post_move("ajukan", target, path + "ajukan/", {"csrfmiddlewaretoken": page.csrf()}, r"kini diajukan")

    def pdf(self) -> None:
        listing = self.session.get("daftar SOP", "/sop/")
        sops = sorted(set(re.findall(r'href="/sop/(\d+)/"', listing.text)))
        if sops:
            self.session.get("PDF SOP", f"/sop/{self.random.choice(sops)}/pdf/?kertas=A4")


class Kabid(User):
    """Validates the forms of the bidang that were submitted; unlocks a validated one now and then."""

    def step(self) -> None:
        if self.random.random() < 0.1:
            self.session.get("beranda", "/")
            return
        plan = self.plan
        tw = self.random.randint(1, 4)
        path = f"/kinerja/form/{plan['opd']}/{plan['tahun']}/{tw}/{plan['unit']}/"
        target = f"form:{plan['opd']}/{plan['tahun']}/{tw}/{plan['unit']}"
        page = self.session.get("form kinerja", path)
        token = page.csrf()
        if f'action="{path}validasi/"' in page.text:
            self.post_move("validasi", target, path + "validasi/", {"csrfmiddlewaretoken": token}, r"kini divalidasi")
        elif f'action="{path}buka/"' in page.text and self.random.random() < 0.5:
            form = {"csrfmiddlewaretoken": token, "alasan": "Perbaikan isian triwulan"}
            self.post_move("buka", target, path + "buka/", form, r"kini draf")


class Kepala(User):
    """Signs the SOPs waiting for them (passphrase typed), downloads signed PDFs, looks at the beranda."""

    def step(self) -> None:
        roll = self.random.random()
        if roll < 0.5:
            self.sign()
        elif roll < 0.8:
            self.download()
        else:
            self.session.get("beranda", "/")

    def sign(self) -> None:
        inbox = self.session.get("tugas saya", "/alur/tugas/")
        waiting = sorted(set(re.findall(r'href="/tte/sop/(\d+)/"', inbox.text)))
        if not waiting:
            self.download()
            return
        sop = self.random.choice(waiting)
        page = self.session.get("periksa & tanda tangani", f"/tte/sop/{sop}/")
        if 'data-testid="sign-form"' not in page.text:
            return
        form = {"csrfmiddlewaretoken": page.csrf(), "passphrase": self.plan["passphrase"]}
        if self.post_move("sign", f"sop:{sop}", f"/tte/sop/{sop}/", form, r"disahkan dan ditandatangani") == "ok":
            self.session.get("PDF SOP", f"/sop/{sop}/pdf/?kertas=A4")

    def download(self) -> None:
        arsip = self.session.get("arsip TTE", "/tte/arsip/")
        tokens = re.findall(r'href="/tte/dokumen/([^/"]+)/unduh/"', arsip.text)
        if tokens:
            self.session.get("unduh PDF bertanda tangan", f"/tte/dokumen/{self.random.choice(tokens)}/unduh/")


ROLES = {"penyusun": Staff, "validator": Kabid, "kepala": Kepala}
