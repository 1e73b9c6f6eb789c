"""The library's public functions; ``redline/__init__.py`` re-exports them lazily."""
from __future__ import annotations

from typing import Optional, Union

from .model import Document
from .readers import ReadOptions, read_document


def read(source: Union[str, Document], options: Optional[ReadOptions] = None) -> Document:
    """Read a DOCX, PDF, text or markdown proposal or redline into a :class:`Document`."""
    if isinstance(source, Document):
        return source
    return read_document(str(source), options)
