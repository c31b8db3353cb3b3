#!/usr/bin/env bash
# Renders a sample of the layout-variation generator's HTML layouts to PDF through a real
# producer (Chromium headless: its tagged, ruled tables), into
# fixtures/layouts/pdf/<family>/<stem>.pdf. The PDFs are committed so CI needs neither
# producer; tests/tests/layouts.rs scores them against the fixtures' gold labels.
# Needs: chromium (Debian package). (LibreOffice's HTML import took over ten minutes on the
# longest plan, so it is not used here; the DOCX/XLSX fixtures exercise LibreOffice.)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/layouts/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run -q --release -p plansift-tests --example layouts -- "$tmp/lay"
# families rendered by Chromium, and by LibreOffice
chromium_families="header-words no-header shuffled extra-columns rag-fill snake-case-export banner-rows carried-down"
for fam in $chromium_families; do
  mkdir -p "$out/chromium-$fam"
  for f in "$tmp/lay/$fam/html/"*.html; do
    stem=$(basename "$f" .html)
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
      --no-pdf-header-footer --print-to-pdf="$out/chromium-$fam/$stem.pdf" "file://$f" 2>/dev/null
  done
done
ls -R "$out" | head -50
