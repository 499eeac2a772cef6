"""GUI: the Qt desktop shell over the services; the only package that imports Qt."""
