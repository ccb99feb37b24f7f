//! Every independent mistake in one run. ron stops at the first error, so
//! after each one the list element (or map entry) holding it is blanked
//! out, one space per character with line breaks kept, so every later line
//! and column stays where it was, and the text is parsed again. An error
//! outside any list element (in `meta`, say) ends the search.

use ron::error::{Error, SpannedError};
use serde::de::DeserializeOwned;

use super::parse_error::from_ron;
use super::{clamp, ron_options};
use crate::scenario::diag::{Code, Diagnostic};
use crate::scenario::spans::Spans;

/// More errors than this in one file are noise; stop reading.
const MAX_ERRORS: usize = 50;
/// Each round parses the whole text again; past this size only the first
/// error is reported, so a huge file stays fast.
const RECOVER_BYTES: usize = 1 << 20;

pub struct Parsed<T> {
    /// The scenario without the items left out, if the rest parsed.
    pub scenario: Option<T>,
    /// The text that parsed: the source with those items blanked.
    pub text: String,
    pub errors: Vec<Diagnostic>,
    /// Ids declared in the items left out: a semantic check that only
    /// misses one of them is a knock-on effect, not a mistake.
    pub left_out: Vec<String>,
}

/// Parses `src` as a `T` (a scenario, a test plan), reporting every error
/// it can get past.
pub fn parse<T: DeserializeOwned>(src: &str, file: &str) -> Parsed<T> {
    let mut text = src.to_string();
    let mut errors = Vec::new();
    let mut left_out = Vec::new();
    while errors.len() < MAX_ERRORS {
        let e = match ron_options().from_str::<T>(&text) {
            Ok(s) => {
                return Parsed {
                    scenario: Some(s),
                    text,
                    errors,
                    left_out,
                };
            }
            Err(e) => e,
        };
        let spans = Spans::new(&text);
        let mut d = clamp(from_ron(&e, file), &text);
        let mut at = d.start.map_or(text.len(), |p| spans.offset(p));
        let unclosed = unclosed_string(&text, at);
        if let Some((q, _)) = unclosed {
            d = unclosed_diag(&spans, q, file);
            at = q;
        } else {
            name_the_field(&mut d, &e, &spans, at);
        }
        errors.push(d);
        if src.len() > RECOVER_BYTES {
            break;
        }
        if let Some((q, end)) = unclosed {
            close_in_place(&mut text, q, end);
        }
        let spans = Spans::new(&text);
        let Some((a, b)) = spans.item_at(at) else {
            break;
        };
        left_out.extend(declared_ids(&text[a..b]));
        blank(&mut text, a, b);
    }
    Parsed {
        scenario: None,
        text,
        errors,
        left_out,
    }
}

/// A value of the wrong type, said with the field's name and underlining
/// the value itself, not the blanks ron's span starts with.
fn name_the_field(d: &mut Diagnostic, e: &SpannedError, spans: &Spans, at: usize) {
    if d.code != Code::InvalidValue && d.code != Code::NumberTooLarge {
        return;
    }
    let Some((field, (a, b))) = spans.field_at(at) else {
        return;
    };
    d.start = Some(spans.pos(a));
    d.end = Some(spans.pos(b));
    d.message = match &e.code {
        Error::InvalidValueForType { expected, found } => {
            format!(
                "expected {} for `{field}`, found {found}",
                article(expected)
            )
        }
        Error::ExpectedFloat | Error::ExpectedInteger => {
            format!(
                "expected a number for `{field}`, found {}",
                found(spans, a, b)
            )
        }
        Error::ExpectedString => {
            format!(
                "expected a string in double quotes for `{field}`, found {}",
                found(spans, a, b)
            )
        }
        Error::ExpectedBoolean => {
            format!(
                "expected `true` or `false` for `{field}`, found {}",
                found(spans, a, b)
            )
        }
        _ => format!("`{field}`: {}", d.message),
    };
}

/// "a string", "a number" for what was written at `a..b`.
fn found(spans: &Spans, a: usize, b: usize) -> String {
    let text = spans.text(a, b);
    match text.chars().next() {
        Some('"') => "a string".into(),
        Some('[') => "a list".into(),
        Some('{') => "a map".into(),
        Some('(') => "a group of fields".into(),
        Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => "a number".into(),
        _ => format!("`{}`", text.chars().take(30).collect::<String>()),
    }
}

/// serde names Rust types (`f64`, `u32`); authors think in numbers.
fn article(expected: &str) -> String {
    match expected {
        "f32" | "f64" => "a number".into(),
        e if e.starts_with('u') || e.starts_with('i') && e[1..].parse::<u8>().is_ok() => {
            "a whole number".into()
        }
        e => e.to_string(),
    }
}

