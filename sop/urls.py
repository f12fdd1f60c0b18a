from django.urls import path

from sop import views
from sop.importing import views as import_views
from sop.library import views as library_views

app_name = "sop"

urlpatterns = [
    path("", views.SopListView.as_view(), name="sop-list"),
    path("buku/", views.BukuSopView.as_view(), name="buku"),
    path("buku/<int:pk>/kemajuan/", views.BukuSopProgressView.as_view(), name="buku-progress"),
    path("buku/<int:pk>/unduh/", views.BukuSopDownloadView.as_view(), name="buku-download"),
    path("buku/<int:pk>/ulangi/", views.BukuSopRetryView.as_view(), name="buku-retry"),
    path("baru/", views.SopCreateView.as_view(), name="sop-create"),
    path("<int:pk>/", views.SopDetailView.as_view(), name="sop-detail"),
    path("<int:pk>/ubah/", views.SopUpdateView.as_view(), name="sop-update"),
    path("<int:pk>/cetak/", views.SopPrintPreviewView.as_view(), name="sop-print"),
    path("<int:pk>/pdf/", views.SopPdfView.as_view(), name="sop-pdf"),
    path("<int:pk>/riwayat/", views.SopHistoryView.as_view(), name="sop-history"),
    path("<int:pk>/bandingkan/", views.SopCompareView.as_view(), name="sop-compare"),
    path("<int:pk>/ajukan/", views.SopSubmitView.as_view(), name="sop-submit"),
    path("<int:pk>/sahkan/", views.SopApproveView.as_view(), name="sop-approve"),
    path("<int:pk>/kembalikan/", views.SopReturnView.as_view(), name="sop-return"),
    path("<int:pk>/revisi/", views.SopReviseView.as_view(), name="sop-revise"),
]

# Import of existing SOP documents (Word and its text export): upload → preview → confirm → result.
urlpatterns += [
    path("impor/", import_views.SopImportUploadView.as_view(), name="sop-import"),
    path("impor/hasil/", import_views.SopImportResultView.as_view(), name="sop-import-result"),
    path("impor/<slug:token>/", import_views.SopImportPreviewView.as_view(), name="sop-import-preview"),
    path("impor/<slug:token>/opd/", import_views.SopImportOpdView.as_view(), name="sop-import-opd"),
]

# New SOPs from the template library.
urlpatterns += [
    path("templat/", library_views.TemplateListView.as_view(), name="template-list"),
    path("templat/<slug:slug>/", library_views.TemplateUseView.as_view(), name="template-use"),
    path("templat/<slug:slug>/perubahan/", library_views.TemplateChangesView.as_view(), name="template-changes"),
]
