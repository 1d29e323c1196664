#!/usr/bin/env bash
# Folio vs pandoc, whole-process, measured side by side in one run.
#
#   bench/compare.sh            # needs ../shared (seed and bulk corpus)
#   RUNS=20 bench/compare.sh    # more runs per command
#
# Installs what it needs: hyperfine (Debian), pandoc 3 (PyPI pypandoc-binary)
# and typst (PyPI typst) into $BENCH_VENV. Prints a table of mean times and
# ratios, peak memory of the 1,000-article books, and batch scaling.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-10}
BENCH_VENV=${BENCH_VENV:-/opt/folio-bench}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
if [ ! -x "$BENCH_VENV/bin/python" ]; then python3 -m venv "$BENCH_VENV"; fi
"$BENCH_VENV/bin/python" -c 'import pypandoc, typst' 2>/dev/null \
  || "$BENCH_VENV/bin/pip" install -q pypandoc-binary typst
PANDOC=$("$BENCH_VENV/bin/python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
TYPST_PY="$BENCH_VENV/bin/python"
cargo build --release -q
FOLIO=$ROOT/target/release/folio
SEED=$ROOT/fixtures/seed-pyongyang-times.txt
echo "pandoc: $($PANDOC --version | head -1); typst (PyPI) $("$TYPST_PY" -c 'import typst; print(typst.__version__)'); $("$FOLIO" --version)"
echo "machine: $(nproc) cores; $(uptime | sed 's/.*load/load/')"

# 1,000 bulk articles (sorted names, the first 1,000).
mapfile -t BULK < <(ls "$SHARED"/corpus/bulk/kcna-*.txt | sort | head -1000)
printf '%s\n' "${BULK[@]}" > "$OUT/bulk.list"
cat > "$OUT/pandoc-typst.sh" <<SH
#!/usr/bin/env bash
"$PANDOC" -f markdown -t typst -s "\$1" -o "\$2.typ" && "$TYPST_PY" -c "import typst,sys; typst.compile(sys.argv[1], output=sys.argv[2])" "\$2.typ" "\$2"
SH
chmod +x "$OUT/pandoc-typst.sh"

bench() { # name, folio command, pandoc command
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/$1.json" \
    -n folio "$2" -n pandoc "$3" >/dev/null 2>&1 || { echo "$1: hyperfine failed"; return; }
}
bench seed-md   "$FOLIO convert $SEED -o $OUT/f.md"   "$PANDOC -f markdown -t commonmark $SEED -o $OUT/p.md"
bench seed-jats "$FOLIO convert $SEED -o $OUT/f.xml"  "$PANDOC -f markdown -t jats -s $SEED -o $OUT/p.xml"
bench seed-epub "$FOLIO convert $SEED -o $OUT/f.epub" "$PANDOC -f markdown -t epub3 $SEED -o $OUT/p.epub"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/seed-pdf.json" \
  -n folio "$FOLIO convert $SEED -o $OUT/f.pdf" -n pandoc+typst "$OUT/pandoc-typst.sh $SEED $OUT/p.pdf" >/dev/null 2>&1 \
  || echo "seed-pdf: hyperfine failed"
BOOK_RUNS=$(( RUNS < 3 ? RUNS : 3 ))
hyperfine -N --warmup 1 --runs "$BOOK_RUNS" --export-json "$OUT/book-epub.json" \
  -n folio "$FOLIO book -q -o $OUT/f-book.epub ${BULK[*]}" \
  -n pandoc "$PANDOC -f markdown -t epub3 -o $OUT/p-book.epub ${BULK[*]}" >/dev/null 2>&1 \
  || echo "book-epub: hyperfine failed"
if "$FOLIO" formats | grep -q '^pdf .* yes '; then
  hyperfine -N --warmup 1 --runs "$BOOK_RUNS" --export-json "$OUT/book-pdf.json" \
    -n folio "$FOLIO book -q -o $OUT/f-book.pdf ${BULK[*]}" >/dev/null 2>&1 || echo "book-pdf: hyperfine failed"
fi

python3 - "$OUT" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
targets = {"seed-md": 10, "seed-jats": 10, "seed-epub": 10, "seed-pdf": 15, "book-epub": 20, "book-pdf": 20}
print(f"\n{'case':<10} {'folio':>10} {'pandoc':>10} {'ratio':>8} {'target':>7}")
for case, target in targets.items():
    f = out / f"{case}.json"
    if not f.exists():
        print(f"{case:<10} {'(not run)':>10}")
        continue
    r = {x["command"]: x["mean"] for x in json.loads(f.read_text())["results"]}
    fo = r.get("folio"); pa = r.get("pandoc") or r.get("pandoc+typst")
    ratio = f"{pa / fo:7.1f}x" if fo and pa else "-"
    ok = "" if not (fo and pa) else ("ok" if pa / fo >= target else "MISS")
    print(f"{case:<10} {fo*1000 if fo else 0:>8.1f}ms {pa*1000 if pa else 0:>8.1f}ms {ratio:>8} {target:>5}x {ok}")
PY

echo
echo "peak memory, 1,000-article books (/usr/bin/time -v):"
for ext in epub pdf; do
  if [ "$ext" = pdf ] && ! "$FOLIO" formats | grep -q '^pdf .* yes '; then echo "  pdf: the PDF writer has no collection support yet"; continue; fi
  /usr/bin/time -v "$FOLIO" book -q -o "$OUT/mem.$ext" "${BULK[@]}" 2> "$OUT/time.txt" >/dev/null || true
  echo "  $ext: $(grep -E 'Elapsed' "$OUT/time.txt" | sed 's/.*: //') wall, $(grep 'Maximum resident' "$OUT/time.txt" | awk '{print $NF/1024}') MB peak"
  grep 'Maximum resident' "$OUT/time.txt" | awk '{print $NF/1024}' > "$OUT/peak-$ext.txt"
done
/usr/bin/time -v "$PANDOC" -f markdown -t epub3 -o "$OUT/pmem.epub" "${BULK[@]}" 2> "$OUT/ptime.txt" >/dev/null || true
echo "  pandoc epub: $(grep 'Maximum resident' "$OUT/ptime.txt" | awk '{print $NF/1024}') MB peak"

echo
echo "batch conversion of the bulk corpus to Markdown (folio convert --out-dir):"
hyperfine -N --warmup 1 --runs 3 --export-json "$OUT/batch.json" \
  -n 1-core "env RAYON_NUM_THREADS=1 $FOLIO convert -q -t md --out-dir $OUT/b1 ${BULK[*]}" \
  -n 2-cores "env RAYON_NUM_THREADS=2 $FOLIO convert -q -t md --out-dir $OUT/b2 ${BULK[*]}" >/dev/null 2>&1
python3 - "$OUT/batch.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"  1 core {r['1-core']*1000:.0f} ms, 2 cores {r['2-cores']*1000:.0f} ms: {r['1-core']/r['2-cores']:.2f}x (target 1.8x)")
PY

echo
hyperfine -N --warmup 3 --runs 30 "$FOLIO --version" --export-json "$OUT/startup.json" >/dev/null 2>&1
python3 -c "import json,sys; r=json.load(open('$OUT/startup.json'))['results'][0]; print(f'startup (folio --version): {r[\"mean\"]*1000:.2f} ms')"

# The book targets of issue #17, beside the measured figures.
python3 - "$OUT" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
def mean(case, cmd="folio"):
    f = out / f"{case}.json"
    if not f.exists():
        return None
    return {x["command"]: x["mean"] for x in json.loads(f.read_text())["results"]}.get(cmd)
def peak(ext):
    f = out / f"peak-{ext}.txt"
    try:
        return float(f.read_text().strip())
    except (OSError, ValueError):
        return None
st = json.loads((out / "startup.json").read_text())["results"][0]["mean"] if (out / "startup.json").exists() else None
rows = [
    ("1,000-article PDF book, wall", mean("book-pdf"), 0.5, "s"),
    ("1,000-article PDF book, peak memory", peak("pdf"), 150, "MB"),
    ("1,000-article EPUB book, wall", mean("book-epub"), 0.2, "s"),
    ("seed PDF / process start", (mean("seed-pdf") / st) if (mean("seed-pdf") and st) else None, 4, "x"),
]
print("\nbook targets (issue #17):")
for name, value, target, unit in rows:
    if value is None:
        print(f"  {name:<38} (not measured)   target <= {target} {unit}")
        continue
    ok = "ok" if value <= target else "MISS"
    print(f"  {name:<38} {value:8.2f} {unit:<3} target <= {target} {unit}  {ok}")
PY
