//! Diagnostics in the style of rustc: a stable code, a message, the file,
//! line and column, the source line with an underline, and help.
//!
//! Rendering lives in `diag/render.rs`; the list of codes in `diag/codes.rs`.

use serde::Serialize;

mod codes;
mod render;

pub use codes::Code;
pub use render::{render, render_json, render_styled, summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// 1-based line and column (column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// `end` is exclusive: the position just after the last character.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub start: Option<Pos>,
    pub end: Option<Pos>,
    pub help: Option<String>,
    /// Short text printed under the underline ("no team has this id").
    pub label: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's usual severity and no position yet.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            file: file.into(),
            start: None,
            end: None,
            help: None,
            label: None,
        }
    }

    pub fn at(mut self, span: Option<(Pos, Pos)>) -> Diagnostic {
        if let Some((s, e)) = span {
            self.start = Some(s);
            self.end = Some(e);
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo (a third of the word, at least one edit).
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters; inputs are short identifiers, but
/// cap them anyway so a pathological file cannot make this quadratic-slow.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// "`a`, `b` or `c`" for messages listing what was expected.
pub fn one_of(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.split_last() {
        None => "nothing".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_but_not_strangers() {
        let fields = ["latency", "translation", "availability"];
        assert_eq!(closest("latncy", fields), Some("latency"));
        assert_eq!(closest("Latency", fields), Some("latency"));
        assert_eq!(closest("colour", fields), None);
        assert_eq!(closest("x", ["y"]), Some("y"));
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&[]), "nothing");
    }
}
