"""The SOP lifecycle: every allowed and every forbidden move, with its audit rows."""

import pytest

from sop.models import Sop, SopStatusLog, SyaratPengajuan
from sop.permissions import ROLES_FOR_MOVE
from sop.services import content_of, sop_update
from sop.transitions import SOP_STATES, TransitionError, can, sop_approve, sop_return, sop_revise, sop_submit
from tests.sakip.factories import KepalaPegawaiFactory
from tests.sop.factories import build_sop

pytestmark = pytest.mark.django_db
S = Sop.Status


def _edit(sop, user):
    content = content_of(sop)
    content.identity["judul"] = "Judul baru"
    return sop_update(sop=sop, content=content, expected_version=sop.lock_version, updated_by=user)


# Every move a person makes, as the table names it; the table says from which states each is allowed.
MOVES = {
    "edit": _edit,
    "submit": lambda sop, user: sop_submit(sop=sop, actor=user),
    "approve": lambda sop, user: sop_approve(sop=sop, actor=user),
    "return": lambda sop, user: sop_return(sop=sop, actor=user, reason="Perbaiki langkah 3"),
    "revise": lambda sop, user: sop_revise(sop=sop, actor=user),
}
WHO = {
    move: "kepala" if set(roles) <= {"kepala", "sekretaris"} else "penyusun" for move, roles in ROLES_FOR_MOVE.items()
}
ALLOWED = [(state, move) for move in MOVES for state in SOP_STATES[move].sources]
FORBIDDEN = [(state, move) for state in S.values for move in MOVES if not SOP_STATES.allows(move, state)]


def test_the_table_covers_every_status_and_every_move_a_person_makes():
    assert set(SOP_STATES.states) == set(S.values)
    assert set(MOVES) == set(ROLES_FOR_MOVE)
    assert SOP_STATES.pipeline == {
        S.DRAFT: (S.DRAFT, S.DIAJUKAN),
        S.DIAJUKAN: (S.DRAFT, S.DISAHKAN),
        S.DISAHKAN: (S.DISAHKAN, S.DIGANTI),
        S.DIGANTI: (),
    }


@pytest.mark.parametrize(("start", "move"), ALLOWED)
def test_allowed_move_writes_one_audit_row(start, move, request, opd, penyusun, kepala):
    actor = request.getfixturevalue(WHO[move])
    sop = build_sop(opd=opd, status=start)
    history = sop.history.count()

    outcome = MOVES[move](sop, actor)

    sop.refresh_from_db()
    assert sop.status == SOP_STATES.target(move)
    rows = SopStatusLog.objects.filter(actor=actor)
    if move == "edit":  # an edit is not a status move: its record is the history, with its author
        assert rows.count() == 0
        assert sop.history.count() == history + 1
        assert sop.history.first().history_user == actor
    elif move == "revise":
        assert rows.count() == 1
        assert (outcome.versi, outcome.status, outcome.revisi_dari) == (2, S.DRAFT, sop)
    else:
        assert rows.count() == 1
        assert (rows.get().dari, rows.get().ke) == (start, SOP_STATES.target(move))


@pytest.mark.parametrize(("start", "move"), FORBIDDEN)
def test_forbidden_state_is_refused_and_nothing_changes(start, move, request, opd, penyusun, kepala):
    actor = request.getfixturevalue(WHO[move])
    sop = build_sop(opd=opd, status=start)

    with pytest.raises(TransitionError):
        MOVES[move](sop, actor)

    sop.refresh_from_db()
    assert sop.status == start
    assert SopStatusLog.objects.count() == 0
    assert Sop.objects.count() == 1
    assert not can(actor, move, sop)


@pytest.mark.parametrize(("start", "move"), [(s, m) for s, m in ALLOWED if m != "edit"])
def test_wrong_person_is_refused(start, move, opd, penyusun, kepala, sekretaris, outsider):
    # The colleague who may not: the other role of the same OPD; and an outsider from another OPD.
    colleague = {"penyusun": kepala, "kepala": penyusun}[WHO[move]]
    sop = build_sop(opd=opd, status=start)

    for actor in (colleague, outsider):
        assert not can(actor, move, sop)
        with pytest.raises(TransitionError):
            MOVES[move](sop, actor)

    sop.refresh_from_db()
    assert sop.status == start
    assert SopStatusLog.objects.count() == 0


def test_return_needs_a_reason(opd, kepala):
    sop = build_sop(opd=opd, status=S.DIAJUKAN)

    with pytest.raises(TransitionError, match="alasan"):
        sop_return(sop=sop, actor=kepala, reason="  ")


def test_incomplete_draft_cannot_be_submitted_and_every_gap_is_named(opd, penyusun):
    sop = build_sop(opd=opd, steps=0, columns=0, nomor="", pengesah=None, tanggal_pembuatan=None)
    sop.items.filter(jenis="dasar_hukum").delete()

    with pytest.raises(TransitionError) as caught:
        sop_submit(sop=sop, actor=penyusun)

    # No "nomor SOP": an empty nomor is given from the register when the Kepala signs (workflow.signing).
    assert str(caught.value) == (
        "Lengkapi dulu sebelum diajukan: pejabat pengesah (Disahkan oleh), tanggal pembuatan, "
        "paling sedikit satu dasar hukum, pelaksana, langkah."
    )
    assert sop.status_log.count() == 0


def test_without_numbering_at_approval_an_empty_nomor_is_a_gap(opd, penyusun, monkeypatch):
    from sop import approval

    monkeypatch.setitem(approval._numbering, "at_approval", False)
    sop = build_sop(opd=opd, steps=3, nomor="")
    with pytest.raises(TransitionError, match="nomor SOP"):
        sop_submit(sop=sop, actor=penyusun)


def test_steps_without_pelaksana_or_waktu_are_named_by_number(opd, penyusun):
    sop = build_sop(opd=opd, steps=4, columns=2)
    sop.langkah.filter(urutan__in=[2, 4]).update(pelaksana=None)
    sop.langkah.filter(urutan=3).update(waktu_nilai=None, waktu_teks="2 Menit")

    with pytest.raises(TransitionError) as caught:
        sop_submit(sop=sop, actor=penyusun)

    assert "pelaksana pada langkah 2, 4, Mutu Baku waktu pada langkah 3." in str(caught.value)


def test_a_pemda_may_relax_the_submission_checks(opd, penyusun):
    SyaratPengajuan.objects.create(pemda=opd.pemda, wajib_nomor=False, wajib_pengesah=False, wajib_dasar_hukum=False)
    sop = build_sop(opd=opd, nomor="", pengesah=None)
    sop.items.filter(jenis="dasar_hukum").delete()

    sop_submit(sop=sop, actor=penyusun)

    sop.refresh_from_db()
    assert sop.status == S.DIAJUKAN


def test_approval_keeps_the_signer_as_he_was_when_signing(opd, kepala):
    signer = KepalaPegawaiFactory(
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
