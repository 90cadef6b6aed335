"""Stories run on in one region of a PDF page (no blank line, no headline between them) are cut where the
text reader would cut them: after a closing byline, at a paragraph leading with another date under a
section head, after a blank line at a column's foot. Pages are typeset from sentences written for these
tests; each rule has its near miss."""

from __future__ import annotations

from pathlib import Path

from bench.pdf_pages import Story
from bench.pdf_press import LAYOUTS, typeset_press
from kg.layout.lines import Line
from kg.model import Article
from kg.pdf.page import TextLine
from kg.pdf.reading import Block
from kg.pdf.stories import blank_at_foot, is_section_head, split_stories
from kg.read import read_path

RUN_ON = LAYOUTS[4]  # briefs under a section head, no blank line between them

FARMING = ("3月2日，某县召开春季农业生产调度会，部署春耕备耕各项工作。",
           "会议要求，各乡镇要抓紧落实种子、化肥等农资供应，确保不误农时。")
FLOODS = ("为做好汛期防范工作，县水利局近日组织开展水库安全大检查，排查隐患十余处。",
          "检查组要求，对发现的问题立即整改，确保安全度汛。")
SAFETY = ("4月3日，市里召开安全生产工作会议，研究部署下一阶段安全生产工作。",
          "会议强调，要压紧压实各方责任，深入开展隐患排查整治，坚决防范遏制重特大事故发生。")
MARKET = ("4月5日上午，市领导带队检查节日市场供应情况，要求保障重要商品供给。",
          "检查中，市领导详细了解粮油、蔬菜、肉蛋等商品的价格和库存，叮嘱经营者诚信经营。")
# two stories with headlines before the briefs: the lead across the page, then a row of two modules
HEADED = [Story("全县春季农业生产全面展开", None, FARMING * 3), Story("水库安全检查排查隐患", None, FLOODS * 3)]


def _read(stories: list[Story], tmp_path: Path) -> list[Article]:
    pdf = tmp_path / "page.pdf"
    typeset_press(stories, pdf, RUN_ON)
    return [a for a in read_path(pdf) if isinstance(a, Article)]


def test_a_closing_byline_ends_a_brief_and_the_next_runs_on_under_it(tmp_path: Path) -> None:
    read = _read([Story(None, None, (*FARMING, "（王小明）")), Story(None, None, FLOODS)], tmp_path)
    assert [a.body[:6] for a in read] == ["3月2日，某", "为做好汛期防"]
    assert read[0].reporters == ("王小明",) and read[1].reporters == ()
    assert all(a.title is None for a in read)  # the section head (简讯) is no story's title


def test_a_credit_line_under_the_byline_stays_with_its_story(tmp_path: Path) -> None:
    read = _read([Story(None, None, (*FARMING, "（王小明）", "摄影：李华")), Story(None, None, FLOODS)], tmp_path)
    assert len(read) == 2 and "李华" not in read[1].body


def test_items_under_a_section_head_open_with_their_own_dates(tmp_path: Path) -> None:
    read = _read([*HEADED, Story(None, None, SAFETY), Story(None, None, MARKET)], tmp_path)
    assert [a.body[:5] for a in read[2:]] == ["4月3日，", "4月5日上"]


def test_under_a_headline_a_paragraph_with_another_date_stays_in_the_article(tmp_path: Path) -> None:
    read = _read([*HEADED, Story("全市部署节日安全生产工作", None, SAFETY + MARKET)], tmp_path)
    assert len(read) == 3 and read[2].title == "全市部署节日安全生产工作" and "4月5日上午" in read[2].body


def test_a_section_head_is_one_of_the_lexicon_words_exactly() -> None:
    assert is_section_head("简讯") and not is_section_head("简讯二则发布会召开")


def test_a_blank_line_after_a_sentence_opens_another_headline_less_story() -> None:
    lines = [Line("会议要求抓好落实。", 0), Line("县里开展义诊活动", 10, indented=True, blank_before=True)]
    assert len(split_stories(lines, bare=True)) == 2
    assert len(split_stories(lines, bare=False)) == 1  # under a headline: the article's next paragraph
    assert len(split_stories([lines[0], lines[1]._replace(blank_before=False)], bare=True)) == 1


def _block(x0: float, top: float, rows: int, last: str) -> Block:
    block = Block([], heading=False)
    for row in range(rows):
        block.add(TextLine(last if row == rows - 1 else "正文正文正文", x0, top + 12 * row, x0 + 100,
                           top + 12 * row + 9.5, 9.5, "F"))
    return block


def test_a_column_left_short_after_a_sentence_held_a_blank_line_at_its_foot() -> None:
    assert blank_at_foot(_block(0, 100, 9, "工作。"), _block(120, 100, 10, "甲"))
    assert not blank_at_foot(_block(0, 100, 10, "工作。"), _block(120, 100, 10, "甲"))  # level feet
    assert not blank_at_foot(_block(0, 100, 9, "抓好"), _block(120, 100, 10, "甲"))  # no sentence end
