#!/usr/bin/env bash
# The Python package (crates/folio-py): build the abi3 wheel with maturin,
# install it into a fresh venv, run the README's one-liner, the pytest suite
# (round trips against the CLI, errors, threads, and the Dask distributed
# run on ../shared/corpus/bulk), then the distributed example itself.
#
# Env: FOLIO_BULK_LIMIT=N runs the distributed checks on the first N bulk
# articles (default: all); PY_PROFILE=release builds an optimized wheel
# (default: the dev profile, which reuses the `cargo test` build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
SHARED=../shared
PY=${PYTHON:-python3}
profile=${PY_PROFILE:-dev}
start=$(date +%s)
step() { echo; echo "== python: $* ($(( $(date +%s) - start ))s)"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "the folio CLI to compare with"
cargo build --locked -q --bin folio
export FOLIO_BIN=$PWD/target/debug/folio

step "build the wheel (maturin, profile $profile)"
"$PY" -m venv "$work/build"
"$work/build/bin/pip" install -q --disable-pip-version-check "maturin==1.16.0"
"$work/build/bin/maturin" build --locked --profile "$profile" \
  -m crates/folio-py/Cargo.toml --interpreter "$PY" --out "$work/wheels"
ls -l "$work/wheels"

step "install it into a fresh venv"
"$PY" -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "$work"/wheels/folio-*.whl \
  "pytest==8.4.2" "dask[distributed]==2026.8.0"
# The README's one-liner, from outside the source tree (so the wheel is what is imported).
(cd "$work" && "$work/venv/bin/python" -c "import folio; print(folio.convert(open('$repo/fixtures/seed-pyongyang-times.txt').read(), to='md')[:40])")

step "pytest"
export SOURCE_DATE_EPOCH=1700000000
# From the tests' folder, so `import folio` is the installed wheel.
(cd crates/folio-py && "$work/venv/bin/python" -m pytest -q -p no:cacheprovider tests)

if [ -d "$SHARED/corpus/bulk" ]; then
  step "distributed example: bulk corpus to JATS and PDF on 2 Dask workers"
  limit=()
  [ -n "${FOLIO_BULK_LIMIT:-}" ] && limit=(--limit "$FOLIO_BULK_LIMIT")
  rc=0
  "$work/venv/bin/python" crates/folio-py/examples/distributed_convert.py "$SHARED/corpus/bulk" "$work/out" \
    --to jats pdf --workers 2 --partition-size 64 --quiet "${limit[@]}" || rc=$?
  echo "outputs: $(find "$work/out" -type f | wc -l) files"
  if [ "$rc" -ne 0 ]; then
    # A few bulk articles hold CJK punctuation: their PDFs need fonts-noto-cjk
    # (installed by .ci/run's first step). Without it they fail, as in the CLI.
    if [ "$rc" -eq 1 ] && ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
      echo "warning: fonts-noto-cjk is not installed; the articles above have no PDF"
    else
      exit "$rc"
    fi
  fi
else
  echo "notice: $SHARED/corpus/bulk is absent; the distributed example is skipped"
fi
step "done"
