"""Services: the application façade (use cases over a Workspace) for GUI, CLI and tests."""
