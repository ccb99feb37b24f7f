//! `hotline check` and the loader's diagnostics.
//!
//! Each diagnostic code has a case in cases.rs (an edit of the minimal
//! scenario, run by edits.rs) or, for byte-level problems, a file in
//! tests/fixtures/diag/ (files.rs).

mod cases;
mod cli;
mod edits;
mod files;
mod recovery;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use hotline::scenario::diag::{Code, render};
use hotline::scenario::{load_file, load_str};

const MINIMAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/valid/minimal.ron"
);

/// Cases and fixtures must underline each code somewhere, so a code counts
/// only where it is a case's marked code or a fixture's expectation.
#[test]
fn every_code_has_a_case_or_a_fixture() {
    let covered: BTreeSet<Code> = cases::CASES
        .iter()
        .map(|c| c.codes[0])
        .chain(
            files::fixtures()
                .into_iter()
                .flat_map(|f| f.expect)
                .map(|(c, _)| c),
        )
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a case or fixture: {missing:?}"
    );
}

#[test]
fn every_code_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md"))
        .unwrap();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !doc.contains(&format!("## {c}")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a section in docs/diagnostics.md: {missing:?}"
    );
}

#[test]
fn the_minimal_scenario_is_clean() {
    let loaded = load_file(Path::new(MINIMAL)).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(loaded.scenario.teams.len(), 2);
}

#[test]
fn misspelt_fields_get_a_suggestion_and_an_underline() {
    let src = std::fs::read_to_string(MINIMAL)
        .unwrap()
        .replace("latency: Fixed", "latncy: Fixed");
    let d = &load_str(Path::new("m.ron"), &src).unwrap_err()[0];
    assert_eq!(d.code, Code::UnknownField);
    assert!(
        d.message.contains("unknown field `latncy`"),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `latency`?"));
    let out = render(d, Some(&src));
    let line = d.start.unwrap().line;
    assert!(out.contains(&format!("--> m.ron:{line}:")), "{out}");
    assert!(out.contains("^^^^^^"), "{out}");
}

#[test]
fn unknown_references_point_at_the_string_and_suggest() {
    let src = std::fs::read_to_string(MINIMAL)
        .unwrap()
        .replace("RungAtLeast(\"L2\")", "RungAtLeast(\"L22\")");
    let diags = load_str(Path::new("m.ron"), &src).unwrap_err();
    let d = diags.iter().find(|d| d.code == Code::UnknownRung).unwrap();
    let line = src.lines().nth(d.start.unwrap().line - 1).unwrap();
    let (s, e) = (d.start.unwrap().col - 1, d.end.unwrap().col - 1);
    assert_eq!(
        line.chars().skip(s).take(e - s).collect::<String>(),
        "\"L22\""
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `L2`?"));
}

#[test]
fn a_byte_order_mark_is_accepted_and_invalid_utf8_is_located() {
    let src = std::fs::read_to_string(MINIMAL).unwrap();
    assert!(load_str(Path::new("bom.ron"), &format!("\u{feff}{src}")).is_ok());

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, b"(\n  ab\xffcd\n)").unwrap();
    let d = &load_file(&path).unwrap_err()[0];
    assert_eq!(d.code, Code::NotText);
    assert_eq!(d.start.map(|p| (p.line, p.col)), Some((2, 5)));
}

#[test]
fn hostile_inputs_give_diagnostics_not_panics() {
    let deep = "(".repeat(50_000);
    let huge = format!("({})", "9".repeat(10_000));
    for text in [
        "",
        "   \n",
        "\0\u{1}\u{2}",
        "(",
        ")",
        "/*",
        "r#\"",
        deep.as_str(),
        huge.as_str(),
    ] {
        let diags = load_str(Path::new("x.ron"), text).unwrap_err();
        assert!(!diags.is_empty());
    }
    let d = &load_str(Path::new("x.ron"), "// just a note\n").unwrap_err()[0];
    assert_eq!(d.code, Code::EmptyFile);
}

fn hotline(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn cli_exit_codes_and_summary() {
    let (code, out, _) = hotline(&["check", MINIMAL]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.trim_end()
            .ends_with("checked 1 file: 0 errors, 0 warnings"),
        "{out}"
    );

    let dir = tempfile::tempdir().unwrap();
    let write = |case: &str| {
        let path = dir.path().join(format!("{}.ron", case.replace(' ', "_")));
        std::fs::write(&path, edits::edited(edits::case(case)).text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let unknown = write("unknown team");
    let (code, out, _) = hotline(&["check", MINIMAL, &unknown]);
    assert_eq!(code, 1);
    assert!(out.contains("error[HL0101]: unknown team `cacc`"), "{out}");
    assert!(
        out.contains("checked 2 files: 1 error, 0 warnings"),
        "{out}"
    );

    let warned = write("missing translation");
    assert_eq!(hotline(&["check", &warned]).0, 0);
    assert_eq!(hotline(&["check", "--deny-warnings", &warned]).0, 1);

    let (code, _, err) = hotline(&["check", MINIMAL, "/no/such/scenario.ron"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/scenario.ron"), "{err}");
    assert_eq!(hotline(&["check", "--format", "yaml", MINIMAL]).0, 2);
}

#[test]
fn cli_checks_folders_recursively_in_order_and_keeps_going() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(MINIMAL).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("b.ron"), "(").unwrap();
    std::fs::write(dir.path().join("sub/a.ron"), &good).unwrap();
    std::fs::write(dir.path().join("a.ron"), "garbage").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a scenario").unwrap();
    let (code, out, _) = hotline(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"], 3);
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{out}");
    assert!(
        files[0].ends_with("a.ron") && files[1].ends_with("b.ron"),
        "{files:?}"
    );
    for d in v["diagnostics"].as_array().unwrap() {
        for key in [
            "code", "severity", "message", "file", "line", "col", "end_line", "end_col", "help",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
    }
}
