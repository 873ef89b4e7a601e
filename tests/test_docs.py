"""The glossary and the teaching guide stay in step with the lessons."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import NOTEBOOKS, ROOT

LINK = re.compile(r"\[[^\]]+\]\((notebooks/(\d\d_[a-z0-9_]+\.ipynb))\)")
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBERED_ITEM = re.compile(r"^\s*\d+\.\s+\S", re.MULTILINE)


def _notebook_text(name: str) -> str:
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells).lower()


def _glossary_rows() -> list[list[str]]:
    rows = []
    for line in (ROOT / "GLOSSARY.md").read_text().splitlines():
        if line.startswith("|") and not re.match(r"^\|\s*(Term|-)", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_glossary_rows_have_term_definition_lesson_and_chinese() -> None:
    rows = _glossary_rows()
    assert len(rows) >= 50, f"the glossary has only {len(rows)} terms"
    for row in rows:
        assert len(row) == 4, f"expected | term | definition | lesson | 中文 |, got {row}"
        term, definition, lesson, chinese = row
        assert term and definition, row
        assert LINK.fullmatch(lesson), f"{term}: lesson cell must be one link to a notebook: {lesson!r}"
        assert CJK.search(chinese), f"{term}: no Simplified Chinese term: {chinese!r}"


def test_glossary_terms_are_unique() -> None:
    terms = [row[0].lower() for row in _glossary_rows()]
    duplicates = sorted({term for term in terms if terms.count(term) > 1})
    assert not duplicates, f"defined twice: {duplicates}"


def test_every_glossary_term_links_to_an_existing_lesson_that_uses_it() -> None:
    texts = {path.name: _notebook_text(path.name) for path in NOTEBOOKS}
    for term, _, lesson, _ in _glossary_rows():
        target, name = LINK.fullmatch(lesson).groups()
        assert (ROOT / target).is_file(), f"{term}: {target} does not exist"
        # The term as written before any parenthesis, e.g. "learning rate (α)" → "learning rate".
        core = re.sub(r"\s*\(.*\)$", "", term).strip("`").lower()
        assert core in texts[name], f"{term!r} does not appear in {name}, the lesson it links to"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_teaching_guide_answers_every_check_your_understanding_question(path) -> None:
    guide = (ROOT / "TEACHING.md").read_text()
    sections = re.split(r"^## ", guide, flags=re.MULTILINE)
    section = next((s for s in sections if f"(notebooks/{path.name})" in s.split("\n", 1)[0]), None)
    assert section, f"TEACHING.md has no '## …' section whose heading links notebooks/{path.name}"

    notebook = nbformat.read(path, as_version=4)
    question_cells = [
        cell.source for cell in notebook.cells
        if cell.cell_type == "markdown" and "## Check your understanding" in cell.source
    ]
    assert question_cells, f"{path.name} has no 'Check your understanding' section"
    questions_text = question_cells[-1].split("## Check your understanding", 1)[1].split("\n## ", 1)[0]
    questions = len(NUMBERED_ITEM.findall(questions_text))

    answers_block = section.split("### Answers", 1)
    assert len(answers_block) == 2, f"TEACHING.md section for {path.name} has no '### Answers' heading"
    answers_text = answers_block[1].split("\n### ", 1)[0]
    answers = len(NUMBERED_ITEM.findall(answers_text))
    assert answers == questions, f"{path.name} asks {questions} questions; TEACHING.md answers {answers}"
    for heading in ("### Objectives", "### In class", "### Misconceptions"):
        assert heading in section, f"TEACHING.md section for {path.name} lacks {heading!r}"
