"""Story boundaries on typeset pages that a column's narrow lines or a column grid hide: an item's date on
its second line, a year before the date, a desk's line over a dateline, and two stories without headline
that happen to break at one height in neighbouring columns. Sentences written for these tests; each rule
has its near miss."""

from __future__ import annotations

from pathlib import Path

from bench.pdf_pages import Story
from bench.pdf_press import LAYOUTS, typeset_press
from kg.layout.clean import opens_dated_item
from kg.layout.lines import Line
from kg.model import Article
from kg.pdf.page import TextLine
from kg.pdf.reading import Block, _flows_from
from kg.pdf.stories import split_stories, without_desk_line
from kg.read import read_path

RUN_ON = LAYOUTS[4]  # briefs under a section head, no blank line between them, columns ~19 characters wide
HEADED = [Story("全县春季农业生产全面展开", None, ("3月2日，某县召开春季农业生产调度会，部署春耕备耕各项工作。",) * 4),
          Story("水库安全检查排查隐患", None, ("县水利局近日组织开展水库安全大检查，排查隐患十余处。",) * 4)]
# the subject runs past a column line before the date (省…负责人 / 4月5日上午)
SUBJECT_FIRST = ("省人民政府有关负责同志和省直有关部门主要负责人4月5日上午来到某市调研春耕生产。",
                 "调研组一行实地察看了育秧工厂和高标准农田建设，听取了当地工作汇报。")
DATED = ("4月9日，某县召开森林防火工作会议，部署清明前后森林防火工作。",
         "会议要求，各乡镇要加强巡山护林，严防野外用火。")


def _read(stories: list[Story], tmp_path: Path) -> list[Article]:
    pdf = tmp_path / "page.pdf"
    typeset_press(stories, pdf, RUN_ON)
    return [a for a in read_path(pdf) if isinstance(a, Article)]


def test_an_items_date_on_its_second_line_tells_it_from_the_next(tmp_path: Path) -> None:
    read = _read([*HEADED, Story(None, None, SUBJECT_FIRST), Story(None, None, DATED)], tmp_path)
    assert [a.body[:4] for a in read[2:]] == ["省人民政", "4月9日"]


def test_an_item_on_the_same_date_stays_in_the_item_whose_date_is_on_its_second_line(tmp_path: Path) -> None:
    same_day = (DATED[0].replace("4月9日", "4月5日"), DATED[1])
    read = _read([*HEADED, Story(None, None, SUBJECT_FIRST), Story(None, None, same_day)], tmp_path)
    assert len(read) == 3 and "4月5日，某县" in read[2].body


def test_a_year_before_an_items_date_still_opens_it() -> None:
    assert opens_dated_item("3月2日，甲。", "乙。", "2023年4月9日上午，丙")
    assert not opens_dated_item("3月2日，甲。", "乙。", "2023年3月2日上午，丙")  # the item's own date
    assert not opens_dated_item("3月2日，甲。", "乙。", "2023年全县完成造林4万亩，丙")  # a year, no date


def test_a_year_dated_item_opens_under_a_section_head(tmp_path: Path) -> None:
    yeared = (DATED[0].replace("4月9日", "2023年4月9日"), DATED[1])
    read = _read([*HEADED, Story(None, None, SUBJECT_FIRST), Story(None, None, yeared)], tmp_path)
    assert [a.body[:4] for a in read[2:]] == ["省人民政", "2023"]


def test_a_desks_line_over_a_dateline_stays_with_its_story() -> None:
    desk = [Line("■县融媒体中心记者组", 0, indented=True), Line("本报讯 4月9日，某县召开森林防火", 20, indented=True)]
    assert len(split_stories(desk, bare=False)) == 1
    # near misses: a story that ended a sentence, or a byline in brackets closing one, before the dateline
    assert len(split_stories([Line("会议要求严防野外用火。", 0), desk[1]], bare=False)) == 2
    assert len(split_stories([Line("（记者 王小明）", 0), desk[1]], bare=False)) == 2


