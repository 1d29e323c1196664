#!/usr/bin/env bash
# Installs pdf.js (the exact pdfjs-dist of package-lock.json) for
# folio-check's pdf.js extractor into crates/folio-check/js/node_modules
# (git-ignored). Needs node >= 20.16 and npm; idempotent.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/pdfjs-dist/package.json ] \
  && [ "$(node -p 'require("./node_modules/pdfjs-dist/package.json").version')" = \
       "$(node -p 'require("./package-lock.json").packages["node_modules/pdfjs-dist"].version')" ]; then
  exit 0
fi
npm ci --omit=optional --no-audit --no-fund --loglevel=error
