"""weShape Desktop: browse, download and organise weShape illustrations."""

__version__ = "0.1.0"