/// An unclosed string, as (its opening quote, where the author most likely
/// meant it to end). ron reports such a string wherever the next quote
/// lands; what gives it away is a string right next to the error (from the
/// line before it to the line after) whose text runs past a line end or
/// holds what looks like the next field (`, name:`). It is taken to end
/// there, before a trailing comma.
fn unclosed_string(text: &str, at: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let line_of = |i: usize| text[..i.min(text.len())].matches('\n').count();
    let err_line = line_of(at);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'\'' => i += if b.get(i + 2) == Some(&b'\'') { 3 } else { 1 },
            b'"' => {
                let open = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let close = i.min(b.len());
                i += 1;
                if line_of(open) > err_line + 1 {
                    return None;
                }
                if err_line > line_of(close) + 1 {
                    continue;
                }
                let body = text.get(open + 1..close).unwrap_or("");
                if let Some(end) = meant_end(body) {
                    return Some((open, open + 1 + end));
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Where a string's text stops looking like text: at its first line end,
/// or before `, name:`; a comma just before either stays outside.
fn meant_end(body: &str) -> Option<usize> {
    let newline = body.find('\n');
    let field = body.char_indices().find_map(|(i, c)| {
        if c != ',' {
            return None;
        }
        let rest = body[i + 1..].trim_start();
        let ident = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        (ident > 0 && rest[ident..].trim_start().starts_with(':')).then_some(i)
    });
    let end = match (newline, field) {
        (Some(n), Some(f)) => n.min(f),
        (n, f) => n.or(f)?,
    };
    let kept = body[..end].trim_end();
    Some(kept.strip_suffix(',').unwrap_or(kept).len())
}

fn unclosed_diag(spans: &Spans, q: usize, file: &str) -> Diagnostic {
    Diagnostic::new(Code::Syntax, file, "this string is never closed")
        .at(Some((spans.pos(q), spans.pos(q + 1))))
        .label("the string starts here")
        .help("add the closing `\"`; a string may not run on to the next line by accident")
}

/// Ends the unclosed string opened at `q` where the author meant it to end
/// (`end`) without moving anything after it, so every later column stays
/// where the author's text has it: the comma or space there becomes the
/// closing quote. At a line end (or the end of a file cut short) the
/// string's last character does instead (a backslash before it a space, so
/// the quote is not escaped), and an empty string loses its opening quote.
fn close_in_place(text: &mut String, q: usize, end: usize) {
    if matches!(text.as_bytes().get(end), Some(b',' | b' ' | b'\t')) {
        text.replace_range(end..end + 1, "\"");
        return;
    }
    let Some((i, c)) = text[q + 1..end].char_indices().next_back() else {
        text.replace_range(q..q + 1, " ");
        return;
    };
    let last = q + 1 + i;
    text.replace_range(last..last + c.len_utf8(), "\"");
    if last > q + 1 && text.as_bytes()[last - 1] == b'\\' {
        text.replace_range(last - 1..last, " ");
    }
}

/// Spaces for every character of `a..b` (line breaks kept), and the comma
/// after it, so the list reads as if the element had never been there.
fn blank(text: &mut String, a: usize, b: usize) {
    let rest = &text[b..];
    let comma = rest.len() - rest.trim_start().len();
    let b = if rest.trim_start().starts_with(',') {
        b + comma + 1
    } else {
        b
    };
    let spaces: String = text[a..b]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(a..b, &spaces);
}

/// `id: "x"` anywhere in the text of an item left out.
fn declared_ids(item: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = item;
    while let Some(i) = rest.find("id") {
        let before_ok = rest[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        rest = &rest[i + 2..];
        let Some(v) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let Some(v) = v.trim_start().strip_prefix('"') else {
            continue;
        };
        if before_ok && let Some(end) = v.find('"') {
            out.push(v[..end].to_string());
        }
    }
    out
}

/// Whether a semantic finding on the recovered scenario is only the echo
/// of an item left out (a reference to it, a section it left too short),
/// so it is held back until the parse errors are fixed.
pub fn is_knock_on(d: &Diagnostic, left_out: &[String]) -> bool {
    if !d.is_error() {
        return true;
    }
    if matches!(
        d.code,
        Code::TooFewTeams | Code::NoTimeout | Code::EmptyLadder | Code::OutcomeNever
    ) && !left_out.is_empty()
    {
        return true;
    }
    left_out
        .iter()
        .any(|id| d.message.contains(&format!("`{id}`")))
}
