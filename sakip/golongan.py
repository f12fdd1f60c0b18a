"""Pangkat and golongan ruang of PNS (PP 99/2000), the real table."""

from django.db import models


class Golongan(models.TextChoices):
    I_A = "I/a", "Juru Muda"
    I_B = "I/b", "Juru Muda Tingkat I"
    I_C = "I/c", "Juru"
    I_D = "I/d", "Juru Tingkat I"
    II_A = "II/a", "Pengatur Muda"
    II_B = "II/b", "Pengatur Muda Tingkat I"
    II_C = "II/c", "Pengatur"
    II_D = "II/d", "Pengatur Tingkat I"
    III_A = "III/a", "Penata Muda"
    III_B = "III/b", "Penata Muda Tingkat I"
    III_C = "III/c", "Penata"
    III_D = "III/d", "Penata Tingkat I"
    IV_A = "IV/a", "Pembina"
    IV_B = "IV/b", "Pembina Tingkat I"
    IV_C = "IV/c", "Pembina Utama Muda"
    IV_D = "IV/d", "Pembina Utama Madya"
    IV_E = "IV/e", "Pembina Utama"


def pangkat_golongan(code: str) -> str:
    """'Pembina Utama Muda, IV/c' for 'IV/c'; empty when unknown."""
    try:
        return f"{Golongan(code).label}, {code}"
    except ValueError:
        return ""
