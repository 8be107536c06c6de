"""Printed documents: bundled fonts, multi-script text, the three variants and the base PDF renderer."""