def test_a_desks_line_over_a_dateline_on_a_page(tmp_path: Path) -> None:
    story = Story("某县部署森林防火工作", None, ("■县融媒体中心记者组", "本报讯 " + DATED[0], DATED[1]))
    read = _read([HEADED[0], story], tmp_path)
    assert len(read) == 2 and read[1].title == "某县部署森林防火工作" and read[1].body.startswith("4月9日")
    assert read[1].dateline == "本报讯"


def _column(x0: float, top: float, rows: int, *, last: str = "正文", short: bool = False,
            indent: bool = False) -> Block:
    """A column block of `rows` lines 100 wide; its last line `short` of the edge, its first `indent`ed."""
    block = Block([], heading=False)
    for row in range(rows):
        left = x0 + (19 if indent and row == 0 else 0)
        right = x0 + (40 if short and row == rows - 1 else 100)
        block.add(TextLine(last if row == rows - 1 else "正文正文正文", left, top + 12 * row, right,
                           top + 12 * row + 9.5, 9.5, "F"))
    return block


def test_a_column_flush_at_its_top_goes_on_from_below_a_paragraphs_end_on_its_left() -> None:
    # three columns filled one after the other: the first story ends two lines into the second column,
    # the second two lines into the third, so both columns break at one height
    first = _column(0, 0, 10)
    ended, second = _column(120, 0, 2, last="工作。", short=True), _column(120, 36, 7, indent=True)
    top, third = _column(240, 0, 2, last="振兴。", short=True), _column(240, 36, 5, indent=True)
    columns = [first, ended, second, top, third]
    assert _flows_from(top, columns, [], 9.5)[-1] is second
    # near miss: stories stacked across the columns, the row's middle column ending mid-sentence
    mid = _column(120, 0, 2, last="正在")
    assert _flows_from(top, [first, mid, second, top, third], [], 9.5)[-1] is mid
    # near miss: the column's first line opens a paragraph: it may follow a paragraph's end
    opening = _column(240, 0, 2, last="振兴。", short=True, indent=True)
    assert _flows_from(opening, [first, ended, second, opening, third], [], 9.5)[-1] is ended


def test_a_desks_line_over_a_dateline_is_no_body_text() -> None:
    dateline = Line("本报讯 4月9日，某县召开森林防火", 20, indented=True)
    assert without_desk_line([Line("■县融媒体中心记者组", 0), dateline]) == [dateline]
    kept = [[Line("记者 王小明 李华", 0), dateline], [Line("■县融媒体中心记者组", 0), Line("会议要求严防野外用火。", 20)]]
    for part in kept:  # reporters' names; no dateline after the line
        assert without_desk_line(part) == part
    wrapped = [Line("某某日报8月19日讯（全媒体", 0, indented=True), Line("记者 王小明 李华） 8月19日，全市", 14)]
    assert without_desk_line(wrapped) == wrapped  # a dateline wrapped at the column's edge


QUOTED = ("县委书记在调研时指出，要把群众的事当成自己的事，切实解决群众急难愁盼问题。",
          "他强调：“要以更大力度推进乡村振兴，让农民群众的日子越过越红火。”")
CHECKS = ("为做好汛期防范工作，县水利局组织开展水库安全大检查，排查隐患十余处。", "检查组要求，对发现的问题立即整改，确保安全度汛。")


def test_a_story_closing_on_a_quote_ends_before_a_blank_line(tmp_path: Path) -> None:
    pdf = tmp_path / "page.pdf"
    typeset_press([*HEADED, Story(None, None, QUOTED), Story(None, None, CHECKS * 2)], pdf, LAYOUTS[0])
    read = [a for a in read_path(pdf) if isinstance(a, Article)]
    assert [a.body[:4] for a in read[2:]] == ["县委书记", "为做好汛"]
    # near miss: a quoted word closing no sentence (…称之为“红火”) before the blank line: the text goes on
    open_ended = (QUOTED[0], "群众把这样的日子称之为“红火”")
    typeset_press([*HEADED, Story(None, None, open_ended), Story(None, None, CHECKS * 2)], pdf, LAYOUTS[0])
    assert len([a for a in read_path(pdf) if isinstance(a, Article)]) == 3
