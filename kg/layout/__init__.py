"""Segmentation, in one place: a text cut into articles with headline, byline, dateline and paragraphs.

Three shapes of text (`kg.read` decides which): a newspaper page's text layer
(`kg.layout.page.page_articles`), a clean article file
(`kg.layout.clean.article_file_articles`) and one article's body from a JSON
Lines record (`kg.layout.clean.body_article`). The data flows through the
modules in this order:

- `lines`: the text's lines, page furniture dropped, and the reflow that joins
  wrapped lines into paragraphs;
- `bylines`: datelines (本报讯, 新华社北京4月9日电, 本报记者 张三…) opening an
  article and bylines（张三、李四）closing it;
- `page` (newspaper pages) and `clean` (article files, JSON Lines bodies): the
  lines cut into articles, each with its headlines;
- `parts`: one article's parts (`ArticleParts`) from its reflowed text.

A PDF text layer gives lines wrapped at the column width, with blank lines
where a column ends; those are not paragraph breaks and can fall inside a word
or a quotation. A paragraph ends with a short line that ends a sentence, or
before an indented line, or at a blank after a sentence end; any other line
break is a wrap and is joined. An article opens with a dateline, with an
indented first line or with its date (7月27日上午，) after a finished
paragraph and a blank, and ends with a byline — in brackets or names alone,
cut by wraps over up to three lines — or an end mark (（完）); its headline
(and subtitle) are short blocks standing alone between blank lines that do
not end a sentence: printed after the byline by some papers, before the
dateline by others — which one a page uses is read from where its first
article's headline stands or, when no headline opens or closes the page,
from which lead the headlines repeat.
"""
