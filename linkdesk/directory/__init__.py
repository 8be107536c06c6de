"""The community directory: ORUK-shaped services, search, import, export and the ORUK feed."""
