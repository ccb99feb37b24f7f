//! The few diagnostics an edit of the minimal scenario cannot express (bytes
//! that are not UTF-8, a file too large, an empty file, a folder) keep real
//! files in tests/fixtures/diag/.
//!
//! Each starts with `// expect: HL0007 @ 3` lines (`@ -` for a diagnostic
//! without a position) and may carry `// pad: N` to be padded with N spaces
//! before loading. A folder keeps its expectations in `expect.txt`.

use std::path::{Path, PathBuf};

use hotline::scenario::diag::{Code, Diagnostic};
use hotline::scenario::{load_file, load_str};

use crate::edits::exactly;

const DIAG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diag");

pub struct Fixture {
    pub path: PathBuf,
    pub expect: Vec<(Code, Option<usize>)>,
    pad: usize,
}

pub fn fixtures() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(DIAG)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.into_iter().map(|path| read(&path)).collect()
}

fn read(path: &Path) -> Fixture {
    let header = if path.is_dir() {
        path.join("expect.txt")
    } else {
        path.to_path_buf()
    };
    let text = String::from_utf8_lossy(&std::fs::read(&header).unwrap()).into_owned();
    let mut expect = Vec::new();
    let mut pad = 0;
    for line in text.lines().take_while(|l| l.starts_with("//")) {
        if let Some(e) = line.strip_prefix("// expect: ") {
            let (code, at) = e.split_once(" @ ").expect("`// expect: CODE @ LINE`");
            let code = Code::ALL.iter().find(|c| c.as_str() == code);
            expect.push((*code.expect("a known code"), at.parse().ok()));
        } else if let Some(n) = line.strip_prefix("// pad: ") {
            pad = n.parse().unwrap();
        }
    }
    assert!(
        !expect.is_empty(),
        "{} has no `// expect:` line",
        path.display()
    );
    Fixture {
        path: path.to_path_buf(),
        expect,
        pad,
    }
}

fn diagnostics(f: &Fixture) -> Vec<Diagnostic> {
    // A test plan is checked against the minimal scenario.
    if f.path.to_string_lossy().ends_with(".plan.ron") {
        let min = load_file(Path::new(crate::MINIMAL)).unwrap();
        let text = std::fs::read_to_string(&f.path).unwrap();
        let file = f.path.display().to_string();
        return hotline::sim::plan::check_plan_str(&text, &file, &min.scenario).1;
    }
    let result = if f.pad > 0 {
        let text = std::fs::read_to_string(&f.path).unwrap() + &" ".repeat(f.pad);
        load_str(&f.path, &text)
    } else {
        load_file(&f.path)
    };
    match result {
        Ok(l) => l.warnings,
        Err(d) => d,
    }
}

#[test]
fn every_file_fixture_reports_exactly_its_codes_at_their_lines() {
    let mut failures = Vec::new();
    for f in fixtures() {
        let got = diagnostics(&f);
        let codes: Vec<Code> = f.expect.iter().map(|(c, _)| *c).collect();
        let lines_match = f.expect.iter().all(|(code, line)| {
            got.iter()
                .any(|d| d.code == *code && d.start.map(|p| p.line) == *line)
        });
        if !exactly(&got, &codes) || !lines_match {
            let seen: Vec<String> = got
                .iter()
                .map(|d| format!("{}@{:?}", d.code.as_str(), d.start.map(|p| p.line)))
                .collect();
            failures.push(format!(
                "{}: expected {:?}, got {seen:?}",
                f.path.display(),
                f.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
