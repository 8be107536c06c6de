"""Printing in the app: preview a plan, leaflet or booklet, print it through the system dialog, or save it as a PDF."""
