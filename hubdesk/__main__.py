"""`python -m hubdesk`: the same as the `hubdesk` program."""

from hubdesk.launcher import entry_point

entry_point()
