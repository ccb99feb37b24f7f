//! Independent mistakes in one file are all reported in one run.

use std::path::Path;

use hotline::scenario::{load_file, load_str};

const EIGHT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/recovery/eight-mistakes.ron"
);

#[test]
fn eight_typical_mistakes_are_all_reported_at_their_lines_in_one_run() {
    let text = std::fs::read_to_string(EIGHT).unwrap();
    let marked: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with("//"))
        .filter_map(|(i, l)| Some((i + 1, l.split("// mistake: ").nth(1)?.trim())))
        .collect();
    assert_eq!(marked.len(), 8);
    let diags = load_file(Path::new(EIGHT)).unwrap_err();
    let missed: Vec<String> = marked
        .iter()
        .filter(|(line, code)| {
            !diags
                .iter()
                .any(|d| d.code.as_str() == *code && d.start.map(|p| p.line) == Some(*line))
        })
        .map(|(line, code)| format!("{code} at line {line}"))
        .collect();
    let got: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{}@{:?}: {}",
                d.code.as_str(),
                d.start.map(|p| p.line),
                d.message
            )
        })
        .collect();
    assert!(missed.is_empty(), "missed {missed:?}; got {got:#?}");
    assert_eq!(diags.len(), 8, "{got:#?}");
}

/// Line `n` (1-based) of the eight-mistakes fixture.
fn line_of_eight(n: usize) -> String {
    let text = std::fs::read_to_string(EIGHT).unwrap();
    text.lines().nth(n - 1).unwrap().to_string()
}

#[test]
fn a_wrong_type_names_the_field_and_underlines_the_value() {
    let diags = load_file(Path::new(EIGHT)).unwrap_err();
    let d = diags.iter().find(|d| d.code.as_str() == "HL0004").unwrap();
    assert_eq!(d.message, "expected a number for `initial`, found a string");
    let (s, e) = (d.start.unwrap(), d.end.unwrap());
    let line = line_of_eight(s.line);
    let under: String = line.chars().skip(s.col - 1).take(e.col - s.col).collect();
    assert_eq!(under, "\"20\"");
}

#[test]
fn an_unclosed_string_is_reported_at_its_opening_quote() {
    let diags = load_file(Path::new(EIGHT)).unwrap_err();
    let d = diags.iter().find(|d| d.code.as_str() == "HL0001").unwrap();
    assert_eq!(d.message, "this string is never closed");
    let s = d.start.unwrap();
    let line = line_of_eight(s.line);
    assert!(
        line.chars()
            .skip(s.col - 1)
            .collect::<String>()
            .starts_with("\"leak, trigger"),
        "{s:?}"
    );
    // The same mistake at a line end: the string runs on into the next line.
    let min = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/minimal.ron"
    ))
    .unwrap();
    let text = min.replacen("id: \"incident\",", "id: \"incident,", 1);
    let diags = hotline::scenario::load_str(Path::new("x.ron"), &text).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let at = diags[0].start.unwrap();
    let line = text.lines().nth(at.line - 1).unwrap();
    assert!(
        line.chars()
            .skip(at.col - 1)
            .collect::<String>()
            .starts_with("\"incident,"),
        "{diags:#?}"
    );
}

/// Each diagnostic's start and end, as the characters of `text` they
/// point at (None past a line's end, where a position may not be).
fn pointed_at(text: &str, diags: &[hotline::scenario::Diagnostic]) -> Vec<(String, Option<char>)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    for d in diags {
        for p in [d.start, d.end].into_iter().flatten() {
            let line = lines
                .get(p.line - 1)
                .unwrap_or_else(|| panic!("{d:?} is past the last line"));
            let len = line.chars().count();
            assert!(
                p.col >= 1 && p.col <= len + 1,
                "{d:?} is past the end of line {}",
                p.line
            );
            out.push((d.code.as_str().to_string(), line.chars().nth(p.col - 1)));
        }
    }
    out
}

const MINIMAL: &str = include_str!("../fixtures/valid/minimal.ron");

#[test]
fn a_file_cut_short_after_an_unclosed_string_is_explained_inside_the_text() {
    // Recovery closes the string in its working copy to read on; the copy
    // must keep every column where the author's text has it.
    let cut = MINIMAL.find("            id: \"dhs\",").unwrap();
    let text = format!("{}            id: \"dhs, language: En", &MINIMAL[..cut]);
    let diags = load_str(Path::new("cut.ron"), &text).unwrap_err();
    assert!(diags.len() >= 2, "{diags:#?}");
    pointed_at(&text, &diags);
}

#[test]
fn after_an_unclosed_string_a_later_mistake_on_its_line_is_reported_where_it_is() {
    // `name` is a text in both languages, a group, not a number. The
    // control closes the string in the same number of characters.
    let unclosed =
        "    actors: [(id: \"crew, kind: ThirdParty), (id: \"b\", name: 7, kind: ThirdParty)],";
    let control =
        "    actors: [(id: \"crew\",kind: ThirdParty), (id: \"b\", name: 7, kind: ThirdParty)],";
    let old = MINIMAL
        .lines()
        .find(|l| l.starts_with("    actors:"))
        .unwrap();
    let group = |line: &str| {
        let text = MINIMAL.replace(old, line);
        let diags = load_str(Path::new("line.ron"), &text).unwrap_err();
        pointed_at(&text, &diags);
        let d = diags.iter().find(|d| d.message.contains("expected `(`"));
        (d.map(|d| (d.start, d.end)), diags)
    };
    let (want, _) = group(control);
    let (got, diags) = group(unclosed);
    assert!(want.is_some(), "the control reports the number");
    assert_eq!(got, want, "{diags:#?}");
    assert!(
        diags.iter().any(|d| d.code.as_str() == "HL0001"),
        "{diags:#?}"
    );
}
