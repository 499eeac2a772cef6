"""Python forms generated from ui/*.ui by `python -m hubdesk.gui.uic`."""
