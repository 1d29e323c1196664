#!/usr/bin/env python3
"""Regenerates the side-by-side pages of docs/compare/: page 1 of an article
set by Folio and by typst's default template (same text), rasterised with
`pdftoppm -r 60 -png`.

Usage: docs/compare/regen.py [ARTICLE.txt]   (default: the seed article)
Needs: a built `folio` (target/debug/folio, or $FOLIO), the PyPI package
`typst` (`pip install typst`), and poppler's pdftoppm.

The typst source is built from Folio's JSON of the article: the title as a
level-1 heading, the date line, then each block (headings as headings,
paragraphs, list items, quotations, code as raw blocks), every text as a
typst string literal so no character is read as markup. Nothing else is
set: typst's defaults (A4, 11 pt Libertinus Serif, ragged right, no
indent) are what a typst user gets without a template.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def lit(s: str) -> str:
    """A typst string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def plain(content) -> str:
    out = []
    for i in content or []:
        if "text" in i:
            out.append(i["text"])
        out.append(plain(i.get("content")))
    return "".join(out)


def block(b) -> str:
    t = b.get("type")
    if t == "heading":
        return f"#heading(level: {min(b.get('level', 2), 6)})[#{lit(plain(b['content']))}]\n"
    if t == "code":
        return f"#raw(block: true, {lit(b['text'])})\n"
    if t == "list":
        items = "".join(f"[#{lit(plain(i['content']))}], " for i in b.get("items", []))
        fn = "enum" if b.get("ordered") else "list"
        return f"#{fn}({items})\n"
    if t == "quote":
        inner = "".join(block(x) for x in b.get("blocks", []))
        return f"#quote(block: true)[\n{inner}]\n"
    return f"#{lit(plain(b.get('content')))}\n"


def main() -> None:
    article = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                           ROOT.parent / "shared/seed/pyongyang-times-2023-03-17.txt")
    folio = os.environ.get("FOLIO", str(ROOT / "target/debug/folio"))
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        subprocess.run([folio, "convert", str(article), "-o", str(tmp / "a.pdf")], check=True, env=env)
        subprocess.run([folio, "convert", str(article), "-o", str(tmp / "a.json")], check=True, env=env)
        a = json.loads((tmp / "a.json").read_text())
        src = f"#set text(lang: {lit(a.get('language') or 'en')})\n"
        src += f"#heading(level: 1)[#{lit(a['title'])}]\n"
        if a.get("date_text"):
            src += f"#{lit(a['date_text'])}\n\n"
        src += "\n".join(block(b) for b in a.get("body", []))
        for b in a.get("footer", []):
            src += "\n" + block(b)
        (tmp / "a.typ").write_text(src)
        import typst  # PyPI `typst`
        typst.compile(str(tmp / "a.typ"), output=str(tmp / "t.pdf"))
        for pdf, name in [(tmp / "a.pdf", "folio-p1"), (tmp / "t.pdf", "typst-p1")]:
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(HERE / name)], check=True)
            print(HERE / f"{name}.png")


if __name__ == "__main__":
    main()
