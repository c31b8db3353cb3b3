#!/usr/bin/env bash
# Run the cargo-fuzz targets in fuzz/ (one per front-end) for SECS seconds each (default 60),
# seeded with the fixtures. Needs cargo-fuzz (`cargo install cargo-fuzz`); on stable Rust the
# nightly flags libFuzzer needs are allowed with RUSTC_BOOTSTRAP=1.
#   scripts/fuzz.sh [SECS] [TARGET...]     targets: pdf html csv text docx xlsx json
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pdf html csv text docx xlsx json)
seed() { # target, find pattern
  mkdir -p "fuzz/corpus/$1"
  find fixtures -type f -name "$2" -size -2M -exec cp {} "fuzz/corpus/$1/" \;
}
for t in "${targets[@]}"; do
  case $t in
    pdf) seed pdf '*.pdf' ;;
    html) seed html '*.htm*' ;;
    csv) seed csv '*.[ct]sv' ;;
    text) seed text '*.txt' ;;
    docx) seed docx '*.docx' ;;
    xlsx) seed xlsx '*.xls*'; seed xlsx '*.ods' ;;
    json) mkdir -p fuzz/corpus/json
          echo '[{"Ref":"1","Action":"Deliver the plan","Lead":"Jo Smith","RAG":"Green"}]' > fuzz/corpus/json/seed.json ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  echo "== fuzz $t for ${secs}s"
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "corpus/$t" -- \
     -max_total_time="$secs" -rss_limit_mb=2048 -timeout=25 -max_len=4000000)
done
