"""Check the package layout rules of issue #10 and print every violation.

Rules: no module over 450 lines; ``dataset.toml`` parsed in one module (the only
``tomllib`` import); no ``importlib.import_module`` outside a package
``__init__``; no import cycle between the package's modules (an import of a
package counts as an import of its ``__init__``); no import of another
module's private name; notebooks import only ``kalliola_analysis`` and
``kalliola_analysis.reports``.

Run ``python tools/check_layout.py``; the exit status is the number of
violations (0 when the layout is clean). ``tests/test_layout.py`` runs it.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "kalliola_analysis"
MAX_LINES = 450
TOML_HOME = "kalliola_analysis.io.dataset"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _resolve(mod: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = mod.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(mods: dict[str, Path]) -> dict[str, list[tuple[str, list[str], int]]]:
    """Intra-package imports per module: (target module, names, line)."""
    out: dict[str, list[tuple[str, list[str], int]]] = {}
    for mod, path in mods.items():
        found = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(mod, path, node)
                if not target.startswith("kalliola_analysis"):
                    continue
                names = [a.name for a in node.names]
                submods = [f"{target}.{n}" for n in names if f"{target}.{n}" in mods]
                rest = [n for n in names if f"{target}.{n}" not in mods]
                for s in submods:
                    found.append((s, [], node.lineno))
                if rest or not submods:
                    found.append((target, rest, node.lineno))
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("kalliola_analysis"):
                        found.append((a.name, [], node.lineno))
        out[mod] = found
    return out


def _ancestors(mod: str, mods: dict[str, Path]) -> list[str]:
    parts = mod.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in mods]


def cycles(mods: dict[str, Path], imps) -> list[list[str]]:
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, found in imps.items():
        for target, _, _ in found:
            if target not in mods:
                continue
            # importing a.b.c runs a/__init__ and a/b/__init__ first
            for t in [*_ancestors(target, mods), target]:
                if t != mod and not mod.startswith(t + "."):
                    graph[mod].add(t)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    comps: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return comps


def violations() -> list[str]:
    mods = modules()
    imps = imports(mods)
    out = []
    for mod, path in mods.items():
        text = path.read_text(encoding="utf-8")
        n = len(text.splitlines())
        if n > MAX_LINES:
            out.append(f"{mod}: {n} lines (over {MAX_LINES})")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                if "tomllib" in names and mod != TOML_HOME:
                    out.append(f"{mod}:{node.lineno}: parses TOML (only {TOML_HOME} may)")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "import_module"
                and path.name != "__init__.py"
            ):
                out.append(f"{mod}:{node.lineno}: importlib dispatch outside a package __init__")
        for target, names, line in imps[mod]:
            for name in names:
                if name.startswith("_") and not name.startswith("__") and target != mod:
                    out.append(f"{mod}:{line}: imports private name {name} from {target}")
    for comp in cycles(mods, imps):
        out.append("import cycle: " + " <-> ".join(comp))
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "kalliola_analysis"
                ):
                    allowed = node.module == "kalliola_analysis" and all(
                        a.name == "reports" for a in node.names
                    )
                    if not allowed:
                        out.append(f"notebooks/{nb.name}: imports from {node.module}")
                elif isinstance(node, ast.Import):
                    for a in node.names:
                        if a.name.startswith("kalliola_analysis") and a.name not in (
                            "kalliola_analysis",
                            "kalliola_analysis.reports",
                        ):
                            out.append(f"notebooks/{nb.name}: imports {a.name}")
    return out


if __name__ == "__main__":
    found = violations()
    print("\n".join(found) if found else "layout clean")
    sys.exit(min(len(found), 255))
