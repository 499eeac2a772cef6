"""One module per command group, each exposing `register(subparsers)`."""
