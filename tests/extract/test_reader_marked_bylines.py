"""Bylines in brackets and after marks (【全媒体记者 甲】 leading, …。■甲 trailing), and a paragraph that
refers back to its item's meeting while citing an earlier date.

Every text here is written for the test (made-up places and people).
"""

from kg.layout.bylines import byline_at_end
from kg.layout.clean import article_file_articles

LEAD = "5月8日，县委书记钱卫东主持召开县委常委会议，研究春耕生产工作。"
MORE = "会议强调，要狠抓落实。"


def test_a_leading_bracketed_byline_names_reporters_and_is_no_headline() -> None:
    (article,) = article_file_articles(f"【全媒体记者 孙雨】{LEAD}\n\n{MORE}\n")
    assert article.reporters == ("孙雨",) and article.title is None
    assert article.body.startswith("5月8日")
    # near miss: a bracketed headline opening a digest item stays its headline
    (article,) = article_file_articles(f"【全县部署春耕生产】{LEAD}\n")
    assert article.title == "全县部署春耕生产" and article.reporters == ()


def test_a_trailing_marked_or_bracketed_byline_names_reporters() -> None:
    (article,) = article_file_articles(f"{LEAD}\n\n{MORE}■周凯\n")
    assert article.reporters == ("周凯",) and article.body.endswith("要狠抓落实。")
    (article,) = article_file_articles(f"{LEAD}\n\n{MORE}【融媒体记者 周凯】\n")
    assert article.reporters == ("周凯",) and article.body.endswith("要狠抓落实。")
    (article,) = article_file_articles(f"{LEAD}\n\n{MORE}\n\n■周凯 孙雨\n")
    assert article.reporters == ("周凯", "孙雨")
    # near misses: a mark before page furniture or a word that is no name, a bracket that is no byline
    assert byline_at_end(f"{MORE}■下转第二版") is None
    assert byline_at_end(f"{MORE}■本版编辑") is None
    assert byline_at_end(f"{MORE}【详见第三版】") is None


def test_an_intern_reporter_role_is_no_name() -> None:
    (article,) = article_file_articles(f"{LEAD}（实习记者 孙雨 记者 周凯）\n")
    assert article.reporters == ("孙雨", "周凯")


def test_a_paragraph_back_on_its_meeting_citing_an_earlier_date_opens_no_item() -> None:
    cited = "会议传达学习了省委书记5月6日在全省春耕工作会议上的讲话精神。"
    parts = article_file_articles(f"{LEAD}\n\n{cited}\n")
    assert len(parts) == 1 and parts[0].body.endswith(cited)
    # near miss: a run of items without headlines, the next led by its own subject and date
    parts = article_file_articles(f"{LEAD}\n\n副县长孙雨5月9日上午到石桥镇调研春耕生产。\n")
    assert len(parts) == 2


def test_a_source_credit_names_the_reporter_not_the_unit() -> None:
    (article,) = article_file_articles(f"{LEAD}\n\n（来源：石桥镇 孙雨）\n")
    assert article.reporters == ("孙雨",) and article.body.endswith("研究春耕生产工作。")
    (article,) = article_file_articles(f"{LEAD}（来源：江北区融媒体中心 周凯）\n")
    assert article.reporters == ("周凯",)
    # near misses: a source that names only a paper or an agency credits no reporter
    for credit in ("（来源：江北日报）", "（来源：新华社）"):
        (article,) = article_file_articles(f"{LEAD}{MORE}{credit}\n")
        assert article.reporters == () and article.body.endswith(credit), credit


def test_a_marked_brief_keeps_its_bracketed_byline() -> None:
    # near miss of the marked byline: a brief opening with a mark (■5月8日，…) is no byline itself
    parts = article_file_articles(f"■{LEAD}{MORE}（见习记者孙雨）\n\n■5月9日，副县长周凯主持召开防汛工作会议。（记者王强）\n")
    assert [p.reporters for p in parts] == [("孙雨",), ("王强",)]
