//! Reading a scenario file: bytes to text to model, every failure a
//! diagnostic that names the file, line and column.

use std::path::{Path, PathBuf};

use super::check;
use super::checked::Checked;
use super::diag::{Code, Diagnostic, Pos};
use super::model::Scenario;
use super::spans::Spans;
pub mod parse_error;
pub mod recover;

#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// The text as parsed (without a byte-order mark); diagnostics'
    /// positions refer to it.
    pub source: String,
    /// Checked: loading fails when the checks find an error.
    pub scenario: Checked,
    /// Warnings from the semantic checks; errors make loading fail.
    pub warnings: Vec<Diagnostic>,
}

/// Real scenarios are tens of kilobytes. A 7.9 MB valid file loads in
/// about 0.7 s in a dev build (ron is unoptimised there), so the limit keeps
/// the worst case under a second; anything bigger is a mistake (a log, a
/// dump) and is refused before it is even read in full.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

pub fn load_file(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let bytes = read_capped(path).map_err(|d| vec![*d])?;
    let text = decode(path, &bytes).map_err(|d| vec![*d])?;
    load_str(path, text)
}

/// Reads at most one byte past the limit, so a huge file or an endless one
/// (a device, a pipe) costs no more than the limit.
fn read_capped(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| {
        Box::new(Diagnostic::new(
            Code::Io,
            &file,
            format!("cannot read the file: {e}"),
        ))
    };
    if crate::platform::fs::is_dir(path).map_err(io)? {
        return Err(Box::new(
            Diagnostic::new(Code::Io, &file, "cannot read the file: it is a folder")
                .help("pass the folder to `hotline check`, which checks every .ron file inside it"),
        ));
    }
    let bytes = crate::platform::fs::read_limited(path, MAX_FILE_BYTES as u64 + 1).map_err(io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Box::new(too_large(&file)));
    }
    Ok(bytes)
}

fn too_large(file: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        file,
        format!(
            "the file is larger than {} MiB, too large to be a scenario",
            MAX_FILE_BYTES >> 20
        ),
    )
    .help("scenarios are small text files; check that this is the file you meant")
}

/// UTF-8 text, or a diagnostic at the first byte that is not.
fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Box<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
        let pos = end_of(valid);
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        Box::new(
            Diagnostic::new(Code::NotText, path.display().to_string(), format!("the file is not UTF-8 text: byte 0x{bad:02x} cannot start a character here"))
                .at(Some((pos, Pos { line: pos.line, col: pos.col + 1 })))
                .label("invalid byte")
                .help("save the file as UTF-8; Chinese text in another encoding (GBK, GB18030) must be converted"),
        )
    })
}

/// The position just after the last character of `text`.
fn end_of(text: &str) -> Pos {
    let line = 1 + text.matches('\n').count();
    let col = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    Pos { line, col }
}

pub fn load_str(path: &Path, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let file = path.display().to_string();
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(&file)]);
    }
    let src = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(nul) = src.find('\0') {
        let pos = end_of(&src[..nul]);
        return Err(vec![
            Diagnostic::new(
                Code::NotText,
                &file,
                "the file contains a NUL byte: it looks like a binary file, not a scenario",
            )
            .at(Some((
                pos,
                Pos {
                    line: pos.line,
                    col: pos.col + 1,
                },
            )))
            .label("NUL byte"),
        ]);
    }
    if Spans::new(src).is_blank() {
        return Err(vec![
            Diagnostic::new(Code::EmptyFile, &file, "the file is empty")
                .at(Some((Pos { line: 1, col: 1 }, Pos { line: 1, col: 1 })))
                .help("a scenario is one `( meta: (..), teams: [..], .. )` value; see tests/fixtures/valid/minimal.ron"),
        ]);
    }
    let parsed = recover::parse::<crate::scenario::model::Scenario>(src, &file);
    let spans = Spans::new(&parsed.text);
    let mut errors = parsed.errors;
    errors.extend(duplicate_keys(&spans, &file));
    let mut warnings = Vec::new();
    let damaged = !errors.is_empty();
    if let Some(scenario) = &parsed.scenario {
        for d in check::check(scenario, &spans, &file) {
            if !damaged || !recover::is_knock_on(&d, &parsed.left_out) {
                if d.is_error() {
                    errors.push(d);
                } else {
                    warnings.push(d);
                }
            }
        }
    }
    match parsed.scenario {
        Some(scenario) if errors.is_empty() => Ok(Loaded {
            path: path.to_path_buf(),
            source: src.to_string(),
            scenario: Checked::new(scenario),
            warnings,
        }),
        _ => {
            let mut all = errors;
            all.extend(warnings);
            all.sort_by_key(|d| (d.start.is_none(), d.start, d.code));
            Err(all)
        }
    }
}

/// A map written with a key twice: serde's map keeps the last value and
/// says nothing, so the author would never learn the first was dropped.
fn duplicate_keys(spans: &Spans, file: &str) -> Vec<Diagnostic> {
    spans
        .duplicate_keys()
        .into_iter()
        .map(|k| {
            Diagnostic::new(
                Code::DuplicateKey,
                file,
                format!("key `{}` is given twice in this map", k.key),
            )
            .at(Some(k.span))
            .label("second time")
            .help(format!(
                "the first is at line {}; only one value can stay, remove the other",
                k.first.0.line
            ))
        })
        .collect()
}

/// Keeps positions inside the text whatever the parser reported, so a
/// renderer or editor never points past the end.
fn clamp(mut d: Diagnostic, src: &str) -> Diagnostic {
    let lines: Vec<&str> = src.split('\n').collect();
    let fix = |p: Pos| {
        let line = p.line.clamp(1, lines.len());
        let len = lines.get(line - 1).map_or(0, |l| l.chars().count());
        Pos {
            line,
            col: p.col.clamp(1, len + 1),
        }
    };
    d.start = d.start.map(fix);
    d.end = d.end.map(fix);
    if let (Some(s), Some(e)) = (d.start, d.end)
        && e < s
    {
        d.end = Some(s);
    }
    d
}

/// Checks a scenario that came without its text (a seat's copy, received
/// over the network): the same checks as a file, with no positions.
pub fn check_value(scenario: Scenario, name: &str) -> Result<Checked, Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = check::check(&scenario, &Spans::new(""), name)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.is_empty() {
        Ok(Checked::new(scenario))
    } else {
        Err(errors)
    }
}
