#!/usr/bin/env bash
# Renders the report of the bundled fixtures in headless Chromium: checks that the page's
# script drew every chart (the page sets data-charts on <body>) and saves a screenshot.
#   usage: scripts/check-report.sh [OUT_DIR]   (default target/report-check)
# Needs Debian's chromium (installed here when missing and we are root with apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/report-check}
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "check-report: chromium not found" >&2
    exit 2
  fi
fi
cargo build -q --release -p plansift
bin=target/release/plansift
# a failed document (an encrypted PDF) so the failures table has a row; exit 1 is expected
"$bin" extract -q fixtures/text fixtures/html fixtures/csv fixtures/pdf \
  fixtures/pdf-robustness/encrypted-unknown-password.pdf --output "$out/plans.jsonl" || [ $? = 1 ]
"$bin" report "$out/plans.jsonl" --as-of 2015-04-01 --output "$out/report.html"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
page="file://$(cd "$out" && pwd)/report.html"
browser() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --virtual-time-budget=5000 "$@" "$page" 2>/dev/null
}
charts=$(browser --dump-dom | grep -o 'data-charts="[0-9]*"' || true)
if [ "$charts" != 'data-charts="5"' ]; then
  echo "check-report: the page did not draw its 5 charts (got: ${charts:-nothing})" >&2
  exit 1
fi
browser --window-size=1400,4200 --screenshot="$out/report.png" >/dev/null
echo "check-report: 5 charts drawn; screenshot $out/report.png"
# one document's view (the picker's second entry), as a second screenshot
page="$page#view=1"
browser --window-size=1400,1100 --screenshot="$out/report-document.png" >/dev/null
echo "check-report: one document's view $out/report-document.png"
