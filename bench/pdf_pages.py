"""Newspaper PDF pages typeset from articles: the test and bench input of `kg.pdf`.

    python -m bench.pdf_pages OUT.pdf DOC [--columns 4] [--layout lead_pair|stack] [--reverse]

Stories (headline, subtitle, dateline, paragraphs, byline) are typeset with
reportlab in a CJK font from the system's packages (fonts-wqy-microhei,
fonts-wqy-zenhei or fonts-noto-cjk): a masthead and folio on the first page, a
folio on the others, a page number at the foot, headlines centred over the
columns they stand on, bodies wrapped and balanced over 3–5 columns, a photo
caption and an advertisement in small type and boxes. `lead_pair` sets a lead
across the page and two stories side by side under it; `stack` sets each
story across the page. `reverse` draws columns right to left and stories
bottom-up, so the text layer's order is not the reading order. `style` `left` sets
headlines flush left, subtitles in body size, and the reporters on a line
under the headline instead of in brackets after the text. A story that
does not fit on the page opens the next one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.model import Article

FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
PAGE_W, PAGE_H = 842.0, 1191.0  # A3 points: a broadsheet's proportions
MARGIN = 36.0
GUTTER = 12.0
BODY, TITLE, LEAD_TITLE, SUBTITLE, SMALL = 9.5, 19.0, 25.0, 12.5, 7.5
PITCH = 1.5  # line pitch in font sizes
WEEKDAYS = "一二三四五六日"


@cache
def fonts() -> tuple[str, str]:
    """(body font, headline font) registered with reportlab; FileNotFoundError without a CJK font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = next((p for p in FONT_FILES if Path(p).exists()), None)
    if path is None:
        raise FileNotFoundError("no CJK font: apt-get install fonts-wqy-microhei")
    pdfmetrics.registerFont(TTFont("Body", path, subfontIndex=0))
    pdfmetrics.registerFont(TTFont("Head", path, subfontIndex=1 if path.endswith(".ttc") else 0))
    return "Body", "Head"


@dataclass(frozen=True)
class Story:
    title: str | None
    subtitle: str | None
    paragraphs: tuple[str, ...]
    reporters: tuple[str, ...] = ()  # named in no dateline: a byline prints them
    continued: bool = False  # the first paragraph goes on from another page: not indented
    kicker: str | None = None  # a line over the headline (bench.pdf_press prints it)

    @classmethod
    def of(cls, article: Article) -> Story:
        """The story an article was printed as: its dateline opens the body, a byline names the reporters."""
        paragraphs = [p for p in article.body.split("\n") if p.strip()]
        if article.dateline:
            paragraphs[0] = f"{article.dateline} {paragraphs[0]}"
        named = article.dateline or ""
        return cls(article.title, article.subtitle, tuple(paragraphs),
                   tuple(name for name in article.reporters if name not in named))


def jump(story: Story, *, share: float, page: int, to_page: int, headline: str | None = None,
         byline_first: bool = False) -> tuple[Story, Story]:
    """`story` cut after `share` of its characters into a part ending （转第{to_page}版） and the rest opening
    （上接第{page}版） under `headline` (default: the title repeated); `byline_first`: the reporters go with the
    first part (style `left` prints them under the headline), else with the rest (a byline after the text)."""
    paragraphs = list(story.paragraphs)
    cut = int(sum(map(len, paragraphs)) * share)
    index = 0
    while cut >= len(paragraphs[index]):
        cut -= len(paragraphs[index])
        index += 1
    head, tail = paragraphs[index][:cut], paragraphs[index][cut:]
    before = [*paragraphs[:index], head] if head else paragraphs[:index]
    before[-1] += f"（转第{to_page}版）"
    after = [f"（上接第{page}版）{tail}", *paragraphs[index + 1:]]
    first = Story(story.title, story.subtitle, tuple(before), story.reporters if byline_first else ())
    rest = Story(story.title if headline is None else headline, None, tuple(after),
                 () if byline_first else story.reporters, continued=bool(head))
    return first, rest


