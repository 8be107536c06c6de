"""The Qt user interface: the only package that imports Qt, and it never touches SQLAlchemy."""
