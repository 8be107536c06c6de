"""Tools > Reports: the commissioner report on screen (tables and charts), saved as PDF or CSV."""
