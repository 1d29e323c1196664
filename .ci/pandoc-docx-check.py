#!/usr/bin/env python3
"""Markdown -> docx through pandoc (PyPI pypandoc-binary), as users turn
Folio's Markdown into Word files; checks that the document's core
properties carry the title and every author of the article's model.

Usage: pandoc-docx-check.py ARTICLE.md ARTICLE.json
Exit 1 when dc:title or a dc:creator is missing.
"""
import json
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

import pypandoc

DC = "{http://purl.org/dc/elements/1.1/}"


def main(md_path, json_path):
    model = json.load(open(json_path, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as d:
        out = f"{d}/out.docx"
        pypandoc.convert_file(md_path, "docx", format="markdown", outputfile=out)
        core = ET.fromstring(zipfile.ZipFile(out).read("docProps/core.xml"))
    title = core.findtext(DC + "title") or ""
    creators = core.findtext(DC + "creator") or ""
    problems = []
    if title != model["title"]:
        problems.append(f"dc:title is {title!r}, expected {model['title']!r}")
    if not model["authors"]:
        problems.append("the article has no authors: pick one that has")
    for name in model["authors"]:
        if name not in creators:
            problems.append(f"dc:creator {creators!r} lacks {name!r}")
    if problems:
        print(f"{md_path}: FAIL: " + "; ".join(problems))
        return 1
    print(f"{md_path}: pandoc docx: dc:title {title!r}, dc:creator {creators!r}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
