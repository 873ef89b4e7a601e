"""Which cells of a student copy must run to test its exercises, read from the code itself.

The student copy differs from the teacher notebook only in the exercise cells.  A cell that
uses no name an exercise cell defines (directly or through other cells) runs exactly as in
the teacher notebook, which nbval already runs; the student-copy test only needs:

- the exercise cells and their check cells;
- every cell that depends on an exercise (it may now raise NotImplementedError);
- the cells these need: each cell that defines a name they use, or changes it in place
  (``model.fit(...)``, ``x[...] = ...``), and so on, back to the imports;
- setup cells: imports, and settings such as ``os.environ[...] = ...``.

If a dependency is missed, a needed cell fails with a NameError or similar, and the test
says so: it cannot pass by mistake.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from IPython.core.inputtransformer2 import TransformerManager

_transform = TransformerManager().transform_cell


def _tree(source: str) -> ast.Module | None:
    try:
        return ast.parse(_transform(source))
    except SyntaxError:
        return None


def _top_level(tree: ast.Module) -> list[ast.AST]:
    """Every node of the cell outside function and class bodies (their names are local)."""
    nodes, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        nodes.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        todo.extend(ast.iter_child_nodes(node))
    return nodes


def _base(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _free_names(node: ast.AST) -> set[str]:
    """Names ``node`` reads from outside: a function's parameters and locals are its own."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        arguments = node.args
        own = {arg.arg for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
        own |= {arg.arg for arg in (arguments.vararg, arguments.kwarg) if arg}
        body = node.body if isinstance(node.body, list) else [node.body]
        own |= {
            child.id for statement in body for child in ast.walk(statement)
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store)
        }
        inner = set().union(*(_free_names(statement) for statement in body))
        defaults = set().union(*(_free_names(d) for d in [*arguments.defaults, *arguments.kw_defaults] if d))
        return (inner - own) | defaults
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        return {node.id}
    return set().union(*(_free_names(child) for child in ast.iter_child_nodes(node)))


class Cell:
    """The names one code cell defines, changes in place and uses."""

    def __init__(self, source: str) -> None:
        tree = _tree(source)
        self.parsed = tree is not None
        self.defines: set[str] = set()
        self.changes: set[str] = set()
        self.uses: set[str] = set()
        self.imports = self.settings = False
        if tree is None:
            return
        for node in _top_level(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                self.imports = True
                self.defines |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                self.defines.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                self.defines.add(node.id)
            elif isinstance(node, ast.Attribute | ast.Subscript) and isinstance(
                node.ctx, ast.Store | ast.Del
            ):
                self.changes.add(_base(node))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                self.changes.add(_base(node.func))  # model.fit(...) changes model
        self.uses = _free_names(tree)
        self.changes.discard(None)


def cells_needed(sources: Sequence[str], exercises: Sequence[int], checks: Sequence[int]) -> set[int]:
    """Indices (into ``sources``, the code cells) that must run to test the exercises."""
    cells = [Cell(source) for source in sources]
    modules = set().union(*(cell.defines for cell in cells if cell.imports))
    needed = set(exercises) | set(checks)
    needed |= {i for i, cell in enumerate(cells) if cell.imports or not cell.parsed}
    # Settings: a module's attribute set at the top, e.g. os.environ[...] = ... before TensorFlow.
    needed |= {i for i, cell in enumerate(cells) if cell.changes & modules and not cell.uses - modules}
    tainted = set().union(*(cells[i].defines for i in exercises))
    for i, cell in enumerate(cells):  # cells that depend on an exercise, directly or not
        if i > min(exercises) and cell.uses & tainted:
            needed.add(i)
            tainted |= cell.defines
    todo = sorted(needed)
    while todo:
        i = todo.pop()
        wanted = cells[i].uses - modules
        for j in range(i):
            if j not in needed and (cells[j].defines | cells[j].changes) & wanted:
                needed.add(j)
                todo.append(j)
    return needed