@dataclass
class _Op:
    text: str
    x: float
    y: float  # baseline, from the page's top
    font: str
    size: float
    centred: bool = False


@dataclass
class _Box:
    height: float
    heading: list[_Op] = field(default_factory=list)
    columns: list[list[_Op]] = field(default_factory=list)


def _wrap(text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current, used = [], "", indent
    for ch in text:
        w = stringWidth(ch, font, size)
        if current and used + w > width:
            lines.append(current)
            current, used = "", 0.0
        current += ch
        used += w
    if current:
        lines.append(current)
    return lines


def _story_box(story: Story, x: float, width: float, columns: int, top: float, lead: bool,
               style: str = "classic") -> _Box:
    """`classic`: headline and subtitle centred, reporters in brackets after the text; `left`: headline
    set flush left, subtitle in body size and the headline's face, reporters on a line under the headline."""
    body_font, head_font = fonts()
    box = _Box(0.0)
    y = top
    centred = style == "classic"
    sizes = (LEAD_TITLE if lead else TITLE, SUBTITLE if centred else BODY * 1.1)
    for text, size in zip((story.title, story.subtitle), sizes, strict=True):
        if not text:
            continue
        for line in _wrap(text, head_font, size, width):
            y += size * 1.3
            box.heading.append(_Op(line, x + width / 2 if centred else x, y, head_font, size, centred=centred))
        y += size * 0.3
    paragraphs = list(story.paragraphs)
    if story.reporters and centred:
        paragraphs[-1] += f"（{'、'.join(story.reporters)}）"
    elif story.reporters:
        y += BODY * 1.5
        box.heading.append(_Op("本报记者 " + " ".join(story.reporters), x, y, head_font, BODY))
    if box.heading:
        y += BODY * 0.8
    col_w = (width - GUTTER * (columns - 1)) / columns
    lines: list[tuple[str, float]] = []
    for n, paragraph in enumerate(paragraphs):
        indent = 0.0 if n == 0 and story.continued else 2 * BODY
        for i, line in enumerate(_wrap(paragraph, body_font, BODY, col_w, indent=indent)):
            lines.append((line, indent if i == 0 else 0.0))
    per_column = math.ceil(len(lines) / columns)
    for c in range(columns):
        chunk = lines[c * per_column:(c + 1) * per_column]
        cx = x + c * (col_w + GUTTER)
        box.columns.append([_Op(text, cx + indent, y + (i + 1) * BODY * PITCH, body_font, BODY)
                            for i, (text, indent) in enumerate(chunk)])
    box.height = y - top + per_column * BODY * PITCH + BODY * 2
    return box


def _folio(issued: dt.date | None, source: str | None, page: int) -> str:
    date = f"{issued.year}年{issued.month}月{issued.day}日 星期{WEEKDAYS[issued.weekday()]}" if issued else ""
    return f"{source or ''} {date} 第{page}版 要闻 责任编辑 王芳".strip()


class _Page:
    def __init__(self, canvas, number: int, issued: dt.date | None, source: str | None, reverse: bool) -> None:
        self.canvas, self.number, self.reverse = canvas, number, reverse
        self.ops: list[list[_Op]] = []  # drawing groups, in reading order
        body_font, head_font = fonts()
        y = MARGIN
        if number == 1 and source:
            y += 40
            self.ops.append([_Op(source, PAGE_W / 2, y, head_font, 40, centred=True)])
            y += 8
        y += SMALL * 1.6
        self.ops.append([_Op(_folio(issued, None if number == 1 else source, number), MARGIN, y, body_font, SMALL)])
        self.rule(y + 6)
        self.top = y + 14
        self.stories = 0
        self.ops.append([_Op(str(number), PAGE_W / 2, PAGE_H - MARGIN / 2, body_font, SMALL, centred=True)])

    def rule(self, y: float) -> None:
        self.canvas.setLineWidth(0.8)
        self.canvas.line(MARGIN, PAGE_H - y, PAGE_W - MARGIN, PAGE_H - y)

    def room(self) -> float:
        return PAGE_H - MARGIN - self.top

    def place(self, boxes: list[_Box]) -> None:
        self.stories += len(boxes)
        for box in boxes:
            self.ops.append(box.heading)
            self.ops.extend(box.columns)
        self.top += max(box.height for box in boxes)
        self.rule(self.top - BODY)

    def extras(self) -> None:
        """A photo with its caption and an advertisement, where the page has room."""
        body_font, head_font = fonts()
        if self.room() > 90:
            top = self.top
            self.canvas.setFillGray(0.8)
            self.canvas.rect(MARGIN, PAGE_H - top - 50, 160, 50, fill=1, stroke=0)
            self.canvas.setFillGray(0)
            self.ops.append([_Op("图为会议现场。本报记者 摄", MARGIN, top + 62, body_font, SMALL)])
            if self.room() > 150:
                x0 = PAGE_W / 2
                self.canvas.rect(x0, PAGE_H - top - 80, PAGE_W - MARGIN - x0, 80, fill=0, stroke=1)
                self.ops.append([_Op("广告", x0 + 4, top + 10, body_font, SMALL),
                                 _Op("诚信经营 服务百姓", x0 + 90, top + 40, head_font, 20),
                                 _Op("全市网点均可办理 咨询热线请见官网", x0 + 90, top + 62, body_font, 10)])

    def draw(self, scaled: bool = False) -> None:
        """The page's text in reading order, or reversed; `scaled`: every string set in 1 pt and scaled by
        its text matrix, as cairo writes text."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        groups = list(reversed(self.ops)) if self.reverse else self.ops
        for group in groups:
            for op in group:
                x = op.x - stringWidth(op.text, op.font, op.size) / 2 if op.centred else op.x
                if scaled:
                    text = self.canvas.beginText()
                    text.setTextTransform(op.size, 0, 0, op.size, x, PAGE_H - op.y)
                    text.setFont(op.font, 1)
                    text.textOut(op.text)
                    self.canvas.drawText(text)
                else:
                    self.canvas.setFont(op.font, op.size)
                    self.canvas.drawString(x, PAGE_H - op.y, op.text)
        self.canvas.showPage()


def typeset(stories: Iterable[Story], out: Path, *, columns: int = 4, layout: str = "lead_pair",
            reverse: bool = False, style: str = "classic", scaled: bool = False, issued: dt.date | None = None,
            source: str | None = None, page_breaks: frozenset[int] = frozenset(), first_page: int = 1) -> int:
    """Write `stories` as newspaper pages to `out`; the number of pages. `page_breaks`: the indices of the
    stories that open a new page; `first_page`: the folio's number of the first page (a file a page)."""
    from reportlab.pdfgen.canvas import Canvas

    if not 3 <= columns <= 5:
        raise ValueError("3 to 5 columns")
    canvas = Canvas(str(out), pagesize=(PAGE_W, PAGE_H), invariant=1)
    width = PAGE_W - 2 * MARGIN
    page = _Page(canvas, first_page, issued, source, reverse)
    pending = list(stories)
    placed = 0
    slot = 0  # lead_pair: 0 the lead, 1 the pair
    while pending:
        if placed in page_breaks and page.stories:
            page.extras()
            page.draw(scaled)
            page = _Page(canvas, page.number + 1, issued, source, reverse)
            slot = 0
        if layout == "lead_pair" and slot == 1 and len(pending) >= 2 and placed + 1 not in page_breaks:
            left_cols = math.ceil(columns / 2)
            left_w = (width + GUTTER) * left_cols / columns - GUTTER
            boxes = [_story_box(pending[0], MARGIN, left_w, left_cols, page.top, False, style),
                     _story_box(pending[1], MARGIN + left_w + GUTTER, width - left_w - GUTTER,
                                columns - left_cols, page.top, False, style)]
        else:
            boxes = [_story_box(pending[0], MARGIN, width, columns, page.top, layout == "lead_pair", style)]
        if max(box.height for box in boxes) > page.room() and page.stories:  # a story longer than a page overflows it
            page.extras()
            page.draw(scaled)
            page = _Page(canvas, page.number + 1, issued, source, reverse)
            continue
        page.place(boxes)
        del pending[:len(boxes)]
        placed += len(boxes)
        slot = 1 - slot if layout == "lead_pair" else 0
    page.extras()
    page.draw(scaled)
    canvas.save()
    return page.number - first_page + 1


def main(argv: list[str] | None = None) -> None:
    from kg.read import read_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("doc", type=Path)
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--layout", choices=("lead_pair", "stack"), default="lead_pair")
    parser.add_argument("--reverse", action="store_true")
    parser.add_argument("--style", choices=("classic", "left"), default="classic")
    args = parser.parse_args(argv)
    articles = [a for a in read_path(args.doc) if isinstance(a, Article)]
    pages = typeset(map(Story.of, articles), args.out, columns=args.columns, layout=args.layout,
                    reverse=args.reverse, style=args.style, issued=articles[0].issued, source=articles[0].source)
    print(f"{args.out}: {pages} pages")


if __name__ == "__main__":
    main()


# (columns, layout, drawn in reverse, style)
LAYOUTS = ((4, "lead_pair", False, "classic"), (3, "stack", True, "left"), (5, "lead_pair", True, "classic"),
           (3, "lead_pair", False, "left"), (5, "stack", False, "classic"), (4, "lead_pair", True, "left"))


def typeset_gold(golds: list[Path], docs: Path | None, out: Path, layouts: tuple = LAYOUTS,
                 jumped: bool = False, printer: Callable[..., None] | None = None) -> list[Path]:
    """Each gold file's document typeset as PDF pages in `out`, `layouts` taken in turn, with a copy of the
    gold naming the PDF beside it; the copies' paths. `docs`: the documents' folder (default: the gold's).
    `jumped`: the first article breaks off half way (（转第N版）) and goes on (（上接第1版）) on a page of its own
    after the others. `printer(stories, pdf, columns=, source=, issued=)`: another layout engine
    (`bench.pdf_html.print_pdf`) in place of this module's."""
    import json

    from kg.read import parse_date, read_path

    out.mkdir(parents=True, exist_ok=True)
    copies = []
    for i, gold_path in enumerate(golds):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = (docs or gold_path.parent) / gold["document"]
        issued, source = parse_date(gold["published"]), gold["source"]
        articles = [a for a in read_path(doc, published=issued, source=source) if isinstance(a, Article)]
        columns, layout, reverse, style = layouts[i % len(layouts)]
        pdf = out / (Path(gold["document"]).stem + ".pdf")
        options = {"columns": columns, "layout": layout, "reverse": reverse, "style": style, "issued": issued,
                   "source": source}
        stories = [Story.of(a) for a in articles]
        if printer is not None:
            printer(stories, pdf.resolve(), columns=columns, source=source, issued=issued)
        elif jumped and stories:
            first, rest = jump(stories[0], share=0.5, page=1, to_page=2, byline_first=style == "left")
            pages = typeset([first, *stories[1:], rest], pdf, page_breaks=frozenset({len(stories)}), **options)
            if pages != 2:  # the others took more than the front page: the rest stands on the last
                first, rest = jump(stories[0], share=0.5, page=1, to_page=pages, byline_first=style == "left")
                typeset([first, *stories[1:], rest], pdf, page_breaks=frozenset({len(stories)}), **options)
        else:
            typeset(stories, pdf, **options)
        copy = out / gold_path.name
        copy.write_text(json.dumps(dict(gold, document=pdf.name), ensure_ascii=False), encoding="utf-8")
        copies.append(copy)
    return copies
