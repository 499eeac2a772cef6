"""Kernel: errors, translations, paths, ids, clocks and progress shared by every layer."""
