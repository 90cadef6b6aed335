"""Bylines and credit lines in the forms Chinese papers, broadcasters and government sites print (#16, reader
round six), each read the same in a clean article file, a crawled record's body and a page's text layer.

Every text here is written for the test (made-up places and people).
"""

import pytest

from kg.layout.clean import article_file_articles, body_article
from kg.layout.credits import meta_credit, normalise_credit, reporter_names
from kg.layout.page import page_articles

HEAD = "全县部署春耕生产工作"
L1 = "5月8日，县委书记钱卫东主持召开县委常委会议，传达学习上级会议精神。"
L2 = "会议强调，要狠抓落实，确保取得实效。"
NEXT_HEAD = "城南镇开展环境整治"
NEXT = "5月9日上午，镇长李红带队检查城南镇环境整治工作。"

# (the text under the headline, the reporters it names)
FORMS = {
    "bracket after 本报讯": (f"本报讯（记者 孙雨 通讯员 周凯）{L1}\n\n{L2}", ("孙雨", "周凯")),
    "本报记者 on its own line": (f"本报记者 孙雨 周凯\n\n{L1}\n\n{L2}", ("孙雨", "周凯")),
    "记者 and 通讯员 lines at the end": (f"{L1}\n\n{L2}\n\n记者 孙雨\n通讯员 周凯 吴倩", ("孙雨", "周凯", "吴倩")),
    "two credits apart by a slash": (f"{L1}\n\n{L2}\n\n记者 孙雨 / 通讯员 周凯", ("孙雨", "周凯")),
    "文/ 图/ under the headline": (f"文/孙雨 图/周凯\n\n{L1}\n\n{L2}", ("孙雨", "周凯")),
    "文·图/": (f"{L1}\n\n{L2}\n\n文·图/孙雨", ("孙雨",)),
    "文图/ and 图文/": (f"{L1}\n\n{L2}\n\n图文/孙雨", ("孙雨",)),
    "文：摄影：": (f"{L1}\n\n{L2}\n\n文：孙雨 摄影：周凯", ("孙雨", "周凯")),
    "撰稿人：": (f"{L1}\n\n{L2}\n\n撰稿人：孙雨", ("孙雨",)),
    "作者：": (f"{L1}\n\n{L2}\n\n作者：孙雨", ("孙雨",)),
    "供稿： a unit": (f"{L1}\n\n{L2}\n\n供稿：城南镇", ()),
    "names then 摄": (f"{L1}\n\n{L2}\n\n孙雨 周凯 摄", ("孙雨", "周凯")),
    "融媒体记者 in brackets": (f"{L1}\n\n{L2}（融媒体记者 孙雨）", ("孙雨",)),
    "首席 and 特约记者": (f"本报讯（首席记者 孙雨 特约记者 周凯）{L1}\n\n{L2}", ("孙雨", "周凯")),
    "实习生 and 见习记者": (f"本报讯（见习记者 孙雨 实习生 周凯）{L1}\n\n{L2}", ("孙雨", "周凯")),
    "a broadcaster's reporter 报道": (f"江城台记者 孙雨 报道\n\n{L1}\n\n{L2}", ("孙雨",)),
    "a station's reporters 报道：": (f"江城电视台记者 孙雨 周凯 报道：{L1}\n\n{L2}", ("孙雨", "周凯")),
    "a media centre's reporter：": (f"{L1}\n\n{L2}\n\n县融媒体中心记者：周凯", ("周凯",)),
    "新华社记者 in the dateline": (f"新华社江城5月8日电（新华社记者 孙雨 周凯）{L1}\n\n{L2}", ("孙雨", "周凯")),
    "names with no role": (f"{L1}\n\n{L2}（孙雨、周凯）", ("孙雨", "周凯")),
    "names apart by a slash": (f"{L1}\n\n{L2}（孙雨/周凯）", ("孙雨", "周凯")),
    "names spaced to three, half-width brackets": (f"{L1}\n\n{L2}(周 凯 孙雨 吴 倩)", ("周凯", "孙雨", "吴倩")),
    "editors' credits after the reporter": (f"{L1}\n\n{L2}\n\n记者：周凯\n编 辑：孙 雨\n一审：李红\n二审：王明\n三审：赵刚",
                                            ("周凯",)),
    "roles spaced out, bars": (f"{L1}\n\n{L2}\n\n记 者 | 周凯 孙 雨\n视 觉 | 李红", ("周凯", "孙雨")),
    "文丨 and 图 |": (f"{L1}\n\n{L2}\n\n文 | 孙雨 图 | 周凯", ("孙雨", "周凯")),
    "a site's 来源 and 签发": (f"{L1}\n\n{L2}\n\n来源:周凯\n编辑:李红\n核编:王明\n签发:赵刚", ("周凯",)),
    "a bracketed byline alone over the lead": (f"（记者 孙雨）\n\n{L1}\n\n{L2}", ("孙雨",)),
    "a marked byline under the headline": (f"□本报记者 孙雨 通讯员 周凯\n\n{L1}\n\n{L2}", ("孙雨", "周凯")),
    "a dotted byline under the headline": (f"●本报记者 孙雨\n\n{L1}\n\n{L2}", ("孙雨",)),
    "a marked byline at the end": (f"{L1}\n\n{L2}\n\n■记者 孙雨", ("孙雨",)),
    "本报讯 then 记者 甲 报道：": (f"本报讯 记者 孙雨 报道：{L1}\n\n{L2}", ("孙雨",)),
    "an agency's dateline, half-width brackets": (f"中新网5月8日电 (记者 孙雨){L1}\n\n{L2}", ("孙雨",)),
    "an agency's dateline and byline on a line of their own": (f"新华社北京5月8日电 记者孙雨 周凯\n\n{L1}\n\n{L2}",
                                                                ("孙雨", "周凯")),
    "摄影报道 in brackets": (f"{L1}\n\n{L2}（记者 孙雨 周凯 摄影报道）", ("孙雨", "周凯")),
    "a marked closing line with 文/图": (f"{L1}\n\n{L2}\n\n■本报记者 孙雨 通讯员 周凯 文/图", ("孙雨", "周凯")),
    "a department before the name": (f"{L1}\n\n{L2}（县委宣传部 孙雨）", ("孙雨",)),
    "an office before the names": (f"{L1}\n\n{L2}（县政府办 孙雨 周凯）", ("孙雨", "周凯")),
    "where the report was filed": (f"本报讯（记者 孙雨 发自江城）{L1}\n\n{L2}", ("孙雨",)),
    "a bracketed byline under a headline": (f"【全媒体记者 孙雨 周凯】{L1}\n\n{L2}", ("孙雨", "周凯")),
    "a dash before the byline": (f"{L1}\n\n{L2}\n\n——本报记者 孙雨", ("孙雨",)),
    "文/ 图/ in brackets cut by the wrap": (f"{L1}\n\n{L2}（文/孙雨 图/周凯）", ("孙雨", "周凯")),
    "source and author on one line": (f"{L1}\n\n{L2}\n\n来源：江城日报 作者：孙雨 周凯", ("孙雨", "周凯")),
    "a site's line of label：value pairs": (f"发布时间：2024-05-08 10:20 来源：县融媒体中心 作者：孙雨 浏览次数：123\n\n"
                                           f"{L1}\n\n{L2}", ("孙雨",)),
    "a site's line naming only a source": (f"2024-05-08 来源：县政府办 【字体：大 中 小】\n\n{L1}\n\n{L2}", ()),
    "a site's line at the end": (f"{L1}\n\n{L2}\n\n来源：县融媒体中心  作者：孙雨  编辑：周凯", ("孙雨",)),
    "报道员, 信息员": (f"{L1}\n\n{L2}（报道员 孙雨 信息员 周凯）", ("孙雨", "周凯")),
    "视频记者 (no 视频 credit)": (f"{L1}\n\n{L2}\n\n（视频记者 孙雨）", ("孙雨",)),
    "a bracketed byline, a credit line under it": (f"{L1}\n\n{L2}（记者 孙雨）\n摄影：周凯", ("孙雨", "周凯")),
    "names alone, a role's line under them": (f"{L1}\n\n{L2}（孙雨）\n通讯员 周凯", ("孙雨", "周凯")),
    "two bracketed credits one a line": (f"{L1}\n\n{L2}\n（记者 孙雨）\n（通讯员 周凯）", ("孙雨", "周凯")),
    # near misses: the words of a byline in a sentence of the body name no reporter
    "a programme in a dateline's brackets": (f"央视网消息（新闻联播）：{L1}\n\n{L2}", ()),
    "接受记者采访": (f"{L1}\n\n会后，钱卫东接受记者采访。", ()),
    "记者会": (f"{L1}\n\n记者会上，钱卫东介绍了情况。", ()),
    "记者节": (f"{L1}\n\n记者节前夕，钱卫东看望新闻工作者。", ()),
    "通讯员队伍": (f"{L1}\n\n通讯员队伍 不断壮大", ()),
    "a bracketed 记者会": (f"{L1}{L2}（记者会）", ()),
    "a picture's caption": (f"{L1}（图为会议现场 周凯 摄）", ()),
}


