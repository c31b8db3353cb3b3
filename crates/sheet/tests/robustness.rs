//! Hostile Office files (DOCX and workbooks): each must give its error code (or read) within
//! 5 seconds and 500 MB, and never panic.
//!
//! Small files are committed in fixtures/office-robustness/ (run
//! `cargo test -p plansift-sheet --release --test robustness -- --ignored` to rewrite them);
//! big ones (ZIP bombs, too many entries, cells or shared strings) are made at test time.
//! Each file is read in a child process (this test binary run again for one file) so its
//! peak memory (`VmHWM`) is its own.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use plansift_office::{Kind, Limits};
use zip::write::SimpleFileOptions;

const MAX_SECONDS: f64 = 5.0;
const MAX_HWM_KB: u64 = 500 * 1024;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/office-robustness")
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, body) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(body).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A ZIP with one entry written from a generator, without holding it all in memory.
fn zip_streamed(
    name: &str,
    prefix: &[(&str, &[u8])],
    gen: &mut dyn FnMut(&mut dyn Write),
) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (n, body) in prefix {
        z.start_file(*n, opts).unwrap();
        z.write_all(body).unwrap();
    }
    z.start_file(name, opts).unwrap();
    gen(&mut z);
    z.finish().unwrap().into_inner()
}

const WORKBOOK: &[u8] = br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WB_RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const ROOT_RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const CONTENT_TYPES: &[u8] = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;

fn xlsx_parts<'a>() -> Vec<(&'a str, &'a [u8])> {
    vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WB_RELS),
    ]
}

fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        let mut s = cf.create_stream(name).unwrap();
        s.write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

fn biff(ty: u16, data: &[u8]) -> Vec<u8> {
    let mut v = ty.to_le_bytes().to_vec();
    v.extend((data.len() as u16).to_le_bytes());
    v.extend(data);
    v
}

/// A BIFF8 workbook stream: globals (BOF, optional extra records, one BOUNDSHEET, EOF),
/// then one sheet substream holding the given records.
fn xls_stream(globals_extra: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = vec![0u8; 16];
        d[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        d[2..4].copy_from_slice(&dt.to_le_bytes());
        biff(0x0809, &d)
    };
    let mut globals = bof(0x0005);
    for r in globals_extra {
        globals.extend(r);
    }
    let name = b"Sheet1";
    let mut bs = vec![0u8; 4];
    bs.extend([0u8, 0u8, name.len() as u8, 0u8]);
    bs.extend(name);
    let bs_len = biff(0x0085, &bs).len();
    let eof = biff(0x000A, &[]);
    let offset = (globals.len() + bs_len + eof.len()) as u32;
    bs[0..4].copy_from_slice(&offset.to_le_bytes());
    globals.extend(biff(0x0085, &bs));
    globals.extend(&eof);
    globals.extend(bof(0x0010));
    for r in sheet {
        globals.extend(r);
    }
    globals.extend(eof);
    globals
}

fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(v.to_le_bytes());
    biff(0x0203, &d)
}

fn fixture_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(rel),
    )
    .unwrap()
}

