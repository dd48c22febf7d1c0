"""The layering of src/onrecord stays true: imports run one way, from later stages to earlier ones.

Every import statement of every module is read with `ast` (those inside functions too, so a
function-local import cannot hide a cycle), resolved to an onrecord module, and checked:
- no module imports one of a later layer;
- the import graph has no cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# The pipeline, in order. A module may import from its own layer and the layers before it.
LAYERS: list[set[str]] = [
    {"model", "settings"},
    {"errors"},
    {"text"},          # the spaCy model loader, shared word lists
    {"ingest"},        # every reader: text, html, url, jsonl, warc, parquet
    {"entities"},
    {"attribution"},
    {"events"},
    {"pipeline"},      # Article -> Record over the stages above
    {"stance"},        # claim/text stance classifier (no record knowledge)
    {"record"},        # linking, claims, conflicts, claim search
    {"store"},         # persistence only
    {"run"},           # local workers, Ray
    {"service", ""},   # jobs and queries; "" is the package's own __init__ (the public API)
    {"eval"},
    {"cli", "web", "summary", "__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, src: Path = SRC) -> set[str]:
    """The onrecord modules PATH imports (relative imports resolved)."""
    mod = _module_name(path, src)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "onrecord" or target.startswith("onrecord."):
                # `from . import nlp` names a submodule when one exists
                names = [f"{target}.{a.name}" for a in node.names]
                subs = [n for n in names if _exists(n, src)]
                out.update(subs or [target])
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name == "onrecord" or a.name.startswith("onrecord."))
    out.discard(mod)
    return out


def _exists(module: str, src: Path = SRC) -> bool:
    rel = Path(*module.split("."))
    return (src / rel).with_suffix(".py").exists() or (src / rel / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    files = sorted((SRC / "onrecord").rglob("*.py"))
    assert files, "no modules found under src/onrecord"
    return {_module_name(p): _imports(p) for p in files}


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    assert top in RANK, f"{module}: its top-level name {top!r} has no layer in tests/test_layers.py"
    return RANK[top]


def test_layers_every_module_has_a_layer() -> None:
    graph = _graph()
    assert len(graph) > 50
    for module in graph:
        _layer(module)


def test_layers_imports_never_reach_a_later_stage() -> None:
    graph = _graph()
    upward = [f"{m} (layer {_layer(m)}) imports {d} (layer {_layer(d)})"
              for m, deps in sorted(graph.items()) for d in sorted(deps) if _layer(d) > _layer(m)]
    assert not upward, "imports from a later stage:\n" + "\n".join(upward)


def test_layers_no_import_cycle() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}   # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if d not in graph:
                continue
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("where, source, expect", [
    ("onrecord/store/x.py", "from ..record import build_record\n", "onrecord.record"),
    ("onrecord/pipeline.py", "from .text import nlp\n", "onrecord.text.nlp"),
    ("onrecord/store/z.py", "def f():\n    from ..cli import main\n", "onrecord.cli"),
])
def test_layers_checker_resolves_imports(tmp_path: Path, where: str, source: str, expect: str) -> None:
    """The checker itself: relative and function-local imports resolve to what they name."""
    for pkg in ("onrecord", "onrecord/store", "onrecord/text", "onrecord/record", "onrecord/cli"):
        (tmp_path / pkg).mkdir(parents=True, exist_ok=True)
        (tmp_path / pkg / "__init__.py").write_text("")
    (tmp_path / "onrecord" / "text" / "nlp.py").write_text("")
    target = tmp_path / where
    target.write_text(source)
    assert expect in _imports(target, tmp_path)
    upward = _layer(expect) > _layer(_module_name(target, tmp_path))
    assert upward == expect.endswith("cli")   # store importing cli is the one that must be caught
