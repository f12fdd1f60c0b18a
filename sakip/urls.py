from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip.account_views import MemberListView, MemberPasswordView, OwnPasswordView
from sakip.forms import LoginForm
from sakip.pengesah_views import PengesahView, PenjabatEndView
from sakip.views import BerandaView, pemda_logo

urlpatterns = [
    path("", BerandaView.as_view(), name="home"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", OwnPasswordView.as_view(), name="password_change"),
    path("akun/pengguna/", MemberListView.as_view(), name="member-list"),
    path("akun/pengguna/<int:pk>/kata-sandi/", MemberPasswordView.as_view(), name="member-password"),
    path("akun/pengesah/", PengesahView.as_view(), name="pengesah"),
    path("akun/pengesah/<int:pk>/akhiri/", PenjabatEndView.as_view(), name="penjabat-end"),
    path("sop/", include("sop.urls")),
    path("alur/", include("workflow.urls")),
    path("kinerja/", include("sakip.kinerja.urls")),
    path("", include("workflow.signing.urls")),
    path("logo/<int:pk>/", pemda_logo, name="pemda-logo"),
    path("admin/", admin.site.urls),
]
# MEDIA_ROOT is never served as such, in no mode: its files leave only through views that check who asks.

handler500 = "sakip.views.server_error"