/// The small hostile files: (file name, bytes, expected outcome).
fn small_cases() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let docx = fixture_bytes("docx/grid/leicestershire-jhws-draft-priorities.docx");
    let xlsx = fixture_bytes("xlsx/ragfill/leicestershire-jhws-draft-priorities.xlsx");
    let encrypted = ole(&[
        ("EncryptionInfo", &[4, 0, 4, 0, 0x40, 0, 0, 0][..]),
        ("EncryptedPackage", &[0x55; 4096][..]),
    ]);
    let mut deep = b"<w:document xmlns:w=\"x\"><w:body>".to_vec();
    for _ in 0..5000 {
        deep.extend(b"<w:p>");
    }
    let mut ods_deep = b"<office:document-content><office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row><table:table-cell><text:p>".to_vec();
    for _ in 0..5000 {
        ods_deep.extend(b"<text:span>");
    }
    let ods = |content: &[u8]| {
        zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content),
        ])
    };
    let mut unsupported_method = zip_of(&[("word/document.xml", b"<w:document/>")]);
    // Compression method (local header offset 8, central header offset 10) -> 14 (LZMA).
    unsupported_method[8] = 14;
    if let Some(p) = unsupported_method
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
    {
        unsupported_method[p + 10] = 14;
    }
    vec![
        ("encrypted.docx", encrypted.clone(), "office.encrypted"),
        ("encrypted.xlsx", encrypted, "office.encrypted"),
        (
            "encrypted.xls",
            ole(&[(
                "Workbook",
                &xls_stream(&[biff(0x002F, &[1, 0, 1, 0, 1, 0])], &[]),
            )]),
            "office.encrypted",
        ),
        (
            "huge-extent.xls",
            ole(&[(
                "Workbook",
                &xls_stream(&[], &[number(0, 0, 1.0), number(65_535, 255, 2.0)]),
            )]),
            "office.too_large",
        ),
        (
            "broken-ole.xls",
            [&plansift_office::OLE_MAGIC[..], &[0x42; 600][..]].concat(),
            "office.malformed",
        ),
        ("truncated.docx", docx[..docx.len() / 2].to_vec(), "office.malformed"),
        ("truncated.xlsx", xlsx[..xlsx.len() / 2].to_vec(), "office.malformed"),
        ("not-a-zip.docx", b"this is not a zip package at all".repeat(20), "office.malformed"),
        ("not-a-zip.xlsx", vec![0xFF; 700], "office.malformed"),
        ("empty-zip.docx", zip_of(&[]), "office.malformed"),
        (
            "no-document.docx",
            zip_of(&[("word/other.xml", b"<x/>")]),
            "office.malformed",
        ),
        (
            "garbage-xml.docx",
            zip_of(&[("word/document.xml", b"\x00\x01<<<>>>&&&")]),
            "office.malformed",
        ),
        (
            "deep-nesting.docx",
            zip_of(&[("word/document.xml", &deep)]),
            "office.too_large",
        ),
        (
            "unsupported-compression.docx",
            unsupported_method,
            "office.malformed",
        ),
        ("deep-nesting.ods", ods(&ods_deep), "office.too_large"),
        (
            "repeated-rows.ods",
            ods(br#"<office:document-content><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#),
            "office.too_large",
        ),
        (
            "missing-sheet.xlsx",
            zip_of(&xlsx_parts()),
            "office.malformed",
        ),
    ]
}

