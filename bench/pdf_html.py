"""Newspaper PDF pages printed by headless Chromium from HTML with CSS columns: a second layout engine.

    python -m bench.pdf_html OUT.pdf DOC [--columns 4]

`bench.pdf_pages` places every line itself (reportlab); here Chromium lays the
page out as a browser does — justified text in CSS multi-column boxes, a
headline and subtitle spanning their columns, a lead across the page and two
stories side by side under it (flexbox), rules between stories, a masthead and
folio — and prints it with `--print-to-pdf`. The reader has never seen its
line breaking, glyph runs or text objects: pages from it check that the reading
does not depend on how one tool writes a PDF. Needs `chromium` on the PATH
(Debian's package; `.ci/run` installs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bench.pdf_pages import WEEKDAYS, Story

CSS = """
@page { size: 297mm 420mm; margin: 12mm; }
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei'; font-size: 9.5pt;
       line-height: 1.5; margin: 0; }
.masthead, h2, h3 { font-family: 'WenQuanYi Micro Hei Mono', 'Noto Sans Mono CJK SC'; font-weight: normal;
                    text-align: center; }
.masthead { font-size: 40pt; margin: 0; }
.folio { font-size: 7.5pt; border-bottom: 1px solid #000; margin-bottom: 8pt; }
section { border-bottom: 1px solid #000; padding-bottom: 8pt; margin-bottom: 8pt; }
h2 { font-size: 20pt; margin: 4pt 0; }
h3 { font-size: 12.5pt; margin: 2pt 0 6pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.body { column-gap: 12pt; }
.pair { display: flex; gap: 12pt; }
.pair > section { flex: 1; }
"""


def chromium() -> str:
    """The Chromium executable; FileNotFoundError without one."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise FileNotFoundError("no chromium: apt-get install chromium")
    return found


def _story(story: Story, columns: int) -> str:
    heading = "".join(f"<{tag}>{html.escape(text)}</{tag}>" for tag, text in (("h2", story.title),
                                                                              ("h3", story.subtitle)) if text)
    paragraphs = list(story.paragraphs)
    if story.reporters:
        paragraphs[-1] += f"（{'、'.join(story.reporters)}）"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f'<section>{heading}<div class="body" style="column-count:{columns}">{body}</div></section>'


def page_html(stories: Iterable[Story], *, columns: int = 4, source: str | None = None,
              issued: dt.date | None = None) -> str:
    """One HTML page: a masthead and folio, then a lead across the page and two stories side by side, in turn."""
    date = f"{issued.year}年{issued.month}月{issued.day}日 星期{WEEKDAYS[issued.weekday()]}" if issued else ""
    out = [f'<div class="masthead">{html.escape(source or "")}</div>'
           f'<div class="folio">{date} 第1版 要闻 责任编辑 王芳</div>']
    pending = list(stories)
    lead = True
    while pending:
        if lead or len(pending) < 2:
            out.append(_story(pending.pop(0), columns))
        else:
            out.append(f'<div class="pair">{_story(pending.pop(0), 2)}{_story(pending.pop(0), 2)}</div>')
        lead = not lead
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head>"
            f"<body>{''.join(out)}</body></html>")


def print_pdf(stories: Iterable[Story], out: Path, *, columns: int = 4, source: str | None = None,
              issued: dt.date | None = None) -> None:
    """`stories` laid out by Chromium and printed to `out`."""
    with tempfile.TemporaryDirectory(prefix="kg-pdf-html-") as tmp:
        page = Path(tmp, "page.html")
        page.write_text(page_html(stories, columns=columns, source=source, issued=issued), encoding="utf-8")
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={out}", "--no-pdf-header-footer", page.as_uri()],
                       check=True, capture_output=True, timeout=180)


def main(argv: list[str] | None = None) -> None:
    from kg.model import Article
    from kg.read import read_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("doc", type=Path)
    parser.add_argument("--columns", type=int, default=4)
    args = parser.parse_args(argv)
    articles = [a for a in read_path(args.doc) if isinstance(a, Article)]
    print_pdf(map(Story.of, articles), args.out.resolve(), columns=args.columns, source=articles[0].source,
              issued=articles[0].issued)
    print(args.out)


if __name__ == "__main__":
    main()
