"""Where one item of a digest ends and the next begins (#16, reader round six): the forms that open a new
article in a file of several (brief markers, headlines in brackets, numbered headlines and leads, datelines,
a headline between a finished item and a dated lead), and the forms that must not (quoted speech, a list of
measures, numbered subheadings, a date cited later).

Every text here is written for the test (made-up places and people).
"""

import pytest

from kg.layout.clean import article_file_articles
from kg.layout.page import page_articles
from tests.extract.test_reader_credits import _wrapped

A = "5月8日，县委书记钱卫东主持召开县委常委会议，传达学习上级会议精神。"
A2 = "会议强调，要狠抓落实，确保取得实效。"
B = "5月9日上午，镇长李红带队检查城南镇环境整治工作。"
B2 = "李红要求，要压实责任，加快整改进度。"
C = "5月10日，县政府召开安全生产工作会议，副县长周海主持。"

# (a file of items, how many articles it holds, whether a page's text layer of it, wrapped with no blank
# lines, is read the same)
ITEMS = {
    "brief markers": (f"■{A}{A2}\n■{B}{B2}\n", 2, True),
    "dotted briefs over two lines": (f"●{A}\n{A2}\n●{B}\n{B2}\n", 2, True),
    "headlines after markers": (f"◆全县部署春耕\n{A}{A2}\n◆城南镇开展整治\n{B}{B2}\n", 2, True),
    "headlines in brackets opening the lead": (f"【全县部署春耕】{A}{A2}\n【城南镇开展整治】{B}{B2}\n", 2, True),
    "headlines in brackets on their own lines": (f"【全县部署春耕】\n{A}{A2}\n【城南镇开展整治】\n{B}{B2}\n", 2, True),
    "numbered headlines": (f"一、全县部署春耕生产\n{A}{A2}\n二、城南镇开展环境整治\n{B}{B2}\n", 2, False),
    "numbered leads": (f"一、{A}{A2}\n二、{B}{B2}\n三、{C}\n", 3, False),
    "leads numbered with digits": (f"1.{A}{A2}\n2.{B}{B2}\n", 2, False),
    "a dateline after a finished item": (f"全县部署春耕\n本报讯 {A}{A2}\n本报讯 {B}{B2}\n", 2, True),
    "a short headline, then a dateline": (f"全县部署春耕\n本报讯 {A}\n{A2}\n城南镇开展整治\n本报讯 {B}\n{B2}\n", 2, True),
    "a short headline, then a dated lead": (f"全县部署春耕\n{A}\n{A2}\n城南镇开展整治\n{B}\n{B2}\n", 2, False),
    # near misses: one article
    "quoted speech": (f"全县部署春耕\n\n{A}\n\n“要狠抓落实，确保取得实效。”钱卫东说。\n\n“5月10日前要完成摸底。”李红说。\n", 1,
                      True),
    "a list of measures": (f"全县部署春耕\n\n{A}\n\n会议要求，一是要压实责任；\n二是要加快进度；\n三是要强化督查。\n", 1, True),
    "numbered subheadings": (f"全县部署春耕\n\n{A}\n\n一、提高思想认识\n\n{A2}\n\n二、压实工作责任\n\n{B2}\n", 1, True),
    "subheadings in brackets": (f"全县部署春耕\n\n{A}\n\n（一）提高思想认识\n\n{A2}\n\n（二）压实工作责任\n\n{B2}\n", 1,
                                True),
    "a marked byline closing a brief": (f"■{A}{A2}\n■孙雨 周凯\n", 1, True),
}


@pytest.mark.parametrize("form", list(ITEMS))
def test_items_of_a_file_are_articles_of_their_own(form: str) -> None:
    text, count, _ = ITEMS[form]
    parts = article_file_articles(text)
    assert len(parts) == count
    if count > 1:
        assert parts[0].body.startswith(("5月8日", "一、", "1.")) and "5月9日" not in parts[0].body
        assert "5月9日" in parts[1].body


@pytest.mark.parametrize("form", [form for form, (_, _, page) in ITEMS.items() if page])
def test_items_of_a_page_column_are_articles_of_their_own(form: str) -> None:
    text, count, _ = ITEMS[form]
    parts = page_articles(_wrapped(text, 12))
    assert len(parts) == count
    if count > 1:
        assert "5月9日" not in parts[0].body and "5月9日" in parts[1].body


def test_a_digest_headline_in_brackets_loses_its_brackets() -> None:
    first, second = article_file_articles(ITEMS["headlines in brackets on their own lines"][0])
    assert (first.title, second.title) == ("全县部署春耕", "城南镇开展整治")


def test_a_byline_under_the_headline_keeps_the_paragraphs_under_it_together() -> None:
    (article,) = article_file_articles(f"全县部署春耕\n本报记者 孙雨\n\n{A}\n\n{A2}\n\n{B2}\n")
    assert article.reporters == ("孙雨",) and article.body.endswith(B2)
    # with a closing byline too, both count, and the next headline opens the next article
    first, second = article_file_articles(f"全县部署春耕\n\n本报记者 孙雨\n\n{A}\n\n{A2}（通讯员 周凯）\n\n"
                                          f"城南镇开展整治\n\n{B}\n")
    assert first.reporters == ("孙雨", "周凯") and first.body.endswith(A2)
    assert second.title == "城南镇开展整治" and second.reporters == ()
    # near miss: a byline closing a brief with no headline still closes it (the next paragraph is the next brief)
    first, second = article_file_articles(f"{A}{A2}（记者 孙雨）\n\n{B}{B2}\n")
    assert first.reporters == ("孙雨",) and second.body.startswith("5月9日")
