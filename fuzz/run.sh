#!/usr/bin/env bash
# Runs the fuzz targets one after another, each for SECONDS (default 600),
# and prints libFuzzer's final statistics (executions, coverage, peak RSS).
#
#   fuzz/run.sh [SECONDS] [TARGET...]     targets: parse markdown jats epub pdf
#                                         read_markdown read_jats read_html
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Each corpus starts from the fixtures (with a leading option byte, see
# fuzz_targets/common.rs) and grows in fuzz/corpus/TARGET; a crash is saved
# in fuzz/artifacts/TARGET and stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse markdown jats epub pdf)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  for f in ../fixtures/*.txt ../fixtures/*.md; do
    seed="corpus/$t/fixture-$(basename "$f")"
    [ -e "$seed" ] || { printf '\0' >"$seed"; cat "$f" >>"$seed"; }
  done
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$secs" -dict=folio.dict -max_len=16384 -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 >"corpus/$t.log" 2>&1 || true
  grep -E '^(stat::|#[0-9]+ +DONE|==[0-9]+==|SUMMARY|.*panicked|Test unit written|error)' "corpus/$t.log" || true
  [ -z "$(ls -A "artifacts/$t" 2>/dev/null)" ] || { echo "$t: crash saved in fuzz/artifacts/$t" >&2; exit 1; }
done
