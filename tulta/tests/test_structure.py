"""The house's structure, checked from the code's own imports.

Every Python module of the application (not tests, migrations or the test support in
``tulta/testing``) is parsed; every import of a ``tulta`` module, at the top, inside a function
or under ``TYPE_CHECKING``, is an arrow from the importing app to the imported one. Then:

- each app stands on a floor, and imports only apps on lower floors: no arrow back up, no arrow
  across a floor, hence no circle between apps (one exception: core may name the user model in
  type hints, under ``TYPE_CHECKING``). The floors are the README's (its "Layers"
  block), so the README and the code cannot drift apart;
- no private name (``_x``) is imported from another module, except a package's private
  submodule by a module of the same package (``tulta.stats._format`` inside ``tulta.stats``);
- the project modules keep their places: nothing imports ``tulta.urls``, ``tulta.settings`` or
  ``tulta.wsgi``, and only tests and benchmarks use the test settings and factories.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tulta"
TEST_SUPPORT = {"tulta.test_settings", "tulta.factories", "tulta.testing"}
PROJECT_MODULES = {"tulta.settings", "tulta.urls", "tulta.wsgi"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module, dotted
    names: tuple[str, ...]
    line: int
    type_only: bool = False  # under ``if TYPE_CHECKING:``

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_application(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not (
        "tests" in parts
        or "migrations" in parts
        or parts[:2] == ("tulta", "testing")
        or path.name == "conftest.py"
        or _module_name(path) in TEST_SUPPORT
    )


def application_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if _is_application(p))


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports_of(path: Path) -> Iterator[Import]:
    module = _module_name(path)
    tree = ast.parse(path.read_text(), str(path))
    typing_only = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            if target.split(".")[0] == "tulta":
                names = tuple(a.name for a in node.names)
                yield Import(module, target, names, node.lineno, node.lineno in typing_only)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "tulta":
                    yield Import(module, alias.name, (), node.lineno, node.lineno in typing_only)


def _names_the_user_model_only(imp: Import) -> bool:
    """A type hint naming the user model: Django's ``settings.AUTH_USER_MODEL`` makes it every
    app's neighbour (core's audit log and notifications point at it), so core may name it under
    ``TYPE_CHECKING``. This is the one exception to the floors, and it imports nothing at run
    time."""
    return imp.type_only and imp.target == "tulta.accounts.models" and imp.names == ("User",)


def all_imports() -> list[Import]:
    return [i for path in application_modules() for i in imports_of(path)]


def app_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def readme_floors() -> dict[str, int]:
    """The README's "Layers" block: ``floor N  app app …`` lines, lowest floor first."""
    text = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- layers -->\s*```text\n(.*?)```", text, re.S)
    assert block, "README.md has no layers block (<!-- layers --> then a ```text block)"
    floors: dict[str, int] = {}
    for line in block.group(1).splitlines():
        match = re.match(r"\s*floor\s+(\d+)\s+([a-z_ ]+?)\s*(?:—.*)?$", line)
        assert match, f"README layers: cannot read {line!r}"
        for app in match.group(2).split():
            floors[f"tulta.{app}"] = int(match.group(1))
    return floors


def installed_apps() -> set[str]:
    return {
        f"tulta.{p.parent.name}"
        for p in PACKAGE.glob("*/__init__.py")
        if p.parent.name not in {"tests", "testing", "templates", "static", "locale"}
    }


def test_every_app_stands_on_a_floor_of_the_readme():
    floors = readme_floors()
    assert installed_apps() - set(floors) == set(), "apps missing from the README's layers"
    assert set(floors) - installed_apps() == set(), "the README names apps that do not exist"


def test_apps_import_only_apps_on_lower_floors():
    floors = readme_floors()
    wrong = []
    for imp in all_imports():
        source, target = app_of(imp.source), app_of(imp.target)
        if source == target or source not in floors or target not in floors:
            continue
        if _names_the_user_model_only(imp):
            continue
        if floors[target] >= floors[source]:
            wrong.append(
                f"{imp.where} imports {imp.target} (floor {floors[source]} -> {floors[target]})"
            )
    assert wrong == []


def test_no_import_circle_between_apps():
    # Implied by the floors; kept as its own statement so a failure names the circle.
    graph: dict[str, set[str]] = {}
    for imp in all_imports():
        source, target = app_of(imp.source), app_of(imp.target)
        if source != target and not _names_the_user_model_only(imp):
            graph.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circles = sorted(app for app in graph if reaches(app, app, {app}))
    assert circles == []


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_crosses_a_module():
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    wrong = []
    for imp in all_imports():
        for name in imp.names:
            if not _private(name):
                continue
            submodule = f"{imp.target}.{name}"
            own_package = imp.source.rsplit(".", 1)[0]
            if submodule in modules and submodule.rsplit(".", 1)[0] == own_package:
                continue  # a package's private submodule, used inside that package
            wrong.append(f"{imp.where} imports {name} from {imp.target}")
        for part in imp.target.split(".")[1:]:
            if _private(part) and not imp.source.startswith(imp.target.rsplit(".", 1)[0] + "."):
                wrong.append(f"{imp.where} imports the private module {imp.target}")
    assert wrong == []


def test_project_modules_keep_their_places():
    wrong = []
    for imp in all_imports():
        if imp.target in PROJECT_MODULES or app_of(imp.target) in PROJECT_MODULES:
            wrong.append(f"{imp.where} imports {imp.target}")
        if any(imp.target == t or imp.target.startswith(t + ".") for t in TEST_SUPPORT):
            wrong.append(f"{imp.where} (application code) imports test support {imp.target}")
    assert wrong == []


def test_the_scanner_sees_relative_local_and_type_only_imports(tmp_path):
    # The checks above are only as good as the scanner: pin what it reads.
    package = ROOT / "tulta" / "risalah"
    found = {(i.target, i.names) for i in imports_of(package / "services.py")}
    assert ("tulta.risalah.mentors", ("assigned_mentor",)) in found  # relative import
    mentors = {(i.target, i.type_only) for i in imports_of(package / "mentors.py")}
    assert ("tulta.accounts.models", True) in mentors  # under TYPE_CHECKING
    local = {i.target for i in imports_of(ROOT / "tulta" / "mentoring" / "apps.py")}
    assert "tulta.risalah.mentors" in local  # inside a method
