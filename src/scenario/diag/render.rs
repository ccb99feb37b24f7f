//! Turning diagnostics into text for people (rustc's layout) and JSON for
//! tools.

use serde::Serialize;

use super::{Diagnostic, Severity};

/// Human rendering without colour.
pub fn render(d: &Diagnostic, source: Option<&str>) -> String {
    render_styled(d, source, false)
}

/// Human rendering; `color` adds ANSI escapes (only for terminals).
pub fn render_styled(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let sev_color = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    let line_no = d.start.map(|p| p.line.to_string()).unwrap_or_default();
    let pad = " ".repeat(line_no.len().max(1));
    let bar = paint("1;34", "|");
    let mut out = format!(
        "{}{}\n",
        paint(
            sev_color,
            &format!("{}[{}]", d.severity.as_str(), d.code.as_str())
        ),
        paint("1", &format!(": {}", d.message))
    );
    let location = match d.start {
        Some(p) => format!("{}:{}:{}", d.file, p.line, p.col),
        None => d.file.clone(),
    };
    out += &format!("{pad}{} {location}\n", paint("1;34", "-->"));

    let snippet = d.start.zip(source).and_then(|(start, src)| {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let text = src.split('\n').nth(start.line.checked_sub(1)?)?;
        let text = text.strip_suffix('\r').unwrap_or(text);
        Some((start, text))
    });
    if let Some((start, text)) = snippet {
        let end_col = match d.end {
            // A span over several lines is underlined to the end of its first.
            Some(e) if e.line == start.line && e.col > start.col => e.col,
            Some(e) if e.line > start.line => text.chars().count() + 1,
            _ => start.col + 1,
        };
        let before = display_width(text.chars().take(start.col.saturating_sub(1)));
        let width = display_width(
            text.chars()
                .skip(start.col.saturating_sub(1))
                .take(end_col.saturating_sub(start.col)),
        )
        .max(1);
        // Tabs would widen the line by an unknown amount and break the
        // alignment; other control characters could drive the terminal.
        let shown: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let label = d
            .label
            .as_deref()
            .map(|l| format!(" {l}"))
            .unwrap_or_default();
        out += &format!("{pad} {bar}\n");
        out += &format!("{} {bar} {}\n", paint("1;34", &line_no), shown);
        out += &format!(
            "{pad} {bar} {}{}\n",
            " ".repeat(before),
            paint(sev_color, &format!("{}{label}", "^".repeat(width)))
        );
    }
    if let Some(h) = &d.help {
        if snippet.is_some() {
            out += &format!("{pad} {bar}\n");
        }
        out += &format!(
            "{pad} {} {}\n",
            paint("1;34", "="),
            paint("1", &format!("help: {h}"))
        );
    }
    out
}

/// Terminal columns a run of characters takes: East Asian wide characters
/// (the Chinese text in scenarios) take two, so underlines stay aligned.
fn display_width(chars: impl Iterator<Item = char>) -> usize {
    chars.map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// "checked 3 files: 0 errors, 2 warnings"
pub fn summary(files: usize, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {}: {}, {}",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: Option<usize>,
    col: Option<usize>,
    end_line: Option<usize>,
    end_col: Option<usize>,
    label: Option<&'a str>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One JSON document for a whole run: counts and every diagnostic.
pub fn render_json(diags: &[Diagnostic], files: usize) -> String {
    let report = JsonReport {
        files,
        errors: diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        warnings: diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity,
                message: &d.message,
                file: &d.file,
                line: d.start.map(|p| p.line),
                col: d.start.map(|p| p.col),
                end_line: d.end.map(|p| p.line),
                end_col: d.end.map(|p| p.col),
                label: d.label.as_deref(),
                help: d.help.as_deref(),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail; fall back to an
    // empty document rather than panic if it ever did.
    serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::diag::{Code, Pos};

    fn diag() -> Diagnostic {
        Diagnostic::new(Code::UnknownTeam, "s.ron", "unknown team `cacc`")
            .at(Some((Pos { line: 2, col: 17 }, Pos { line: 2, col: 23 })))
            .label("no team has this id")
            .help("did you mean `cac`?")
    }

    #[test]
    fn human_rendering_matches_rustc_layout() {
        let src = "(\n    endpoints: [\"cacc\", \"dhs\"],\n)";
        let expected = "error[HL0101]: unknown team `cacc`
 --> s.ron:2:17
  |
2 |     endpoints: [\"cacc\", \"dhs\"],
  |                 ^^^^^^ no team has this id
  |
  = help: did you mean `cac`?
";
        assert_eq!(render(&diag(), Some(src)), expected);
    }

    #[test]
    fn wide_characters_shift_the_underline() {
        let src = "\"中文\" x";
        let d = Diagnostic::new(Code::Syntax, "f", "m")
            .at(Some((Pos { line: 1, col: 6 }, Pos { line: 1, col: 7 })));
        let out = render(&d, Some(src));
        // `"`, two wide characters, `"` and a space: 7 columns before the `x`.
        assert!(
            out.contains(&format!("\n  | {}^\n", " ".repeat(7))),
            "{out}"
        );
    }

    #[test]
    fn positionless_and_out_of_range_diagnostics_render() {
        let d = Diagnostic::new(Code::TooLarge, "big.ron", "too large");
        assert_eq!(render(&d, None), "error[HL0008]: too large\n --> big.ron\n");
        let far = diag();
        assert!(!render(&far, Some("one line")).contains('^'));
    }

    #[test]
    fn json_has_flat_positions() {
        let v: serde_json::Value = serde_json::from_str(&render_json(&[diag()], 1)).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!(d["code"], "HL0101");
        assert_eq!(d["severity"], "error");
        assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(2), Some(17)));
        assert_eq!(d["end_col"].as_u64(), Some(23));
        assert_eq!(v["errors"], 1);
    }
}
