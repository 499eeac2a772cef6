"""CLI: the `hubdesk` command line for scripted and headless use."""
