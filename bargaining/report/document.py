"""A report as a list of blocks, written once and rendered twice: Markdown and HTML.

>>> doc = Document("Title")
>>> doc.paragraph("Some text.")
>>> doc.table(["a", "b"], [["1", "2"]])
>>> print(doc.markdown())
# Title
<BLANKLINE>
Some text.
<BLANKLINE>
| a | b |
|---|---|
| 1 | 2 |
<BLANKLINE>
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Document", "booktabs"]

_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def booktabs(header: list[str], rows: list[list[str]]) -> str:
    r"""A table as LaTeX ``booktabs`` (special characters escaped).

    >>> print(booktabs(["a", "b_1"], [["1", "50 %"]]))
    \begin{tabular}{ll}
    \toprule
    a & b\_1 \\
    \midrule
    1 & 50 \% \\
    \bottomrule
    \end{tabular}
    """

    def cell(text: str) -> str:
        return "".join(_LATEX.get(char, char) for char in text)

    lines = [
        r"\begin{tabular}{" + "l" * len(header) + "}",
        r"\toprule",
        " & ".join(map(cell, header)) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(map(cell, row)) + r" \\" for row in rows]
    return "\n".join([*lines, r"\bottomrule", r"\end{tabular}"])


@dataclass
class _Block:
    kind: Literal["heading", "paragraph", "table", "image", "code", "list"]
    text: str = ""
    level: int = 2
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Document:
    """Headings, paragraphs, tables, images, code and lists, in order.

    >>> doc = Document("Title")
    >>> doc.paragraph("Some text.")
    >>> print(doc.markdown())
    # Title
    <BLANKLINE>
    Some text.
    """

    title: str
    blocks: list[_Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 2) -> None:
        """A section heading (level 2 or deeper; the title is level 1).

        >>> doc = Document("Title")
        >>> doc.heading("Results", 3)
        >>> print(doc.markdown())
        # Title
        <BLANKLINE>
        ### Results
        """
        self.blocks.append(_Block("heading", text, level))

    def paragraph(self, text: str) -> None:
        """A paragraph of plain text.

        >>> doc = Document("Title")
        >>> doc.paragraph("Some text.")
        >>> print(doc.markdown())
        # Title
        <BLANKLINE>
        Some text.
        """
        self.blocks.append(_Block("paragraph", text))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """A table with a header row.

        >>> doc = Document("Title")
        >>> doc.table(["a", "b"], [["1", "2"]])
        >>> print(doc.markdown())
        # Title
        <BLANKLINE>
        | a | b |
        |---|---|
        | 1 | 2 |
        """
        self.blocks.append(_Block("table", header=header, rows=rows))

    def image(self, path: str, caption: str) -> None:
        """A figure, by its path relative to the report.

        >>> doc = Document("Title")
        >>> doc.image("figure.svg", "A figure")
        >>> print(doc.markdown())
        # Title
        <BLANKLINE>
        ![A figure](figure.svg)
        <BLANKLINE>
        *A figure*
        """
        self.blocks.append(_Block("image", path, items=[caption]))

    def code(self, text: str, language: str = "") -> None:
        """A block of code or LaTeX, shown as it is.

        >>> doc = Document("Title")
        >>> doc.code("x = 1", "python")
        >>> print(doc.markdown())
        # Title
        <BLANKLINE>
        ```python
        x = 1
        ```
        """
        self.blocks.append(_Block("code", text, items=[language]))

    def tables(self) -> list[tuple[list[str], list[list[str]]]]:
        """Every table's header and rows, in order (for the LaTeX export).

        >>> doc = Document("Title")
        >>> doc.table(["a"], [["1"]])
        >>> doc.tables()
        [(['a'], [['1']])]
        """
        return [(block.header, block.rows) for block in self.blocks if block.kind == "table"]

    def bullets(self, items: list[str]) -> None:
        """A bulleted list.

        >>> doc = Document("Title")
        >>> doc.bullets(["one", "two"])
        >>> print(doc.markdown())
        # Title
        <BLANKLINE>
        - one
        - two
        """
        self.blocks.append(_Block("list", items=items))

    def markdown(self) -> str:
        """The document in Markdown.

        >>> doc = Document("Title")
        >>> print(doc.markdown())
        # Title
        """
        out = [f"# {self.title}", ""]
        for block in self.blocks:
            if block.kind == "heading":
                out += ["#" * block.level + " " + block.text, ""]
            elif block.kind == "paragraph":
                out += [block.text, ""]
            elif block.kind == "table":
                out.append("| " + " | ".join(block.header) + " |")
                out.append("|" + "---|" * len(block.header))
                out += [
                    "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in block.rows
                ]
                out.append("")
            elif block.kind == "image":
                out += [f"![{block.items[0]}]({block.text})", "", f"*{block.items[0]}*", ""]
            elif block.kind == "code":
                out += [f"```{block.items[0]}", block.text, "```", ""]
            else:
                out += [f"- {item}" for item in block.items] + [""]
        return "\n".join(out)

    def html(self) -> str:
        """The document as a standalone HTML page.

        >>> doc = Document("Title")
        >>> doc.paragraph("Some text.")
        >>> "<p>Some text.</p>" in doc.html()
        True
        """
        e = html.escape
        out = [
            "<!DOCTYPE html><html><head><meta charset='utf-8'>",
            f"<title>{e(self.title)}</title><style>body{{font-family:sans-serif;max-width:72em;margin:auto}}"
            "table{border-collapse:collapse}td,th{border:1px solid #aaa;padding:3px 6px;vertical-align:top}"
            "img{max-width:100%}figcaption{font-style:italic}pre{background:#f4f4f4;padding:6px;overflow-x:auto}"
            "</style></head><body>",
            f"<h1>{e(self.title)}</h1>",
        ]
        for block in self.blocks:
            if block.kind == "heading":
                out.append(f"<h{block.level}>{e(block.text)}</h{block.level}>")
            elif block.kind == "paragraph":
                out.append(f"<p>{e(block.text)}</p>")
            elif block.kind == "table":
                head = "".join(f"<th>{e(h)}</th>" for h in block.header)
                body = "".join(
                    "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.rows
                )
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif block.kind == "image":
                out.append(
                    f"<figure><img src='{e(block.text)}' alt='{e(block.items[0])}'>"
                    f"<figcaption>{e(block.items[0])}</figcaption></figure>"
                )
            elif block.kind == "code":
                out.append(f"<pre><code>{e(block.text)}</code></pre>")
            else:
                out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>")
        out.append("</body></html>")
        return "\n".join(out) + "\n"