/// Big hostile files, made at test time.
fn big_cases() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let spaces = |w: &mut dyn Write| {
        w.write_all(b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>")
            .unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..200 {
            w.write_all(&chunk).unwrap();
        }
    };
    let bomb = zip_streamed("word/document.xml", &[], &mut { spaces });
    // The same bomb with headers that claim 100 bytes.
    let mut lying = bomb.clone();
    let claim = 100u32.to_le_bytes();
    lying[22..26].copy_from_slice(&claim);
    if let Some(p) = lying.windows(4).rposition(|w| w == b"PK\x01\x02") {
        lying[p + 24..p + 28].copy_from_slice(&claim);
    }
    let mut many = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    many.start_file("word/document.xml", stored).unwrap();
    many.write_all(b"<w:document/>").unwrap();
    for i in 0..20_000 {
        many.start_file(format!("x/{i}"), stored).unwrap();
    }
    let many = many.finish().unwrap().into_inner();

    let shared = zip_streamed("xl/sharedStrings.xml", &xlsx_parts(), &mut |w| {
        w.write_all(b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            .unwrap();
        for i in 0..1_500_000u32 {
            write!(w, "<si><t>{i}</t></si>").unwrap();
        }
        w.write_all(b"</sst>").unwrap();
    });
    let cells = zip_streamed("xl/worksheets/sheet1.xml", &xlsx_parts(), &mut |w| {
        w.write_all(b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
            .unwrap();
        for r in 1..=11_000u32 {
            write!(w, "<row r=\"{r}\">").unwrap();
            for _ in 0..100 {
                w.write_all(b"<c><v>7</v></c>").unwrap();
            }
            w.write_all(b"</row>").unwrap();
        }
        w.write_all(b"</sheetData></worksheet>").unwrap();
    });
    let sparse = zip_streamed("xl/worksheets/sheet1.xml", &xlsx_parts(), &mut |w| {
        w.write_all(
            b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
              <row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>top left</t></is></c></row>\
              <row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>bottom right</t></is></c></row>\
              </sheetData></worksheet>",
        )
        .unwrap();
    });
    vec![
        ("bomb.docx", bomb, "office.too_large"),
        ("bomb-lying-sizes.docx", lying, "error"),
        ("many-entries.docx", many, "office.too_large"),
        ("shared-strings.xlsx", shared, "office.too_large"),
        ("too-many-cells.xlsx", cells, "office.too_large"),
        ("sparse-corners.xlsx", sparse, "ok"),
    ]
}

/// What reading a file gives: `ok` or its error code, and the message.
fn outcome(path: &Path) -> (String, String) {
    let bytes = std::fs::read(path).unwrap();
    let limits = Limits::default();
    let word = match plansift_office::sniff(&bytes) {
        Some(k) => matches!(k, Kind::Docx | Kind::Doc | Kind::Odt),
        None => path.extension().is_some_and(|e| e == "docx" || e == "doc"),
    };
    let r = if word {
        plansift_docx::parse(&bytes, &limits).map(|_| ())
    } else {
        plansift_sheet::parse(&bytes, &limits).map(|_| ())
    };
    match r {
        Ok(()) => ("ok".into(), String::new()),
        Err(e) => {
            assert!(!e.message().is_empty());
            (e.code().into(), e.message().into())
        }
    }
}

fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The child process: read the one file named by the environment and report.
#[test]
fn child_reads_one_file() {
    let Ok(path) = std::env::var("PLANSIFT_OFFICE_ROBUST_FILE") else {
        return;
    };
    let (code, message) = outcome(Path::new(&path));
    println!("OUTCOME {code} {} {message}", vm_hwm_kb());
}

fn run_child(path: &Path) -> (String, u64, Duration, String) {
    let start = Instant::now();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_reads_one_file",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PLANSIFT_OFFICE_ROBUST_FILE", path)
        .output()
        .unwrap();
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.find("OUTCOME ").map(|p| &l[p + 8..]))
        .unwrap_or_else(|| {
            panic!(
                "{}: no outcome (the child failed: {})",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let mut it = line.split_whitespace();
    let code = it.next().unwrap().to_string();
    let hwm = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let message = it.collect::<Vec<_>>().join(" ");
    (code, hwm, took, message)
}

fn check(name: &str, path: &Path, expected: &str) -> String {
    let (code, hwm, took, message) = run_child(path);
    let ok = match expected {
        "error" => code != "ok",
        e => code == e,
    };
    assert!(ok, "{name}: expected {expected}, got {code}: {message}");
    assert!(
        took.as_secs_f64() < MAX_SECONDS,
        "{name}: took {:.2} s",
        took.as_secs_f64()
    );
    assert!(hwm < MAX_HWM_KB, "{name}: peak memory {hwm} kB");
    assert!(hwm > 0, "{name}: VmHWM not read");
    format!(
        "{name}: {code} in {:.2} s, peak {} MB",
        took.as_secs_f64(),
        hwm / 1024
    )
}

#[test]
fn committed_hostile_files_fail_fast_and_small() {
    let mut report = Vec::new();
    let mut expected: Vec<(String, &str)> = small_cases()
        .into_iter()
        .map(|(n, _, e)| (n.to_string(), e))
        .collect();
    expected.push(("legacy-word.doc".into(), "input.unsupported"));
    for (name, e) in &expected {
        let path = fixture_dir().join(name);
        assert!(
            path.exists(),
            "{name} is committed (regenerate with --ignored)"
        );
        report.push(check(name, &path, e));
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn committed_hostile_files_are_current() {
    for (name, bytes, _) in small_cases() {
        if name.starts_with("encrypted") || name.ends_with(".xls") {
            // OLE files carry timestamps and identifiers that differ on each write.
            continue;
        }
        let committed = std::fs::read(fixture_dir().join(name)).unwrap();
        assert_eq!(
            committed.len(),
            bytes.len(),
            "{name} differs from its generator"
        );
    }
}

#[test]
fn big_hostile_files_fail_fast_and_small() {
    let dir = std::env::temp_dir().join(format!("plansift-office-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut report = Vec::new();
    for (name, bytes, expected) in big_cases() {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        drop(bytes);
        report.push(check(name, &path, expected));
        std::fs::remove_file(&path).ok();
    }
    std::fs::remove_dir_all(&dir).ok();
    eprintln!("{}", report.join("\n"));
}

#[test]
#[ignore = "rewrites fixtures/office-robustness/; run with --ignored to regenerate"]
fn write_small_robustness_fixtures() {
    std::fs::create_dir_all(fixture_dir()).unwrap();
    for (name, bytes, _) in small_cases() {
        std::fs::write(fixture_dir().join(name), bytes).unwrap();
    }
}

/// The entries of a ZIP package.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut v).unwrap();
            (f.name().unwrap().to_string(), v)
        })
        .collect()
}

#[test]
fn mutated_fixtures_never_panic() {
    // A small deterministic generator (no randomness between runs).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let files = [
        ("docx/grid/leicestershire-jhws-draft-priorities.docx", true),
        (
            "xlsx/ragfill/bromley-portfolio-half-year-2013-14.xlsx",
            false,
        ),
        ("xlsx/ods/thurrock-jhws-delivery-2014-15.ods", false),
        ("xlsx/xls/thurrock-jhws-delivery-2014-15.xls", false),
    ];
    let limits = Limits::default();
    let mut outcomes = std::collections::BTreeMap::new();
    for (rel, word) in files {
        let original = fixture_bytes(rel);
        let zipped = plansift_office::is_zip(&original);
        let entries = if zipped { unzip(&original) } else { Vec::new() };
        for _ in 0..150 {
            let bytes = if zipped && next(3) > 0 {
                // Damage the XML inside the package, keep the package sound.
                let mut parts = entries.clone();
                let k = next(parts.len());
                let body = &mut parts[k].1;
                for _ in 0..1 + next(8) {
                    if body.is_empty() {
                        break;
                    }
                    let at = next(body.len());
                    match next(4) {
                        0 => body[at] = b"<>&\"/= x0"[next(9)],
                        1 => body.truncate(at),
                        2 => {
                            let len = next(64).min(body.len() - at);
                            let piece = body[at..at + len].to_vec();
                            body.splice(at..at, piece);
                        }
                        _ => {
                            body.remove(at);
                        }
                    }
                }
                let refs: Vec<(&str, &[u8])> = parts
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_slice()))
                    .collect();
                zip_of(&refs)
            } else {
                // Damage the file's bytes.
                let mut b = original.clone();
                for _ in 0..1 + next(16) {
                    let at = next(b.len());
                    b[at] = next(256) as u8;
                }
                if next(4) == 0 {
                    b.truncate(next(b.len()));
                }
                b
            };
            let r = std::panic::catch_unwind(|| {
                if word {
                    plansift_docx::parse(&bytes, &limits).map(|_| ())
                } else {
                    plansift_sheet::parse(&bytes, &limits).map(|_| ())
                }
            });
            let code = match r {
                Ok(Ok(())) => "ok",
                Ok(Err(e)) => e.code(),
                Err(_) => panic!("{rel}: a mutated file panicked"),
            };
            *outcomes.entry((rel, code)).or_insert(0) += 1;
        }
    }
    eprintln!("{outcomes:#?}");
    // The mutations reach both the readers' success and failure paths.
    assert!(outcomes.keys().any(|(_, c)| *c == "ok"));
    assert!(outcomes.keys().any(|(_, c)| *c == "office.malformed"));
}
