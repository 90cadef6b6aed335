"""Reader facets on unseen text (#16, fourth round): briefs run one after another, bylines in other forms,
headlines over kickers, trips dated stop by stop.

Every text here is written for the test (made-up places and people).
"""

from kg.layout.bylines import split_dateline
from kg.layout.clean import article_file_articles

HEAD = "全县部署春耕生产工作"
FIRST = "5月8日，县委书记钱卫东主持召开县委常委会议，传达学习上级会议精神。"
SECOND = "5月12日，县长孙立平主持召开县政府常务会议，研究近期重点工作。"


def test_briefs_opened_by_their_own_datelines_are_separate_articles() -> None:
    for dateline in ("又讯", "另讯", "本报讯", "新华社北京5月12日电"):
        first, second = article_file_articles(f"{HEAD}\n\n本报讯 {FIRST}\n\n会议强调，要狠抓落实。\n\n"
                                              f"{dateline} {SECOND}\n\n会议要求，要抓好春耕。\n")
        assert first.title == HEAD and first.body.endswith("要狠抓落实。"), dateline
        assert second.title is None and second.body.startswith("5月12日") and second.dateline == dateline
        assert second.body.endswith("要抓好春耕。")
    # near misses: a paragraph that opens with 又 or quotes a dateline mid-sentence continues its article
    (article,) = article_file_articles(f"{HEAD}\n\n本报讯 {FIRST}\n\n又讯飞公司负责人介绍了情况。\n")
    assert article.body.endswith("介绍了情况。")
    (article,) = article_file_articles(f"{HEAD}\n\n本报讯 {FIRST}\n\n本报记者 孙雨 从会上获悉，春耕进展顺利。\n")
    assert "获悉" in article.body
    assert split_dateline("又有消息称，春耕进展顺利。") is None
