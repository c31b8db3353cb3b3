#!/usr/bin/env bash
# Runs every check of plansift: formatting, lints, then every test. Set-up included:
# installs poppler-utils (pdftotext, used by the PDF text-layer comparison tests) when it is
# missing and we may install packages. With CI=true the comparison tests fail, rather than
# skip, when pdftotext is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing poppler-utils (pdftotext) for the PDF comparison tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
      || echo "warning: could not install poppler-utils; the pdftotext comparison tests will be skipped (or fail with CI=true)"
  else
    echo "warning: pdftotext not found; the pdftotext comparison tests will be skipped (or fail with CI=true)"
  fi
fi
echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test (release)"
cargo test --workspace --release --locked "$@"
