"""Point every launch link of the course at one GitHub repository (a fork, say).

Usage (from the repository root):

    python tools/set_repository.py OWNER/NAME    # e.g. ada/nn-course: rewrite every link
    python tools/set_repository.py --check       # exit 1 if a link disagrees with pyproject.toml

The repository is written in one place only, the ``[tool.course]`` table of pyproject.toml
(``repository`` and ``branch``). This tool rewrites that place and then every link made from it:

- Binder, Colab and Kaggle links to a lesson, and the ``github.com/OWNER/NAME`` links (README.md,
  TEACHING.md, site/, and every notebook in notebooks/ and student/);
- the nbgitpuller links in TEACHING.md (a JupyterHub classroom), hub address left as it is;
- the "**Run it online**" line in the header of each lesson, rewritten whole, so that every lesson
  offers Binder, Colab and Kaggle links to its student copy;
- the ``git clone`` address in each lesson's first code cell (Colab and Kaggle fetch the course).

Only those links and lines change: notebooks are edited as text, so their outputs, metadata and
formatting stay byte for byte the same, in the student copies too (the same edit is made in both
folders, which is what regenerating the student copies would give). Running it twice changes
nothing the second time.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME_PATTERN = r"[A-Za-z0-9_.-]+"
REPOSITORY_PATTERN = re.compile(rf"^{NAME_PATTERN}/{NAME_PATTERN}$")
HEADER_START = "**Run it online**"


# ---------------------------------------------------------------- the one source
def read_source(root: Path = ROOT) -> tuple[str, str]:
    """(repository, branch) from pyproject.toml's [tool.course] table."""
    course = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["course"]
    return course["repository"], course["branch"]


def write_source(repository: str, root: Path = ROOT) -> None:
    path = root / "pyproject.toml"
    text = path.read_text()
    table = re.search(r"^\[tool\.course\]\n(?:(?!\[).*\n)*", text, flags=re.MULTILINE)
    if table is None:
        raise SystemExit("pyproject.toml has no [tool.course] table")
    body = re.sub(
        r'^repository = ".*"$', f'repository = "{repository}"', table.group(), flags=re.MULTILINE
    )
    path.write_text(text[: table.start()] + body + text[table.end() :])


# ---------------------------------------------------------------- the links, made from it
def binder_link(repository: str, branch: str, lesson: str) -> str:
    return f"https://mybinder.org/v2/gh/{repository}/HEAD?urlpath=lab/tree/{lesson}"


def colab_link(repository: str, branch: str, lesson: str) -> str:
    return f"https://colab.research.google.com/github/{repository}/blob/{branch}/{lesson}"


def kaggle_link(repository: str, branch: str, lesson: str) -> str:
    return (
        "https://kaggle.com/kernels/welcome?src="
        f"https://github.com/{repository}/blob/{branch}/{lesson}"
    )


def nbgitpuller_link(repository: str, branch: str, lesson: str, hub: str) -> str:
    """nbgitpuller's link format: the repository is cloned into a folder named after it."""
    owner, name = repository.split("/")
    path = f"{name}/{lesson}".replace("/", "%2F")
    return (
        f"{hub}/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2F{owner}%2F{name}"
        f"&urlpath=lab%2Ftree%2F{path}%3Fautodecode&branch={branch}"
    )


def header_line(repository: str, branch: str, lesson: str) -> str:
    """The "Run it online" line of a lesson's header (``lesson`` = "student/NN_name.ipynb")."""
    links = [
        f"[{label}]({make(repository, branch, lesson)})"
        for label, make in (("Binder", binder_link), ("Colab", colab_link), ("Kaggle", kaggle_link))
    ]
    return (
        f"{HEADER_START}, with nothing to install: open this lesson on {links[0]}, {links[1]} "
        f"or {links[2]} (on Kaggle, first switch on *Internet* in the notebook's settings)."
    )


# Every kind of link the tool rewrites: a pattern whose group "repo" is the OWNER/NAME part.
# Platform links are recognised whatever repository they name; plain github.com links only
# when they name the current repository (the lessons link to other projects on GitHub too).
PLATFORM_LINKS = [
    re.compile(rf"https://mybinder\.org/v2/gh/(?P<repo>{NAME_PATTERN}/{NAME_PATTERN})/"),
    re.compile(
        rf"https://colab\.research\.google\.com/github/(?P<repo>{NAME_PATTERN}/{NAME_PATTERN})/"
    ),
    re.compile(
        rf"https://kaggle\.com/kernels/welcome\?src=https://github\.com/"
        rf"(?P<repo>{NAME_PATTERN}/{NAME_PATTERN})/"
    ),
]
NBGITPULLER_LINK = re.compile(
    rf"git-pull\?repo=https%3A%2F%2Fgithub\.com%2F(?P<owner>{NAME_PATTERN})%2F(?P<name>{NAME_PATTERN})"
    rf"&urlpath=lab%2Ftree%2F(?P<folder>{NAME_PATTERN})%2F"
)


