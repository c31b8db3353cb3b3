# plansift recipes (https://github.com/casey/just). Each is one plain command; the README gives them too.

# Build the release binary.
build:
    cargo build --release -p plansift

# Run every test (installs pdftotext for the PDF comparison test when it can).
test:
    bash scripts/test.sh

# Extract the bundled fixtures to out/plans.jsonl.
run:
    cargo run --release -p plansift -- extract fixtures/text fixtures/html fixtures/csv fixtures/pdf fixtures/docx fixtures/xlsx --output out/plans.jsonl

# Benchmarks: PDF text layer and whole extract, pages/s beside pdftotext.
bench:
    cargo bench -p plansift-pdf
    cargo bench -p plansift

# Regenerate schemas/plan.schema.json from the Rust types.
schema:
    cargo run -q -p plansift -- schema > schemas/plan.schema.json
