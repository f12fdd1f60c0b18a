from django.urls import path

from workflow.signing import views

app_name = "signing"

urlpatterns = [
    path("v/<str:token>/", views.VerifyView.as_view(), name="verify"),
    path("tte/sop/<int:pk>/", views.SopReviewView.as_view(), name="sop-review"),
    path("tte/sop/<int:pk>/pratinjau.pdf", views.SopReviewPdfView.as_view(), name="sop-review-pdf"),
    path("tte/tugas/<int:pk>/tandatangani/", views.RunSignView.as_view(), name="run-sign"),
    path("tte/tugas/<int:pk>/nomor/", views.RunNumberView.as_view(), name="run-number"),
    path("tte/sertifikat/", views.CertificateView.as_view(), name="certificate"),
    path("tte/arsip/", views.ArsipView.as_view(), name="arsip"),
    path("tte/dokumen/<str:token>/unduh/", views.SignedDownloadView.as_view(), name="download"),
]
