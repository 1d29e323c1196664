#!/usr/bin/env bash
# Books that scale (issue #17), checked with other tools: a date-sorted book
# of a sample of ../shared/corpus/bulk (enough articles to be grouped by
# month; BOOKS_SAMPLE=N, default 120; 0 = all 1,032) as EPUB and PDF:
# - ebooklib (PyPI) reads the EPUB's nested navigation (groups > articles);
# - calibre's `ebook-meta --get-cover` extracts the raster cover (skipped
#   with a notice when calibre is not installed);
# - the OPF declares a PNG `cover-image`;
# - the PDF outline nests the articles under the same groups (qpdf);
# - the EPUB validates (EPUBCheck, strict), and with ACE=1 DAISY Ace too.
# Usage: .ci/books-check.sh [path/to/folio]   (default target/debug/folio)
set -euo pipefail
cd "$(dirname "$0")/.."
folio=${1:-target/debug/folio}
SHARED=../shared
bulk=$SHARED/corpus/bulk
if [ ! -d "$bulk" ]; then echo "notice: $bulk absent; books check skipped"; exit 0; fi
n=${BOOKS_SAMPLE:-120}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(ls "$bulk"/*.txt | sort)
if [ "$n" -gt 0 ]; then
  # An even sample over the whole corpus (every k-th article).
  k=$(( (${#files[@]} + n - 1) / n ))
  sample=(); for ((i = 0; i < ${#files[@]}; i += k)); do sample+=("${files[i]}"); done
else
  sample=("${files[@]}")
fi
export SOURCE_DATE_EPOCH=1700000000
"$folio" book -q --sort date --title "Bulk sample (${#sample[@]} articles)" \
  -o "$work/book.epub" -o "$work/book.pdf" "${sample[@]}"
echo "book of ${#sample[@]} articles: $(stat -c %s "$work/book.epub") B EPUB, $(stat -c %s "$work/book.pdf") B PDF"

# The OPF declares a raster cover-image.
unzip -p "$work/book.epub" OEBPS/content.opf | grep -q 'media-type="image/png" properties="cover-image"' \
  || { echo "FAIL: no PNG cover-image in the OPF"; exit 1; }

# ebooklib reads the nested navigation.
venv=$work/venv
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "ebooklib==0.20"
"$venv/bin/python" - "$work/book.epub" <<'PY'
import sys
from ebooklib import epub
book = epub.read_epub(sys.argv[1], {"ignore_ncx": False})
def walk(items, d=1):
    depth, n = d, 0
    for it in items:
        n += 1
        if isinstance(it, tuple):
            kd, kn = walk(it[1], d + 1)
            depth, n = max(depth, kd), n + kn
    return depth, n
depth, n = walk(book.toc)
groups = [it[0].title for it in book.toc if isinstance(it, tuple)]
print(f"ebooklib: nav depth {depth}, {n} entries, top-level groups {groups[:3]}...")
assert depth >= 2 and groups, "the navigation is not grouped"
PY

# The PDF outline: book > contents and the same groups.
python3 - "$work/book.pdf" <<'PY'
import json, subprocess, sys
out = subprocess.run(["qpdf", "--json", "--json-key=outlines", sys.argv[1]],
                     check=True, capture_output=True).stdout
root = json.loads(out)["outlines"][0]
kids = root["kids"]
assert kids[0]["title"] == "Contents", [k["title"] for k in kids[:3]]
groups = [k["title"] for k in kids[1:] if k["kids"]]
print(f"pdf outline: {len(kids) - 1} items under the book, e.g. {groups[:3]}")
assert groups, "the PDF outline is not grouped"
PY

# calibre extracts the cover.
if command -v ebook-meta >/dev/null; then
  ebook-meta --get-cover="$work/cover.png" "$work/book.epub" >/dev/null
  file "$work/cover.png" | grep -q 'PNG image data, 1200 x 1800' \
    || { echo "FAIL: ebook-meta extracted no cover"; exit 1; }
  echo "calibre: ebook-meta --get-cover extracted a 1200x1800 PNG"
else
  echo "notice: calibre (ebook-meta) not installed; cover extraction not checked"
fi

# Validators: EPUBCheck strict (and Ace with ACE=1).
PDFUA=1 STRICT=1 "$SHARED/tools/validate" "$work/book.epub" "$work/book.pdf"
