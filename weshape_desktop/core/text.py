"""Text shown to people in either direction (GLOSSARY-ar: Latin identifiers stay LTR)."""


def isolate(text: str) -> str:
    """`text` (a file name, a path, a name the user typed) wrapped in FSI…PDI, so it keeps its own
    direction inside a sentence of the other one (GLOSSARY-ar: Latin identifiers stay LTR)."""
    return f"\u2068{text}\u2069"
