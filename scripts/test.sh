#!/usr/bin/env bash
# Runs every test of plansift. Set-up included: installs poppler-utils (pdftotext, used by the
# PDF text-layer comparison test) when it is missing and we may install packages.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing poppler-utils (pdftotext) for the PDF comparison tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
      || echo "warning: could not install poppler-utils; the pdftotext comparison test will be skipped"
  else
    echo "warning: pdftotext not found; the pdftotext comparison test will be skipped"
  fi
fi
cargo test --workspace --release --locked "$@"
