"""A pelaksana for a step whose row carries no mark, from the role its uraian names as the one who acts.

"Kepala Badan mengoreksi …", "Sekretaris menyampaikan … kepada Kepala", "Penandatanganan … oleh Kepala Dinas":
the role at the start of the uraian, or after "oleh", is matched against the table's pelaksana columns (with
the abbreviations offices use: Kabid, Kasubbag, Kasi, Sekban …). A role after "kepada" is who receives, not who
acts. When no column fits, or two fit equally, there is no suggestion: it is never a guess.
"""

import re

_EXPAND = {
    "KA": "KEPALA",
    "KABID": "KEPALA BIDANG",
    "KABAG": "KEPALA BAGIAN",
    "KASUBAG": "KEPALA SUBBAGIAN",
    "KASUBBAG": "KEPALA SUBBAGIAN",
    "KASUBBID": "KEPALA SUBBIDANG",
    "KASUBID": "KEPALA SUBBIDANG",
    "KASI": "KEPALA SEKSI",
    "KASIE": "KEPALA SEKSI",
    "KADIS": "KEPALA DINAS",
    "KABAN": "KEPALA BADAN",
    "KAUPT": "KEPALA UPT",
    "SEK": "SEKRETARIS",
    "SEKR": "SEKRETARIS",
    "SEKBAN": "SEKRETARIS BADAN",
    "SEKDIS": "SEKRETARIS DINAS",
    "SEKDA": "SEKRETARIS DAERAH",
    "SEKCAM": "SEKRETARIS KECAMATAN",
    "SUBAG": "SUBBAGIAN",
    "SUBBAG": "SUBBAGIAN",
    "SUBBID": "SUBBIDANG",
    "STAFF": "STAF",
}
_HEADS = {
    "KEPALA", "SEKRETARIS", "STAF", "TIM", "ANGGOTA", "KETUA", "BENDAHARA", "CAMAT", "LURAH", "OPERATOR",
    "PENGELOLA", "ANALIS", "PENGADMINISTRASI", "ADMIN", "VERIFIKATOR", "PPK", "PPTK", "PEJABAT", "PETUGAS",
    "PENYUSUN", "PIMPINAN", "DIREKTUR", "INSPEKTUR", "AUDITOR", "ARSIPARIS", "PRANATA",
}  # fmt: skip
_UNITS = {"BIDANG", "BAGIAN", "SUBBAGIAN", "SUBBIDANG", "SEKSI", "SUBSEKSI", "UPT", "UPTD", "UNIT"}
_RECEIVER = {"KEPADA", "KE", "UNTUK", "DARI", "DENGAN", "BAGI"}
_WINDOW = 4  # a role is its head word and the few words after it


def tokens(text: str) -> list[str]:
    """Upper-case words, abbreviations written out, "SUB BAGIAN" as one word."""
    words = re.sub(r"[^0-9A-Za-z]+", " ", text.upper()).split()
    expanded: list[str] = []
    for word in words:
        expanded.extend(_EXPAND.get(word, word).split())
    joined: list[str] = []
    for word in expanded:
        if joined and joined[-1] == "SUB" and word in {"BAGIAN", "BIDANG", "SEKSI"}:
            joined[-1] = "SUB" + word
        else:
            joined.append(word)
    return joined


def _is_verb(word: str) -> bool:
    # Indonesian active verbs start with me-/mem-/men-/meng-/meny-; they end the name of a role.
    return len(word) > 4 and word.startswith("ME")


def _is_action_noun(word: str) -> bool:
    # "Pengumpulan tim …", "Penyampaian kepada …": the word after such a noun is what is acted on.
    return len(word) > 6 and word.startswith("PE") and word.endswith("AN")


def _roles(words: list[str]) -> list[list[str]]:
    """The roles named as the one who acts: at the start ("Kepala …", "Laporan Kasubag …") or after "oleh"."""
    starts = [0] if words and words[0] in _HEADS else []
    if not starts and len(words) > 1 and words[1] in _HEADS:
        starts = [] if _is_verb(words[0]) or _is_action_noun(words[0]) else [1]
    starts += [i + 1 for i, word in enumerate(words[:-1]) if word == "OLEH" and words[i + 1] in _HEADS]
    roles = []
    for start in starts:
        role = []
        for word in words[start : start + _WINDOW]:
            if word in _RECEIVER or _is_verb(word):
                break
            role.append(word)
        roles.append(role)
    return roles


def _score(role: list[str], column: list[str]) -> float | None:
    if not role or role[0] not in column:
        return None
    role_units = {word for word in role if word in _UNITS}
    column_units = {word for word in column if word in _UNITS}
    if role_units - column_units or (not role_units and column_units):
        return None  # "Kepala Bidang" is not the column "Kepala Seksi", nor "Kepala Badan" the column "Kabid"
    shared = set(role) & set(column)
    return len(shared) - 0.1 * len(set(column) - shared)


def suggest_pelaksana(uraian: str, names: list[str]) -> int | None:
    """The index of the one column the uraian names as who acts, None when it names none or several equally."""
    columns = [tokens(name) for name in names]
    for role in _roles(tokens(uraian)):
        scored = [(score, index) for index, column in enumerate(columns) if (score := _score(role, column)) is not None]
        if not scored:
            continue
        best = max(score for score, _index in scored)
        winners = [index for score, index in scored if score == best]
        return winners[0] if len(winners) == 1 else None
    return None
