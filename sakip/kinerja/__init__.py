"""SAKIP performance data: sasaran strategis, indikator kinerja, targets, realisasi and capaian (its own app)."""
