from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sop", "0007_buku_sop_log"),
        ("sop", "0007_text_limits"),
    ]

    operations = []
