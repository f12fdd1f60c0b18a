"""Signatures (PAdES) on SOPs and run documents, numbering, and the public verification (its own app)."""
