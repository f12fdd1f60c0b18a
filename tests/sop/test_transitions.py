"""The SOP lifecycle: every allowed and every forbidden move, with its audit rows."""

import pytest

from sop.models import Sop, SopStatusLog
from sop.transitions import TransitionError, sop_approve, sop_return, sop_revise, sop_submit
from tests.factories import PegawaiFactory, build_sop

pytestmark = pytest.mark.django_db
S = Sop.Status

MOVES = {
    "submit": lambda sop, user: sop_submit(sop=sop, actor=user),
    "approve": lambda sop, user: sop_approve(sop=sop, actor=user),
    "return": lambda sop, user: sop_return(sop=sop, actor=user, reason="Perbaiki langkah 3"),
    "revise": lambda sop, user: sop_revise(sop=sop, actor=user),
}
ALLOWED = {
    # (from, move): (who may, resulting status of the row moved)
    (S.DRAFT, "submit"): ("penyusun", S.DIAJUKAN),
    (S.DIAJUKAN, "approve"): ("kepala", S.DISAHKAN),
    (S.DIAJUKAN, "return"): ("kepala", S.DRAFT),
    (S.DISAHKAN, "revise"): ("penyusun", S.DISAHKAN),
}


@pytest.mark.parametrize(("start", "move"), list(ALLOWED))
def test_allowed_move_writes_one_audit_row(start, move, request, opd, penyusun, kepala):
    who, result = ALLOWED[(start, move)]
    actor = request.getfixturevalue(who)
    sop = build_sop(opd=opd, status=start)

    outcome = MOVES[move](sop, actor)

    sop.refresh_from_db()
    assert sop.status == result
    rows = SopStatusLog.objects.filter(actor=actor)
    assert rows.count() == 1
    if move == "revise":
        assert (outcome.versi, outcome.status, outcome.revisi_dari) == (2, S.DRAFT, sop)
    else:
        assert (rows.get().dari, rows.get().ke) == (start, result)


FORBIDDEN = [(start, move) for start in S.values for move in MOVES if (start, move) not in ALLOWED]


@pytest.mark.parametrize(("start", "move"), FORBIDDEN)
def test_forbidden_state_is_refused_and_nothing_changes(start, move, opd, penyusun, kepala):
    actor = kepala if move in ("approve", "return") else penyusun
    sop = build_sop(opd=opd, status=start)

    with pytest.raises(TransitionError):
        MOVES[move](sop, actor)

    sop.refresh_from_db()
    assert sop.status == start
    assert SopStatusLog.objects.count() == 0
    assert Sop.objects.count() == 1


@pytest.mark.parametrize(("start", "move", "who"), [(s, m, w) for (s, m), (w, _r) in ALLOWED.items()])
def test_wrong_person_is_refused(start, move, who, opd, penyusun, kepala, sekretaris, outsider):
    # The colleague who may not: the other role of the same OPD; and an outsider from another OPD.
    colleague = {"penyusun": kepala, "kepala": penyusun}[who]
    sop = build_sop(opd=opd, status=start)

    for actor in (colleague, outsider):
        with pytest.raises(TransitionError):
            MOVES[move](sop, actor)

    sop.refresh_from_db()
    assert sop.status == start
    assert SopStatusLog.objects.count() == 0


def test_return_needs_a_reason(opd, kepala):
    sop = build_sop(opd=opd, status=S.DIAJUKAN)

    with pytest.raises(TransitionError, match="alasan"):
        sop_return(sop=sop, actor=kepala, reason="  ")


def test_incomplete_draft_cannot_be_submitted(opd, penyusun):
    sop = build_sop(opd=opd, steps=0, columns=0, nomor="")

    with pytest.raises(TransitionError) as caught:
        sop_submit(sop=sop, actor=penyusun)

    assert "nomor SOP, langkah, pelaksana" in str(caught.value)


def test_approval_keeps_the_signer_as_he_was_when_signing(opd, kepala):
    signer = PegawaiFactory(
        opd=opd, nama="Ir. WIDARSO, M.M", nip="196207281989011001", golongan="IV/c", jabatan="Kepala"
    )
    sop = build_sop(opd=opd, status=S.DIAJUKAN, pengesah=signer)

    sop_approve(sop=sop, actor=kepala)
    signer.nama, signer.golongan, signer.jabatan = "Ir. WIDARSO, M.M., Ph.D", "IV/d", "Sekda"
    signer.save()

    sop.refresh_from_db()
    assert sop.pengesah_tampil == {
        "jabatan": "Kepala",
        "nama": "Ir. WIDARSO, M.M",
        "pangkat": "Pembina Utama Muda, IV/c",
        "nip": "19620728 198901 1 001",
    }
    assert sop.tanggal_efektif is not None


def test_revision_is_a_new_version_and_the_old_one_is_superseded_when_it_is_signed(opd, penyusun, kepala):
    old = build_sop(opd=opd, status=S.DISAHKAN, steps=3)

    new = sop_revise(sop=old, actor=penyusun)
    with pytest.raises(TransitionError, match="sudah ada"):
        sop_revise(sop=old, actor=penyusun)
    old.refresh_from_db()
    assert old.status == S.DISAHKAN  # still in force while the revision is a draft
    assert (new.nomor, new.seri, new.versi) == (old.nomor, old.seri, 2)
    assert [s.uraian for s in new.langkah.all()] == [s.uraian for s in old.langkah.all()]
    assert {s.pelaksana.sop_id for s in new.langkah.all()} == {new.pk}

    sop_submit(sop=new, actor=penyusun)
    sop_approve(sop=new, actor=kepala)

    old.refresh_from_db()
    assert old.status == S.DIGANTI
    assert old.langkah.count() == 3  # still readable
    assert SopStatusLog.objects.filter(sop=old, ke=S.DIGANTI).count() == 1
