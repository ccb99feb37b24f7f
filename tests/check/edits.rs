//! Runs the cases of cases.rs: applies each edit to the minimal scenario,
//! takes the `«…»` markers out and checks the diagnostics exactly.

use std::path::Path;

use hotline::scenario::diag::{Code, Diagnostic, Pos};
use hotline::scenario::load_str;

use crate::MINIMAL;
use crate::cases::{CASES, Case};

/// A case's scenario text and the span its markers enclosed.
pub struct Edited {
    pub text: String,
    pub start: Pos,
    pub end: Pos,
}

pub fn edited(case: &Case) -> Edited {
    let mut text = std::fs::read_to_string(MINIMAL).unwrap();
    for (find, put) in case.edits {
        let n = text.matches(find).count();
        assert_eq!(n, 1, "{}: {find:?} occurs {n} times", case.name);
        text = text.replacen(find, put, 1);
    }
    // `«` comes first, so taking it out first leaves `»` where it belongs.
    let start = take_marker(&mut text, '«', case.name);
    let end = take_marker(&mut text, '»', case.name);
    assert!(start <= end, "{}: `»` before `«`", case.name);
    Edited { text, start, end }
}

/// The case of this name, for tests that need one scenario with a problem.
pub fn case(name: &str) -> &'static Case {
    CASES.iter().find(|c| c.name == name).unwrap()
}

fn take_marker(text: &mut String, marker: char, name: &str) -> Pos {
    let n = text.matches(marker).count();
    assert_eq!(n, 1, "{name}: {n} `{marker}` markers");
    let at = text.find(marker).unwrap();
    text.remove(at);
    let before = &text[..at];
    Pos {
        line: before.matches('\n').count() + 1,
        col: before.rsplit('\n').next().unwrap().chars().count() + 1,
    }
}

fn diagnostics(path: &Path, text: &str) -> Vec<Diagnostic> {
    match load_str(path, text) {
        Ok(l) => l.warnings,
        Err(d) => d,
    }
}

fn show(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let at = |p: Option<Pos>| p.map_or("-".into(), |p| format!("{}:{}", p.line, p.col));
            format!(
                "{} {}..{}: {}",
                d.code.as_str(),
                at(d.start),
                at(d.end),
                d.message
            )
        })
        .collect()
}

/// Whether `diags` hold exactly `codes`, repeats included, in any order.
pub fn exactly(diags: &[Diagnostic], codes: &[Code]) -> bool {
    let mut got: Vec<Code> = diags.iter().map(|d| d.code).collect();
    let mut want = codes.to_vec();
    got.sort();
    want.sort();
    got == want
}

#[test]
fn every_case_reports_exactly_its_codes_and_underlines_the_marked_span() {
    let mut failures = Vec::new();
    for case in CASES {
        let e = edited(case);
        let diags = diagnostics(Path::new("case.ron"), &e.text);
        let marked = diags
            .iter()
            .any(|d| d.code == case.codes[0] && d.start == Some(e.start) && d.end == Some(e.end));
        if !exactly(&diags, case.codes) || !marked {
            failures.push(format!(
                "{}: want {:?} with {} at {}:{}..{}:{}, got {:#?}",
                case.name,
                case.codes,
                case.codes[0].as_str(),
                e.start.line,
                e.start.col,
                e.end.line,
                e.end.col,
                show(&diags)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn case_names_are_unique_so_tests_can_pick_one_by_name() {
    let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), CASES.len());
}
