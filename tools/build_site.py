"""Build the course website into _build/html/ with Jupyter Book, from the committed outputs.

Usage (from the repository root):

    python tools/build_site.py                  # writes _build/html/index.html
    python tools/build_site.py --output DIR     # somewhere else

Nothing is executed: each lesson page shows the outputs committed in its student copy, so
the exercise cells appear as learners get them, without solutions. The site's source
configuration lives in site/; this script stages it with the student copies, TEACHING.md and
GLOSSARY.md in a temporary folder, points links to files outside the site at the repository,
and adds a local copy of MathJax so the site works without internet.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
DEFAULT_OUTPUT = ROOT / "_build" / "html"
CACHE = ROOT / "_build" / "cache"
# The version of mermaid (the diagram library JupyterLab uses) that the site serves locally.
MERMAID_VERSION = "11.17.2"
TABLE_MARKER = "<!-- lesson-table: filled in from README.md by tools/build_site.py -->"
# A markdown link or image whose target is relative: [text](target) with no scheme or anchor-only.
RELATIVE_LINK = re.compile(r"(\]\()(?!https?:|mailto:|#)([^)\s]+)(\))")


def repository_url() -> str:
    """The repository's web address, from the site configuration (the one place it is set)."""
    config = yaml.safe_load((SITE / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


def lesson_table() -> str:
    """The lesson table of README.md, with lesson links pointing at the site's pages."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Lessons\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    if not rows:
        raise SystemExit("README.md has no lesson table under '## Lessons'.")
    return "\n".join(rows).replace("](notebooks/", "](student/")


def retarget_links(text: str, page: Path, stage: Path, repository: str) -> str:
    """Keep links between site pages; send links to other repository files to the repository."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        path, _, anchor = target.partition("#")
        if not path:
            return match.group(0)
        path = path.replace("notebooks/", "student/") if path.startswith("notebooks/") else path
        staged = (page.parent / path).resolve()
        if staged.exists() and stage in staged.parents:
            new_target = path + (f"#{anchor}" if anchor else "")
            return f"{match.group(1)}{new_target}{match.group(3)}"
        try:
            in_repository = staged.relative_to(stage).as_posix()
        except ValueError:
            return match.group(0)
        kind = "tree" if (ROOT / in_repository).is_dir() else "blob"
        web = f"{repository}/{kind}/HEAD/{in_repository}" + (f"#{anchor}" if anchor else "")
        return f"{match.group(1)}{web}{match.group(3)}"

    return RELATIVE_LINK.sub(replace, text)


def mermaid_files() -> Path:
    """The ES-module build of mermaid from npm, downloaded once into _build/cache/."""
    folder = CACHE / f"mermaid-{MERMAID_VERSION}"
    if (folder / "mermaid.esm.min.mjs").exists():
        return folder
    CACHE.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "Building the site needs npm once, to download the diagram library mermaid. "
            "Install Node.js (Debian/Ubuntu: sudo apt-get install npm), then run this again."
        )
    packed = subprocess.run(
        [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--pack-destination", str(CACHE), "--silent"],
        capture_output=True, text=True, check=False,
    )
    archive = CACHE / f"mermaid-{MERMAID_VERSION}.tgz"
    if packed.returncode != 0 or not archive.exists():
        raise SystemExit(f"npm could not download mermaid {MERMAID_VERSION}:\n{packed.stderr}")
    prefix = "package/dist/"
    wanted = ("mermaid.esm.min.mjs", "chunks/mermaid.esm.min/")
    with tarfile.open(archive) as package:
        for member in package.getmembers():
            name = member.name.removeprefix(prefix)
            if member.isfile() and name.startswith(wanted) and name.endswith(".mjs"):
                member.name = name
                package.extract(member, folder, filter="data")
    archive.unlink()
    return folder


def stage_sources(stage: Path) -> None:
    """Copy the site configuration and its pages into ``stage``, as the site will show them."""
    repository = repository_url()
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(SITE / name, stage / name)
    (stage / "student").mkdir()
    for notebook in sorted((ROOT / "student").glob("[0-9][0-9]_*.ipynb")):
        shutil.copy2(notebook, stage / "student" / notebook.name)
    for name in ("TEACHING.md", "GLOSSARY.md"):
        shutil.copy2(ROOT / name, stage / name)
    index = (SITE / "index.md").read_text(encoding="utf-8")
    if TABLE_MARKER not in index:
        raise SystemExit(f"site/index.md has lost its marker line: {TABLE_MARKER}")
    (stage / "index.md").write_text(index.replace(TABLE_MARKER, lesson_table()), encoding="utf-8")

    # Links are retargeted only after every page is in place, so that they can be found.
    for page in [stage / "index.md", stage / "TEACHING.md", stage / "GLOSSARY.md"]:
        text = page.read_text(encoding="utf-8")
        page.write_text(retarget_links(text, page, stage.resolve(), repository), encoding="utf-8")
    for page in sorted((stage / "student").glob("*.ipynb")):
        notebook = nbformat.read(page, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = retarget_links(cell.source, page, stage.resolve(), repository)
        nbformat.write(notebook, page)

    import jupyter_server_mathjax  # the MathJax files Jupyter itself serves offline

    mathjax = Path(jupyter_server_mathjax.__file__).parent / "static"
    shutil.copytree(mathjax, stage / "_vendor" / "mathjax")
    shutil.copytree(mermaid_files(), stage / "_vendor" / "mermaid")


def build(output: Path) -> Path:
    """Build the site into ``output`` (replacing an earlier build there) and return its index."""
    if output.exists() and any(output.iterdir()) and not (output / "index.html").exists():
        raise SystemExit(f"{output} exists and is not a site build; choose another --output.")
    with tempfile.TemporaryDirectory(prefix="course-site-") as folder:
        stage = Path(folder)
        stage_sources(stage)
        jupyter_book = "from jupyter_book.cli.main import main; main()"
        command = [sys.executable, "-c", jupyter_book, "build", str(stage)]
        command += ["--path-output", str(stage), "--warningiserror", "--keep-going"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(result.stdout[-6000:], result.stderr[-6000:], sep="\n", file=sys.stderr)
            raise SystemExit("The site did not build; the messages above say why.")
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(stage / "_build" / "html", output)
    return output / "index.html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default: _build/html")
    options = parser.parse_args()
    index = build(options.output.resolve())
    print(f"Built the site: {index}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
