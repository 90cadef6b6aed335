"""Sentence splitting: where sentences end, and offsets that always point back into the body."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.layout.lines import ends_sentence
from kg.sentences import split_sentences


def _texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_splits_at_sentence_ends_and_paragraph_breaks() -> None:
    assert _texts("会议召开。市长出席！谁来？\n新段落没有句号") == ["会议召开。", "市长出席！", "谁来？", "新段落没有句号"]


def test_not_at_semicolons_nor_inside_quotations() -> None:
    body = "坚持深学细悟促长效；坚持正确用人明导向。他说：“要干。要快！”大家鼓掌。"
    assert _texts(body) == ["坚持深学细悟促长效；坚持正确用人明导向。", "他说：“要干。要快！”", "大家鼓掌。"]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    assert _texts("他说：“让群众满意。”（完）下一句。") == ["他说：“让群众满意。”", "（完）下一句。"]
    assert _texts("（会议由张三主持。）会后参观。") == ["（会议由张三主持。）", "会后参观。"]


def test_an_ellipsis_inside_a_sentence_does_not_end_it_and_the_page_reflow_agrees() -> None:
    assert _texts("推动教育、医疗、养老……等民生实事落地。会后参观。") == [
        "推动教育、医疗、养老……等民生实事落地。", "会后参观。"]
    assert not ends_sentence("推动教育、医疗、养老……") and ends_sentence("会后参观。】")


def test_an_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    body = "他强调“要" + "干" * 400 + "。后面一句。\n下一段。"
    assert _texts(body)[-1] == "下一段。" and len(split_sentences(body)) >= 2


@given(st.text(alphabet=st.sampled_from("甲乙丙。！？；，“”‘’（）\n 　ab."), max_size=300))
def test_offsets_point_into_the_body_and_sentences_do_not_overlap(body: str) -> None:
    sentences = split_sentences(body)
    for sentence in sentences:
        assert body[sentence.start:sentence.end] == sentence.text and sentence.text.strip() == sentence.text
        assert "\n" not in sentence.text
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    assert "".join(s.text for s in sentences).replace(" ", "").replace("\u3000", "") == \
        body.replace("\n", "").replace(" ", "").replace("\u3000", "")
