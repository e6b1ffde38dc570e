"""The failures a user can act on, one type each; the command line catches them once and
prints one line. Anything else is a bug and keeps its traceback."""
from __future__ import annotations


class WhatweknowError(Exception):
    """A failure with a message fit to show as it is: it names the input and the reason."""


class AliasFileError(WhatweknowError, ValueError):
    """The --aliases file cannot be read or does not have the expected shape."""


class InputError(WhatweknowError, ValueError):
    """A command-line value that cannot be used (a date, a store path, an output file)."""
