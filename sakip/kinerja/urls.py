from django.urls import path

from sakip.kinerja.views import dashboard, documents, form_page, indikator_page, pk_page, pk_sign

app_name = "kinerja"

FORM = "form/<int:opd>/<int:tahun>/<int:triwulan>/<int:unit>/"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path(FORM, form_page.FormPengukuranView.as_view(), name="form"),
    path(FORM + "hitung/<int:indikator>/", form_page.HitungView.as_view(), name="form-hitung"),
    path(FORM + "bukti/<int:indikator>/", form_page.BuktiAddView.as_view(), name="bukti-add"),
    path(FORM + "<slug:move>/", form_page.FormMoveView.as_view(), name="form-move"),
    path("bukti/<int:pk>/", form_page.BuktiFileView.as_view(), name="bukti"),
    path("dokumen/<int:opd>/<int:tahun>/<slug:periode>/", documents.DokumenView.as_view(), name="dokumen"),
    path("pk/<int:opd>/<int:tahun>/", pk_page.PkView.as_view(), name="pk"),
    path("pk/<int:opd>/<int:tahun>/<int:versi>/pdf/", pk_sign.PkPdfView.as_view(), name="pk-pdf"),
    path("pk/<int:opd>/<int:tahun>/<int:versi>/tandatangan/", pk_sign.PkSignView.as_view(), name="pk-sign"),
    path("indikator/<int:opd>/<int:tahun>/", indikator_page.IndikatorListView.as_view(), name="indikator"),
    path(
        "indikator/<int:opd>/<int:tahun>/<int:pk>/", indikator_page.IndikatorEditView.as_view(), name="indikator-ubah"
    ),
    path("templat/<int:opd>/<int:tahun>/", documents.TemplatView.as_view(), name="templat"),
    path("impor/<int:opd>/<int:tahun>/", documents.ImportView.as_view(), name="impor"),
]
