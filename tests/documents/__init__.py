"""Tests of linkdesk.documents: fonts, direction, variants and real PDFs read back."""
