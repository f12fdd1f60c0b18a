from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip.forms import LoginForm
from sakip.views import BerandaView

urlpatterns = [
    path("", BerandaView.as_view(), name="home"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sop/", include("sop.urls")),
    path("alur/", include("workflow.urls")),
    path("kinerja/", include("sakip.kinerja.urls")),
    path("", include("workflow.signing.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
