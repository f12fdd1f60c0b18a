from django.urls import path

from workflow import views

app_name = "workflow"

urlpatterns = [
    path("", views.RunListView.as_view(), name="run-list"),
    path("tugas/", views.TaskInboxView.as_view(), name="task-inbox"),
    path("mulai/<int:sop_pk>/", views.RunStartView.as_view(), name="run-start"),
    path("<int:pk>/", views.RunDetailView.as_view(), name="run-detail"),
    path("<int:pk>/batal/", views.RunCancelView.as_view(), name="run-cancel"),
    path("tugas/<int:pk>/selesai/", views.TaskCompleteView.as_view(), name="task-complete"),
    path("tugas/<int:pk>/kembalikan/", views.TaskSendBackView.as_view(), name="task-send-back"),
    path("tugas/<int:pk>/alihkan/", views.TaskReassignView.as_view(), name="task-reassign"),
    path("tugas/<int:pk>/berkas/", views.TaskFileView.as_view(), name="task-file"),
    path("pemegang-peran/", views.RoleHoldersView.as_view(), name="role-holders"),
    path("monitoring/", views.MonitoringListView.as_view(), name="monitoring-list"),
    path("monitoring/<uuid:seri>/", views.MonitoringDetailView.as_view(), name="monitoring-detail"),
    path("monitoring/<uuid:seri>/pdf/", views.MonitoringPdfView.as_view(), name="monitoring-pdf"),
]
