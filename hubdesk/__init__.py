"""HubDesk: the offline-first workstation of hub.brussels advisors and trade attachés."""

__version__ = "0.1.0"