def _wrapped(text: str, width: int = 12) -> str:
    """`text` as a page's text layer: every paragraph longer than the column cut every `width` characters."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > width and any(mark in line for mark in "，。"):
            out.extend(line[i:i + width] for i in range(0, len(line), width))
        else:
            out.append(line)
    return "\n".join(out)


def _read(shape: str, text: str):
    if shape == "article":
        return article_file_articles(f"{HEAD}\n\n{text}\n")
    if shape == "body":
        part = body_article(f"{text}\n")
        return [part] if part else []
    return page_articles(f"{HEAD}\n\n{_wrapped(text)}\n\n{NEXT_HEAD}\n\n{_wrapped(NEXT)}\n")


@pytest.mark.parametrize("shape", ["article", "body", "page"])
@pytest.mark.parametrize("form", list(FORMS))
def test_a_byline_form_names_its_reporters_and_leaves_the_body(form: str, shape: str) -> None:
    text, reporters = FORMS[form]
    parts = _read(shape, text)
    assert parts and parts[0].reporters == reporters
    assert all(part.reporters == () for part in parts[1:])
    for name in reporters:  # the names of the byline are no part of any body
        assert all(name not in part.body for part in parts)
    assert "主持召开" in parts[0].body or "钱卫东" in parts[0].body
    if shape != "body":
        assert parts[0].title == HEAD
    if shape == "page" and (reporters or text.endswith("。")):  # (a text cut short glues the next headline on)
        assert len(parts) == 2 and parts[1].title == NEXT_HEAD
    elif shape != "page":
        assert len(parts) == 1  # a byline over the text opens it and closes nothing


def test_credit_words_read_apart_from_names() -> None:
    assert normalise_credit("记 者 | 孙雨 周凯") == "记者：孙雨 周凯"
    assert reporter_names("江城台记者 孙雨") == ("孙雨",) and reporter_names("孙雨/周凯") == ("孙雨", "周凯")
    # near misses: a word made on a role, a bar in a sentence, a slash in a date
    assert reporter_names("记者会") is None and reporter_names("通讯员站") is None
    assert normalise_credit("记者走进车间 | 图为现场") == "记者走进车间 | 图为现场"
    assert reporter_names("5/8") is None
    assert reporter_names("图为会 议现场 周凯 摄") is None  # a caption cut by the wrap, glued with a blank
    assert meta_credit("时间紧，任务重：全县上下齐动员") is None  # a sentence with a colon is no site's line
    assert meta_credit("作者：孙雨") is None  # a credit alone is a byline, read as one