def github_link(repository: str) -> re.Pattern[str]:
    """``https://github.com/OWNER/NAME`` as a whole link or the start of one."""
    return re.compile(rf"(?<=https://github\.com/){re.escape(repository)}(?=[/\"')#?\s\\]|\.git|$)")


def rewrite_links(text: str, old: str, new: str) -> str:
    for pattern in PLATFORM_LINKS:
        text = pattern.sub(lambda match: match.group().replace(match.group("repo"), new), text)
    owner, name = new.split("/")
    text = NBGITPULLER_LINK.sub(
        f"git-pull?repo=https%3A%2F%2Fgithub.com%2F{owner}%2F{name}&urlpath=lab%2Ftree%2F{name}%2F",
        text,
    )
    return github_link(old).sub(new, text)


def rewrite_header(notebook_text: str, repository: str, branch: str, lesson: str) -> str:
    """Replace the "Run it online" line inside the notebook's JSON, leaving all else as it is."""
    new_line = header_line(repository, branch, lesson)
    pattern = re.compile(
        r'^(\s*")' + re.escape(HEADER_START) + r'[^"]*?((?:\\n)?",?)$', re.MULTILINE
    )
    text, count = pattern.subn(
        lambda match: match.group(1) + new_line + match.group(2), notebook_text
    )
    if count != 1:
        raise SystemExit(
            f"{lesson}: expected one '{HEADER_START}' line in the header, found {count}"
        )
    return text


# ---------------------------------------------------------------- the files
def lesson_notebooks(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
        (root / "student").glob("[0-9][0-9]_*.ipynb")
    )


def text_files(root: Path = ROOT) -> list[Path]:
    """The non-notebook files that carry links."""
    candidates = [root / "README.md", root / "TEACHING.md", *sorted((root / "site").glob("*.md"))]
    candidates.append(root / "site" / "_config.yml")
    return [path for path in candidates if path.is_file()]


def rewritten(root: Path, old: str, new: str, branch: str) -> dict[Path, str]:
    """{path: new text} for every file whose text the repository ``new`` changes."""
    changes = {}
    edits: list[tuple[Path, Callable[[str], str]]] = [
        (path, lambda text: rewrite_links(text, old, new)) for path in text_files(root)
    ]
    for path in lesson_notebooks(root):
        lesson = f"student/{path.name}"
        edits.append(
            (
                path,
                lambda text, lesson=lesson: rewrite_header(
                    rewrite_links(text, old, new), new, branch, lesson
                ),
            )
        )
    for path, edit in edits:
        before = path.read_text(encoding="utf-8")
        after = edit(before)
        if after != before:
            changes[path] = after
    return changes


def set_repository(new: str, root: Path = ROOT) -> list[Path]:
    """Make ``new`` the course's repository everywhere; return the files changed."""
    if not REPOSITORY_PATTERN.match(new):
        raise SystemExit(f"{new!r} is not OWNER/NAME, e.g. ada/nn-course")
    old, branch = read_source(root)
    changes = rewritten(root, old, new, branch)
    if new != old:
        write_source(new, root)
        changes.setdefault(root / "pyproject.toml", "")
    for path, text in changes.items():
        if path.name != "pyproject.toml":
            path.write_text(text, encoding="utf-8")
    return sorted(changes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", nargs="?", help="OWNER/NAME on GitHub")
    parser.add_argument("--check", action="store_true", help="only report links that disagree")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.check:
        repository, branch = read_source(options.root)
        stale = rewritten(options.root, repository, repository, branch)
        for path in stale:
            print(
                f"{path.relative_to(options.root)}: links disagree with pyproject.toml "
                f"({repository})"
            )
        return 1 if stale else 0
    if not options.repository:
        parser.error("give OWNER/NAME, or --check")
    changed = set_repository(options.repository, options.root)
    for path in changed:
        print(f"rewrote {path.relative_to(options.root)}")
    print(f"{len(changed)} files changed; the course's repository is {options.repository}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
