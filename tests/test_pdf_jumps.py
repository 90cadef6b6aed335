"""Articles continued on a later page (转第2版 … 上接第1版), typeset from real corpus articles and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.pdf_pages import Story, jump, typeset
from kg.model import Article
from kg.pdf.jumps import PageLabel, folio_page, note_in
from kg.read import read_path
from tests.conftest import REPO

DEV = REPO / "tests" / "data" / "corpus" / "dev"
OTHERS = ("d15_article.txt", "d02_article.txt", "d07_article.txt", "d04_article.txt")  # short stories around it


def _article(name: str) -> Article:
    (article,) = [a for a in read_path(DEV / name) if isinstance(a, Article)]
    return article


def _read(pdf: Path) -> list[Article]:
    items = list(read_path(pdf))
    assert all(isinstance(item, Article) for item in items), items
    return items  # type: ignore[return-value]


def _as_read(article: Article) -> tuple:
    return article.title, article.subtitle, article.reporters, article.body


def _two_pages(pdf: Path, first: Story, rest: Story, *, columns: int = 4, style: str = "classic") -> None:
    """Page 1: the jumping story as the lead, two short stories under it; page 2: a short story as the lead,
    the continuation beside another one under it."""
    short = [Story.of(_article(name)) for name in OTHERS]
    pages = typeset([first, short[0], short[1], short[2], rest, short[3]], pdf, columns=columns, style=style,
                    source="鹤壁日报", page_breaks=frozenset({3}))
    assert pages == 2


def test_a_story_continued_on_page_two_is_read_as_one_article(tmp_path):
    article = _article("d01_article.txt")
    story = Story.of(article)
    first, rest = jump(story, share=0.55, page=1, to_page=2, headline=article.title[:8])
    pdf = tmp_path / "jumped.pdf"
    _two_pages(pdf, first, rest)
    read = _read(pdf)
    others = [_article(name) for name in OTHERS]
    assert [_as_read(a) for a in read] == [_as_read(a) for a in (article, *others)]
    joined = read[0]
    assert "转第" not in joined.body and "上接" not in joined.body
    assert all(joined.body[s.start:s.end] == s.text for s in joined.sentences)
    assert [a.index for a in read] == [1, 2, 3, 4, 5]


def test_a_jump_at_a_paragraph_end_in_flush_left_style_with_the_headline_repeated(tmp_path):
    article = _article("d10_article.txt")
    story = Story.of(article)
    paragraphs = story.paragraphs
    share = sum(map(len, paragraphs[:2])) / sum(map(len, paragraphs))  # cut right after the second paragraph
    first, rest = jump(story, share=share, page=1, to_page=2, byline_first=True)
    assert not rest.continued
    pdf = tmp_path / "jumped_left.pdf"
    _two_pages(pdf, first, rest, columns=3, style="left")
    read = _read(pdf)
    assert _as_read(read[0]) == _as_read(article)
    assert len(read) == 5


def test_a_jump_whose_page_has_no_continuation_joins_nothing(tmp_path):
    article = _article("d01_article.txt")
    first, rest = jump(Story.of(article), share=0.5, page=1, to_page=2)
    # page 2 holds an article that comes from page 3 under another headline: not this one's rest
    stranger = Story("另一篇报道的标题", None, ("（上接第3版）" + rest.paragraphs[0][7:], *rest.paragraphs[1:]),
                     rest.reporters, continued=True)
    pdf = tmp_path / "unmatched.pdf"
    _two_pages(pdf, first, stranger)
    read = _read(pdf)
    assert len(read) == 6
    assert read[0].title == article.title and article.body.startswith(read[0].body)
    assert read[0].body != article.body
    assert [a for a in read if a.title == "另一篇报道的标题"]


def test_a_jump_to_a_page_the_file_does_not_hold_leaves_the_first_part_alone(tmp_path):
    article = _article("d01_article.txt")
    first, _ = jump(Story.of(article), share=0.5, page=1, to_page=5)
    pdf = tmp_path / "front_page_only.pdf"
    typeset([first], pdf, columns=4, source="鹤壁日报")
    (read,) = _read(pdf)
    assert read.title == article.title and article.body.startswith(read.body) and "转第" not in read.body


def _issue_folder(folder: Path, article: Article, second_page_date: dt.date) -> None:
    """An issue kept as a file a page: A01.pdf holds the first part, A02.pdf the rest beside another story."""
    folder.mkdir()
    first, rest = jump(Story.of(article), share=0.6, page=1, to_page=2, headline=article.title[:6])
    short = [Story.of(_article(name)) for name in OTHERS]
    typeset([first, short[0]], folder / "A01.pdf", columns=4, source="鹤壁日报", issued=dt.date(2023, 7, 28))
    typeset([short[1], rest, short[2]], folder / "A02.pdf", columns=4, source="鹤壁日报", issued=second_page_date,
            first_page=2)


def test_a_jump_from_one_page_file_to_the_next_file_of_the_issue_is_joined(tmp_path):
    article = _article("d01_article.txt")
    folder = tmp_path / "2023-07-28"
    _issue_folder(folder, article, dt.date(2023, 7, 28))
    front, second = _read(folder / "A01.pdf"), _read(folder / "A02.pdf")
    others = [_article(name) for name in OTHERS]
    assert [_as_read(a) for a in front] == [_as_read(article), _as_read(others[0])]
    assert [_as_read(a) for a in second] == [_as_read(others[1]), _as_read(others[2])]  # the rest is read once
    assert all(front[0].body[s.start:s.end] == s.text for s in front[0].sentences)


def test_page_files_of_another_issue_are_not_joined(tmp_path):
    article = _article("d01_article.txt")
    folder = tmp_path / "mixed"
    _issue_folder(folder, article, dt.date(2023, 7, 29))
    front, second = _read(folder / "A01.pdf"), _read(folder / "A02.pdf")
    assert front[0].title == article.title and front[0].body != article.body
    assert len(second) == 3 and article.body.endswith(second[1].body)


def test_notes_and_folios_name_pages_in_digits_numerals_and_editions():
    assert note_in("……工作。（下转第三版）") == ("to", PageLabel(3))
    assert note_in("（上接第1版）会议指出") == ("from", PageLabel(1))
    assert note_in("（转A2版）") == ("to", PageLabel(2, "A"))
    assert note_in("（接第十二版）") == ("from", PageLabel(12))
    assert note_in("全市转型发展第一版规划") is None
    assert folio_page(("无锡日报", "2024年4月10日 星期三 第2版 要闻")) == PageLabel(2)
    assert folio_page(("A3版 要闻 责任编辑 王芳",)) == PageLabel(3, "A")
    assert PageLabel(2, "A").named_by(PageLabel(2)) and not PageLabel(2, "A").named_by(PageLabel(2, "B"))
