//! ron's errors in plain words, with a stable code and, for misspelt
//! fields and variants, the closest correct name.

use ron::error::{Error, SpannedError};

use crate::scenario::diag::{Code, Diagnostic, Pos, closest, one_of};

pub fn from_ron(e: &SpannedError, file: &str) -> Diagnostic {
    let start = Pos {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    let end = Pos {
        line: e.span.end.line,
        col: e.span.end.col,
    };
    let x = describe(&e.code);
    let mut d = Diagnostic::new(x.code, file, x.message).at(Some((start, end)));
    d.label = x.label;
    d.help = x.help;
    d
}

fn inside(outer: &Option<String>) -> String {
    outer
        .as_deref()
        .map(|o| format!(" in `{o}`"))
        .unwrap_or_default()
}

/// A ron error in plain words: the parts of a diagnostic it decides.
struct Explanation {
    code: Code,
    message: String,
    label: Option<String>,
    help: Option<String>,
}

impl Explanation {
    fn new(code: Code, message: String, label: Option<String>, help: Option<String>) -> Self {
        Explanation {
            code,
            message,
            label,
            help,
        }
    }
}

fn syntax(msg: &str, label: &str) -> Explanation {
    Explanation::new(Code::Syntax, msg.to_string(), Some(label.to_string()), None)
}

fn describe(e: &Error) -> Explanation {
    match e {
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let help = match closest(found, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields here are {}", one_of(expected)),
            };
            Explanation::new(
                Code::UnknownField,
                format!(
                    "unknown field `{found}`{}, expected one of {}",
                    inside(outer),
                    one_of(expected)
                ),
                Some("unknown field".into()),
                Some(help),
            )
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let help = match closest(found, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("write one of {}", one_of(expected)),
            };
            Explanation::new(
                Code::UnknownVariant,
                format!(
                    "unknown variant `{found}`{}, expected one of {}",
                    inside(outer),
                    one_of(expected)
                ),
                Some("unknown variant".into()),
                Some(help),
            )
        }
        Error::MissingStructField { field, outer } => Explanation::new(
            Code::MissingField,
            format!("missing field `{field}`{}", inside(outer)),
            Some(format!("`{field}` is required here")),
            Some(format!("add `{field}: ...` to this item")),
        ),
        Error::DuplicateStructField { field, outer } => Explanation::new(
            Code::DuplicateField,
            format!("field `{field}` is given twice{}", inside(outer)),
            Some("second time".into()),
            Some("remove one of the two".into()),
        ),
        Error::InvalidValueForType { expected, found } => Explanation::new(
            Code::InvalidValue,
            format!("expected {expected}, found {found}"),
            Some("wrong kind of value".into()),
            None,
        ),
        Error::ExpectedDifferentLength { expected, found } => Explanation::new(
            Code::InvalidValue,
            format!(
                "expected {expected}, found {found} element{}",
                if *found == 1 { "" } else { "s" }
            ),
            Some("wrong number of values".into()),
            None,
        ),
        // serde's custom errors: ours (durations, clock times) are already plain words.
        Error::Message(m) => Explanation::new(
            Code::InvalidValue,
            m.clone(),
            Some("invalid value".into()),
            None,
        ),
        Error::ExceededRecursionLimit => Explanation::new(
            Code::TooDeep,
            "the file nests brackets more than 64 levels deep".into(),
            Some("too deep".into()),
            Some("scenarios never need this much nesting; look for unclosed brackets".into()),
        ),
        Error::IntegerOutOfBounds => Explanation::new(
            Code::NumberTooLarge,
            "this number is too large for the field".into(),
            Some("out of range".into()),
            None,
        ),
        Error::Utf8Error(_) => Explanation::new(
            Code::NotText,
            "the file is not UTF-8 text".into(),
            None,
            None,
        ),
        Error::Eof => syntax(
            "the file ends in the middle of a value: something is not closed",
            "file ends here",
        ),
        Error::ExpectedComma => Explanation::new(
            Code::Syntax,
            "expected a `,` between two items".into(),
            Some("expected `,` before this".into()),
            Some("separate fields and list items with commas".into()),
        ),
        Error::ExpectedArray => syntax(
            "expected a list in square brackets `[ ... ]`",
            "expected `[`",
        ),
        Error::ExpectedArrayEnd => syntax("expected `]` to close the list", "expected `]`"),
        Error::ExpectedMap => syntax("expected a map in braces `{ ... }`", "expected `{`"),
        Error::ExpectedMapEnd => syntax("expected `}` to close the map", "expected `}`"),
        Error::ExpectedMapColon => {
            syntax("expected `:` between a key and its value", "expected `:`")
        }
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            syntax("expected `(` to open a group of fields", "expected `(`")
        }
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            syntax("expected `)` to close the group", "expected `)`")
        }
        Error::ExpectedString => Explanation::new(
            Code::InvalidValue,
            "expected a string in double quotes".into(),
            Some("expected a string".into()),
            None,
        ),
        Error::ExpectedStringEnd => syntax("this string is never closed", "add a closing `\"`"),
        Error::ExpectedBoolean => Explanation::new(
            Code::InvalidValue,
            "expected `true` or `false`".into(),
            None,
            None,
        ),
        Error::ExpectedFloat | Error::ExpectedInteger => Explanation::new(
            Code::InvalidValue,
            "expected a number".into(),
            Some("expected a number".into()),
            None,
        ),
        Error::FloatUnderscore
        | Error::UnderscoreAtBeginning
        | Error::InvalidIntegerDigit { .. } => Explanation::new(
            Code::InvalidValue,
            "this number is malformed".into(),
            Some("malformed number".into()),
            None,
        ),
        Error::ExpectedIdentifier => syntax(
            "expected a name (a field or variant name)",
            "expected a name",
        ),
        Error::UnexpectedChar(c) => syntax(&format!("unexpected character {c:?}"), "unexpected"),
        Error::TrailingCharacters => Explanation::new(
            Code::Syntax,
            "unexpected text after the end of the scenario".into(),
            Some("after the end".into()),
            Some("the whole scenario is one `( ... )`; check for an extra `)` earlier".into()),
        ),
        Error::UnclosedBlockComment => syntax("a `/*` comment is never closed", "unclosed comment"),
        Error::InvalidEscape(what) => syntax(
            &format!("invalid escape in a string: {what}"),
            "invalid escape",
        ),
        Error::NoSuchExtension(name) => syntax(
            &format!("RON has no extension named `{name}`"),
            "unknown extension",
        ),
        other => Explanation::new(
            Code::Syntax,
            format!("RON syntax error: {other}"),
            None,
            None,
        ),
    }
}
