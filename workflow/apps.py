from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflow"
    verbose_name = "Alur kerja"

    def ready(self) -> None:
        from sop.library.roles import register_role_holders
        from workflow import beranda
        from workflow.selectors import role_holder_names

        beranda.register()
        # Offered when a template's roles are mapped onto this OPD's pelaksana (sop.library.roles).
        register_role_holders(role_holder_names)
