"""XLSX in and out: the template an office fills (read back all-or-nothing) and the Dokumen Pengukuran Kinerja."""
