"""Shared by the compare tests: two versions written to files and compared through the CLI."""
from __future__ import annotations

from pathlib import Path
from typing import Union

from click.testing import CliRunner

from redline.cli import cli


def run_compare(tmp_path: Path, old: Union[str, bytes], new: Union[str, bytes],
                output: str = "out.docx", suffix: str = ".docx", code: int = 1) -> Path:
    """``redline compare old new -o output`` on the two versions (text or bytes, written as
    ``old<suffix>`` and ``new<suffix>``), asserting the exit code; the output's path."""
    paths = []
    for name, data in (("old", old), ("new", new)):
        path = tmp_path / f"{name}{suffix}"
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data)
        paths.append(str(path))
    out = tmp_path / output
    res = CliRunner().invoke(cli, ["compare", *paths, "-o", str(out)])
    assert res.exit_code == code, res.output
    return out
