"""The shape of the code base: no module over 400 lines, no function over 60, no two modules importing each other.

Read from the source with `ast`, so an import hidden inside a function counts too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("sakip", "sop", "workflow")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The project modules `name` imports, anywhere in it (a package's own submodules resolved)."""
    tree = ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {t for t in targets if t in MODULES and t != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return result


# What each part may import. The organisation core (sakip) stands alone; sop builds on it; workflow on both;
# signing and the performance data attach to runs and SOPs and meet in a run only through workflow.actions and the
# signals. The performance data use signing for the Perjanjian Kinerja (the Kepala signs it); signing never
# imports them. The site (settings, root URLs, commands that set up a demo) sees all.
ALLOWED_IMPORTS = {
    "sakip": {"sakip"},
    "sop": {"sakip", "sop"},
    "workflow": {"sakip", "sop", "workflow"},
    "signing": {"sakip", "sop", "workflow", "signing"},
    "kinerja": {"sakip", "sop", "workflow", "signing", "kinerja"},
    "site": {"sakip", "sop", "workflow", "signing", "kinerja", "site"},
}


SITE = ("sakip.urls", "sakip.wsgi", "sakip.asgi")


def layer_of(module: str) -> str:
    if module.startswith("sakip.kinerja"):
        return "kinerja"
    if module.startswith("workflow.signing"):
        return "signing"
    if module in ("sakip.urls", "sakip.wsgi", "sakip.asgi") or module.startswith(
        ("sakip.settings", "sakip.management")
    ):
        return "site"
    return module.split(".")[0]


def test_each_part_imports_only_what_it_builds_on():
    wrong = [
        f"{name} → {target}"
        for name, path in MODULES.items()
        for target in sorted(_imports(name, path))
        if layer_of(target) not in ALLOWED_IMPORTS[layer_of(name)]
    ]
    assert wrong == []


def test_no_two_modules_import_each_other():
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    assert _cycles(graph) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_stays_short(name):
    lines = len(MODULES[name].read_text().splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines; make it a package that re-exports"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_functions_stay_short(name):
    tree = ast.parse(MODULES[name].read_text())
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_checks_see_a_cycle_and_the_modules():
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert [layer_of(m) for m in ("sop.views", "sakip.kinerja.models", "workflow.signing", "sakip.urls")] == [
        "sop", "kinerja", "signing", "site"
    ]  # fmt: skip
    assert layer_of("sop.library.services") == "sop"  # the template library is part of sop
    assert "sakip.models" in _imports("sop.models", MODULES["sop.models"])
    assert {"sop.transitions", "workflow.transitions.tasks", "sop.printing.diagram"} <= set(MODULES)
