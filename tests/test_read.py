"""The reader on real files: seeds, pages of other layouts, encodings, clean articles, JSON Lines, bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.dates import lead_date
from kg.errors import BadInput
from kg.model import Article
from kg.read import decode, detect_kind, expand_paths, read_path, read_text
from tests.conftest import REPO, SEEDS

READER = REPO / "tests" / "data" / "reader"


def _articles(path: Path, **kwargs) -> list[Article]:
    items = list(read_path(path, **kwargs))
    assert all(isinstance(item, Article) for item in items), items
    return items  # type: ignore[return-value]


def _date(article: Article) -> str | None:
    found = lead_date(article)
    if found is None:
        return None
    return found.start.isoformat() if found.single else f"{found.start}/{found.end}"


# What a careful reader of each seed page says: (start of body, headline, subtitle, reporters, event date)
SEED_PAGES = {
    "000_6619c5c4ce064df3.txt": [
        ("4月9日，市委党建工作领导小组会议暨", "市委党建工作领导小组召开会议", None, ("惠晓婧",), "2024-04-09"),
        ("4月9日，市委书记杜小刚来到城区相关板块", "杜小刚专题调研民生实事项目情况",
         "坚持在发展中稳步提升民生保障水平", ("高美梅", "惠晓婧"), "2024-04-09"),
        ("4月8日—9日，市长赵建军带队在上海", "赵建军带队在沪考察对接重点企业和特色产业园区",
         "以产业合作链接厚植新质生产力发展基底", ("王怡荻",), "2024-04-08/2024-04-09"),
    ],
    "001_9cbad604bd247137.txt": [
        ("根据中央和省委部署要求，近日，", None, None, ("高美梅", "夏昊森"), None),
        ("12月28日，全市医疗卫生科技与人才高质量发展大会召开", "全市医疗卫生科技与人才高质量发展大会召开", None,
         ("高美梅", "夏昊森"), "2023-12-28"),
        ("12月29日下午，市委书记杜小刚来到", None, None, ("高美梅", "惠晓婧"), "2023-12-29"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_PAGES))
def test_seed_pages_read_into_their_articles(name: str) -> None:
    articles = _articles(SEEDS / name)
    expected = SEED_PAGES[name]
    assert len(articles) == len(expected)
    for article, (start, title, subtitle, reporters, date) in zip(articles, expected, strict=True):
        assert article.body.startswith(start)
        assert (article.title, article.subtitle, article.reporters, _date(article)) == (title, subtitle, reporters, date)
        assert article.dateline == "本报讯" and article.source == "无锡日报"
        assert "（" + "、".join(reporters) + "）" not in article.body  # the byline left the body


def test_seed_bodies_join_column_breaks_and_drop_layout_spaces() -> None:
    first, second, _ = _articles(SEEDS / "000_6619c5c4ce064df3.txt")
    assert "扎实开展“四下基层”、典型案例" in first.body  # a column starts with the quotation
    assert "为人民幸福安康而奋斗" in second.body  # a column break inside a word
    assert "抓住一切有利时机、利用" in first.body
    other = _articles(SEEDS / "001_9cbad604bd247137.txt")
    assert "成立75周年" in other[0].body and other[1].body.startswith("12月28日")
    assert other[0].issued == dt.date(2023, 12, 30)  # from the manifest beside the page


def test_body_offset_points_at_the_body_in_the_file() -> None:
    for path in [*SEEDS.glob("*.txt"), READER / "city_w16_four.txt", READER / "xinhua_w12_headline_first_20240507.txt"]:
        text = path.read_text(encoding="utf-8")
        for article in _articles(path):
            assert text[article.body_offset] == article.body[0]
            assert article.path == str(path) and article.doc_id == path.stem


def test_headline_first_page_with_xinhua_datelines_and_width_12() -> None:
    articles = _articles(READER / "xinhua_w12_headline_first_20240507.txt")
    assert [a.title for a in articles] == ["全省春季植树造林现场推进会召开",
                                           "省政府与中国农业科学院签署深化科技合作框架协议推动农业现代化",
                                           "全省文旅消费季启动"]
    assert articles[1].subtitle == "聚焦种业振兴和智慧农业"
    assert articles[0].dateline.startswith("新华社合肥5月6日电")
    assert articles[0].reporters == ("程雨桐", "韩明哲")  # named in the dateline's brackets
    assert articles[0].body.startswith("全省春季植树造林现场推进会6日在合肥召开。")
    assert "践行“绿水青山就是金山银山”理念" in articles[0].body  # column break inside the quotation
    assert articles[1].reporters == ("秦可欣",) and articles[1].dateline == "本报合肥5月5日讯"
    assert articles[0].issued == dt.date(2024, 5, 7)  # the date in the file name
    assert [_date(a) for a in articles] == ["2024-05-06", "2024-05-05", None]  # 近日 despite a dated dateline


def test_page_of_four_articles_width_16() -> None:
    articles = _articles(READER / "city_w16_four.txt")
    assert len(articles) == 4
    glued, untitled, long_title, by_reporter = articles
    assert glued.reporters == ("任佳音",) and glued.body.endswith("会议还研究了其他事项。")
    assert glued.title == "市政府常务会议研究部署防汛工作"
    assert untitled.title is None and untitled.reporters == ("彭书瑶", "武子涵")
    assert "运用“千村示范、万村整治”工程经验" in untitled.body
    assert long_title.title == "全市庆祝中华人民共和国成立75周年群众性主题活动动员部署会召开"
    assert long_title.subtitle == "凝心聚力共谱新篇" and "成立75周年群众性" in long_title.body
    assert by_reporter.dateline == "本报记者 毛嘉怡" and by_reporter.reporters == ("毛嘉怡",)
    assert by_reporter.body.startswith("6月2日，第五届") and by_reporter.title == "我市举办创新创业大赛"
    assert [_date(a) for a in articles] == ["2024-06-03", "2024-06-01/2024-06-02", "2024-05-31", "2024-06-02"]
    assert [a.index for a in articles] == [1, 2, 3, 4] and {a.source for a in articles} == {"江城日报"}


@pytest.mark.parametrize("name", ["one_w14_gbk_20240105.txt", "one_w14_utf16le.txt", "one_w14_utf16be_bom.txt",
                                  "one_w14_utf8_bom.txt"])
def test_every_encoding_reads_like_utf8(name: str) -> None:
    (plain,) = _articles(READER / "one_w14.txt")
    (other,) = _articles(READER / name)
    assert (other.body, other.reporters, other.dateline, other.title) == (
        plain.body, plain.reporters, plain.dateline, plain.title)
    assert other.issued == dt.date(2024, 1, 2)  # the manifest wins over a date in the file name
    assert plain.reporters == ("丁一凡",) and plain.title is None and _date(plain) == "2023-12-31"


def test_metadata_precedence_flags_over_manifest() -> None:
    (article,) = _articles(READER / "one_w14.txt", published=dt.date(2024, 2, 1), source="某某晚报")
    assert (article.issued, article.source) == (dt.date(2024, 2, 1), "某某晚报")


def test_clean_article_file() -> None:
    path = READER / "articles_two.txt"
    assert detect_kind(path.read_text(encoding="utf-8")) == "article"
    first, second = _articles(path)
    assert (first.title, first.subtitle) == ("全市优化营商环境大会召开", "以一流营商环境激发市场活力")
    assert "\n一、持续提升政务服务效能\n会议要求" in first.body  # a numbered subheading stays in the body
    assert first.reporters == ("杭雨萱",) and first.body.endswith("办事更便捷。")
    assert (second.title, second.subtitle, second.reporters) == ("春季农业生产工作会议召开", None, ("鲁思琪",))
    assert second.body.startswith("3月3日，") and second.dateline == "本报讯"


def test_json_lines_with_bad_records() -> None:
    path = READER / "crawl.jsonl"
    items = list(read_path(path))
    problems = [item for item in items if isinstance(item, BadInput)]
    articles = [item for item in items if isinstance(item, Article)]
    assert [(p.path, p.line) for p in problems] == [(str(path), 2), (str(path), 3), (str(path), 5)]
    assert all(str(p).startswith(f"{path}:{p.line}: ") for p in problems)
    crawled, plain = articles
    assert (crawled.title, crawled.subtitle, crawled.source) == ("市领导调研重大项目建设", "加快推进项目落地见效", "江城日报")
    assert crawled.issued == dt.date(2024, 4, 3) and crawled.url.endswith("a1.html")
    assert crawled.reporters == ("祁文博",) and crawled.body.startswith("4月2日，")
    assert dict(crawled.metadata) == {"author": "祁文博", "tags": '["项目", "调研"]', "views": "120"}
    again = [a for a in read_path(path) if isinstance(a, Article)][0]
    assert again.doc_id == crawled.doc_id != "crawl:1"  # a stable hash of the url
    assert plain.doc_id == "crawl:4" and plain.title is None and _date(plain) is None  # 日前


def test_a_crawl_records_own_date_and_site_win_over_the_flags() -> None:
    """A crawl mixes issues, years and sites: --published and --source only fill what a record leaves out."""
    text = ('{"body": "12月16日，区委召开常委会会议。", "published": "2025-12-17", "source": "某区政府网"}\n'
            '{"body": "3月2日，县委召开常委会会议。"}\n')
    own, bare = read_text(text, doc_id="crawl", published=dt.date(2024, 4, 7), source="某县人大网", kind="jsonl")
    assert isinstance(own, Article) and isinstance(bare, Article)
    assert (own.issued, own.source, _date(own)) == (dt.date(2025, 12, 17), "某区政府网", "2025-12-16")
    assert (bare.issued, bare.source, _date(bare)) == (dt.date(2024, 4, 7), "某县人大网", "2024-03-02")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file"),
    (b"  \n\n", "empty file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
    (bytes(range(256)) * 4, "not text"),
])
def test_whole_file_problems_raise_one_line_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(BadInput) as caught:
        list(read_path(path))
    assert caught.value.path == str(path) and message in str(caught.value) and "\n" not in str(caught.value)


def test_missing_file_and_folder_raise_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))
    with pytest.raises(BadInput, match="folder"):
        list(read_path(tmp_path))
    with pytest.raises(BadInput, match="unknown format"):
        list(read_path(READER / "one_w14.txt", kind="pdf"))


def test_expand_paths_walks_folders_in_order_and_skips_what_is_no_document(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ["b/2.txt", "a.txt", "manifest.tsv", "x.gold.json", ".hidden.txt", "b/1.jsonl"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x", encoding="utf-8")
    found = list(expand_paths([tmp_path, tmp_path / "missing.txt"]))
    assert found == [tmp_path / "a.txt", tmp_path / "b" / "1.jsonl", tmp_path / "b" / "2.txt", tmp_path / "missing.txt"]


def test_kind_override_and_read_text() -> None:
    text = (READER / "one_w14.txt").read_text(encoding="utf-8")
    (page,) = [a for a in read_text(text, doc_id="upload", published=dt.date(2024, 1, 2))]
    assert page.doc_id == "upload" and page.path is None and _date(page) == "2023-12-31"
    as_article = list(read_text(text, doc_id="upload", kind="article"))
    assert as_article and all(isinstance(a, Article) for a in as_article)
    assert detect_kind(text) == "page" and detect_kind('{"body": "x"}\n') == "jsonl"


def test_decode_prefers_content_over_guessing() -> None:
    text = "本报讯 4月9日，全市大会召开。\n"
    for data in (text.encode("gb18030"), text.encode("utf-16-le"), text.encode("utf-16-be"),
                 b"\xff\xfe" + text.encode("utf-16-le"), text.encode("utf-8")):
        assert decode(data) == text


TEXT = st.text(alphabet=st.sampled_from("本报讯新华社电记者（）、，。！？“”  \n\t12月日年—至近日甲乙丙丁张王李" + string.printable),
               max_size=400)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT | st.text(max_size=300), kind=st.sampled_from([None, "page", "article", "jsonl"]))
def test_random_text_gives_articles_or_bad_input_and_nothing_else(text: str, kind: str | None) -> None:
    try:
        for item in read_text(text, doc_id="random", published=dt.date(2024, 4, 10), kind=kind):
            assert isinstance(item, Article | BadInput)
            if isinstance(item, Article):
                assert item.body and item.body == item.body.strip()
                assert all(item.body[s.start:s.end] == s.text for s in item.sentences)
                lead_date(item)
    except BadInput:
        pass


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=600))
def test_random_bytes_never_raise_anything_but_bad_input(tmp_path_factory: pytest.TempPathFactory,
                                                         data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "doc.txt"
    path.write_bytes(data)
    with contextlib.suppress(BadInput):
        list(read_path(path))


def test_json_array_and_html_bodies() -> None:
    text = ('[{"title": "全市大会召开", "content": "<p>本报讯&nbsp;4月9日，全市大会召开。</p><p>市长<b>出席</b>并讲话。'
            '（记者 王明）</p>", "published": "2024年4月10日"}, 7]')
    article, problem = read_text(text, doc_id="crawl")
    assert (article.title, article.body, article.reporters) == ("全市大会召开", "4月9日，全市大会召开。\n市长出席并讲话。", ("王明",))
    assert article.issued == dt.date(2024, 4, 10) and _date(article) == "2024-04-09"
    assert isinstance(problem, BadInput) and problem.line == 2


def test_clean_file_without_blank_lines_between_articles() -> None:
    text = ("全市大会召开\n本报讯 4月9日，全市大会召开。市长出席并讲话。\n会议要求，狠抓落实。\n"
            "全省春耕生产推进会召开\n本报讯 4月8日，全省春耕生产推进会召开。\n")
    first, second = read_text(text, doc_id="clean", kind="article")
    assert (first.title, first.body) == ("全市大会召开", "4月9日，全市大会召开。市长出席并讲话。\n会议要求，狠抓落实。")
    assert (second.title, second.body) == ("全省春耕生产推进会召开", "4月8日，全省春耕生产推进会召开。")


def test_a_page_with_wide_columns_is_still_a_page() -> None:
    line = "全市各级党组织要聚焦重大问题和重要事项，认真按照部署要求坚持"
    page = "\n".join([" 本报讯 4月9日，" + line, *[line] * 8, "落实。", "", "（王明）", "", "全市大会召开", ""])
    assert len(line) > 25 and detect_kind(page) == "page"
    (article,) = read_text(page, doc_id="wide")
    assert (article.title, article.reporters) == ("全市大会召开", ("王明",))
