"""The course website: built with Jupyter Book from the committed outputs, as tools/build_site.py
builds it, then read as a reader's browser would: pages, figures, math, links, no solutions,
nothing fetched from the internet."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402  (a script in tools/, not a package)

LESSONS = sorted((ROOT / "student").glob("[0-9][0-9]_*.ipynb"))


class PageParser(HTMLParser):
    """Collects what a check needs from one page: links, sources, ids, scripts and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.math = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "img" and "src" in attributes:
            self.sources.append(attributes["src"])
        if tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes.get("href", ""))
        if "math" in attributes.get("class", "").split():
            self.math += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "html"
    index = build_site.build(output)
    assert index == output / "index.html" and index.exists()
    return output


def parse(page: Path) -> PageParser:
    parser = PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in {"http", "https", "mailto", "data", "javascript"}


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "_static" not in path.parts)


def test_every_lesson_has_a_page_with_its_launch_link(site: Path) -> None:
    for lesson in LESSONS:
        page = site / "student" / f"{lesson.stem}.html"
        assert page.exists(), f"no page for {lesson.name}"
        links = parse(page).links
        assert any("mybinder.org" in link and f"student/{lesson.name}" in link for link in links), (
            f"{page.name} has no Binder launch link for student/{lesson.name}"
        )


def test_every_lesson_page_shows_its_figures(site: Path) -> None:
    for lesson in LESSONS:
        notebook = nbformat.read(lesson, as_version=4)
        figures = sum(
            1
            for cell in notebook.cells
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
            if "image/png" in output.get("data", {})
        )
        page = site / "student" / f"{lesson.stem}.html"
        images = [src for src in parse(page).sources if not is_external(src)]
        assert len(images) >= figures, f"{page.name}: {len(images)} images, {figures} figures"
        for src in images:
            assert (page.parent / unquote(urlsplit(src).path)).is_file(), f"{page.name}: {src}"


def test_math_is_rendered_by_a_local_mathjax(site: Path) -> None:
    for lesson in LESSONS:
        notebook = nbformat.read(lesson, as_version=4)
        has_math = any(
            cell.cell_type == "markdown" and re.search(r"\$[^$\n]+\$", cell.source)
            for cell in notebook.cells
        )
        page = parse(site / "student" / f"{lesson.stem}.html")
        if has_math:
            assert page.math > 0, f"{lesson.stem}: math is not marked up for MathJax"
            assert any("_static/mathjax/MathJax.js" in script for script in page.scripts)


def test_nothing_is_loaded_from_the_internet(site: Path) -> None:
    for page_path in pages(site):
        page = parse(page_path)
        for url in page.scripts + page.stylesheets + page.sources:
            if "mybinder.org/badge" in url:
                continue  # a badge image in a lesson header: it degrades to its alt text offline
            assert not is_external(url) or url.startswith("data:"), f"{page_path.name}: {url}"


def test_every_internal_link_resolves(site: Path) -> None:
    for page_path in pages(site):
        page = parse(page_path)
        for url in page.links + page.sources + page.scripts + page.stylesheets:
            if not url or is_external(url):
                continue
            parts = urlsplit(url)
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.exists(), f"{page_path.relative_to(site)} links to missing {url}"
            if parts.fragment and target.suffix == ".html":
                ids = parse(target).ids if target != page_path else page.ids
                assert unquote(parts.fragment) in ids, (
                    f"{page_path.relative_to(site)} links to a missing anchor: {url}"
                )


def solution_lines() -> dict[str, set[str]]:
    """Per lesson, the lines of its solution regions that its student copy does not contain."""
    found: dict[str, set[str]] = {}
    for teacher in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        student_source = "\n".join(
            cell.source for cell in nbformat.read(ROOT / "student" / teacher.name, 4).cells
        )
        lines: set[str] = set()
        for cell in nbformat.read(teacher, as_version=4).cells:
            for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S):
                for line in region.splitlines():
                    line = line.strip()
                    if len(line) >= 20 and not line.startswith("#") and line not in student_source:
                        lines.add(line)
        found[teacher.stem] = lines
    return found


def test_no_page_shows_a_solution(site: Path) -> None:
    solutions = solution_lines()
    assert sum(len(lines) for lines in solutions.values()) > 20, "found too few solution lines"
    for page_path in pages(site):
        text = html.unescape("".join(parse(page_path).text))
        for lesson, lines in solutions.items():
            shown = [line for line in lines if line in text]
            assert not shown, f"{page_path.name} shows {lesson}'s solution: {shown[:3]}"


def test_home_page_is_the_course_map(site: Path) -> None:
    page = parse(site / "index.html")
    for lesson in LESSONS:
        assert f"student/{lesson.stem}.html" in page.links, f"the home page misses {lesson.stem}"
    text = "".join(page.text)
    assert "How to start" in text and "Binder" in text and "min" in text


def test_teaching_guide_and_glossary_are_pages(site: Path) -> None:
    assert (site / "TEACHING.html").exists()
    glossary = "".join(parse(site / "GLOSSARY.html").text)
    assert "中文" in glossary and "激活函数" in glossary


def test_every_page_states_the_licence(site: Path) -> None:
    for page_path in pages(site):
        if page_path.name in {"genindex.html", "search.html"}:
            continue
        text = "".join(parse(page_path).text)
        assert "CC BY 4.0" in text and "MIT" in text, f"{page_path.name} has no licence footer"


def test_lesson_pages_link_to_their_neighbours(site: Path) -> None:
    for previous, following in zip(LESSONS, LESSONS[1:], strict=False):
        links = parse(site / "student" / f"{previous.stem}.html").links
        assert f"{following.stem}.html" in links, f"{previous.stem} has no link to {following.stem}"
