"""The `sitrep` command line: a thin shell over the library."""
