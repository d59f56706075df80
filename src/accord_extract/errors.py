"""Errors the tool reports to people; stdlib only so every layer can raise them."""


class AccordError(Exception):
    """Base class: an error with a message fit for one line on stderr."""


class ResourceError(AccordError):
    """A package data file is missing or malformed."""


class InputError(AccordError):
    """An article cannot be read as text (missing, a folder, binary, undecodable)."""


class GoldError(AccordError):
    """A gold annotation does not validate."""
