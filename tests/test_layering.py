"""Imports go one way (docs/STYLE): readers know nothing of renderers, renderers nothing of
readers; the document model and a few neutral vocabularies (colours, dates, clause numbers,
the OOXML package layer) are what they share; only the CLI imports click."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Set

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "redline"

#: The shared ground: importable from every layer.
NEUTRAL = {"model", "errors", "conventions", "ooxml", "inputs", "timing", "tempfiles"}
#: What each layer may import of ours, besides itself and the neutral modules.
ALLOWED: Dict[str, Set[str]] = {
    "model": set(),
    "errors": set(),
    "conventions": {"model"},
    "timing": set(),
    "ooxml": {"errors"},
    "inputs": {"errors"},
    "tempfiles": set(),
    "readers": NEUTRAL,
    "align": NEUTRAL,
    "terms": NEUTRAL | {"readers", "align"},
    "lint": NEUTRAL | {"readers", "terms"},
    "render": NEUTRAL | {"align", "terms"},
    "store": NEUTRAL | {"readers", "align", "render", "api", "lint"},
    "api": NEUTRAL | {"readers", "align", "render", "store"},
    "cli": NEUTRAL | {"readers", "align", "render", "store", "api", "terms", "lint"},
}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> Set[str]:
    """Top-level names of ``redline`` modules this file imports (function bodies included)."""
    rel = path.relative_to(PACKAGE)
    package = list(rel.parts[:-1])
    out: Set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                if node.level - 1 > len(package):
                    raise AssertionError(f"{rel}: relative import climbs out of the package")
                parts = base + (node.module.split(".") if node.module else [])
                if parts:
                    out.add(parts[0])
                else:  # ``from .. import x``: x are modules of the package root
                    out.update(a.name for a in node.names)
            elif node.module and node.module.split(".")[0] == "redline":
                parts = node.module.split(".")[1:]
                if parts:
                    out.add(parts[0])
                else:
                    out.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "redline" and len(parts) > 1:
                    out.add(parts[1])
    return out


def _click_imported(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "click"
                                                for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and not node.level and node.module \
                and node.module.split(".")[0] == "click":
            return True
    return False


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if _layer(p) not in {"__main__", "__init__"})


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_one_way(path: Path) -> None:
    layer = _layer(path)
    assert layer in ALLOWED, f"{layer}: a new layer; say in ALLOWED what it may import"
    allowed = ALLOWED[layer] | {layer}
    wrong = _imports(path) - allowed
    assert not wrong, f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(wrong)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_cli_imports_click(path: Path) -> None:
    if _layer(path) != "cli":
        assert not _click_imported(path), f"{path.relative_to(PACKAGE)} imports click"


def test_the_rule_catches_a_wrong_import(tmp_path: Path, monkeypatch) -> None:
    """The checker itself: a renderer importing a reader is reported."""
    fake = tmp_path / "redline"
    (fake / "render").mkdir(parents=True)
    bad = fake / "render" / "bad.py"
    bad.write_text("def f():\n    from ..readers.furniture import header_items\n")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    assert _imports(bad) == {"readers"}
    with pytest.raises(AssertionError, match="imports \\['readers'\\]"):
        test_imports_go_one_way(bad)
