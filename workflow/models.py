"""Runs of an SOP (pengukuran kinerja) from disposisi to arsip: see the workflow issue."""
