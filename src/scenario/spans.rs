//! Maps paths inside a parsed RON document to their source spans.
//!
//! serde forgets where values came from, so the semantic checks ask this
//! module instead: `channels[2].latency`, `injects[0].trigger[0]`,
//! `channels[0].answer.slopes["tension"]`. Fields are looked up by name,
//! sequence and tuple elements (including enum variant contents such as
//! `Var("x", Ge, 1)`) by index, map entries by key (giving the key's span).
//! `Some(..)` wrappers are looked through, since authors may write them or not.
//!
//! The walker is tolerant: it builds a best-effort tree from any text and
//! never panics, so it can run on files that failed to parse too.

use super::diag::Pos;

mod query;

/// Deeper groups are skipped without recursion, so hostile nesting cannot
/// overflow the stack. Valid scenarios are far shallower (ron's limit is 64).
const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Str,
    Char,
    Num,
    Ident,
    Open(u8),
    Close(u8),
    Colon,
    Comma,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

#[derive(Debug, Default)]
struct Node {
    start: usize,
    end: usize,
    /// `Name` in `Name(..)`.
    name: Option<String>,
    /// Elements of `[..]` and positional contents of `(..)`.
    items: Vec<Node>,
    /// Named contents of `(..)`.
    fields: Vec<(String, Node)>,
    /// Entries of `{..}`.
    entries: Vec<(Node, Node)>,
    /// The bracket that opened the group (`(`, `[` or `{`), 0 for a scalar.
    open: u8,
}

pub struct Spans<'a> {
    src: &'a str,
    root: Option<Node>,
    line_starts: Vec<usize>,
}

impl<'a> Spans<'a> {
    pub fn new(src: &'a str) -> Spans<'a> {
        let tokens = tokenize(src);
        let mut p = Parser {
            src,
            tokens: &tokens,
            i: 0,
        };
        p.skip_attributes();
        let root = p.value(0);
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Spans {
            src,
            root,
            line_starts,
        }
    }

    /// Whether the text holds nothing but whitespace and comments.
    pub fn is_blank(&self) -> bool {
        self.root.is_none() && tokenize(self.src).is_empty()
    }

    /// The span of exactly this path, if the document has it.
    pub fn span(&self, path: &str) -> Option<(Pos, Pos)> {
        let segs = parse_path(path)?;
        let mut node = self.root.as_ref()?;
        for seg in &segs {
            node = self.child(node, seg)?;
        }
        Some(self.node_span(unwrap_some(node)))
    }

    /// The span of the path or, when the document leaves it out (a
    /// defaulted field), of its nearest ancestor that is written.
    pub fn locate(&self, path: &str) -> Option<(Pos, Pos)> {
        let segs = parse_path(path).unwrap_or_default();
        let mut node = self.root.as_ref()?;
        for seg in &segs {
            match self.child(node, seg) {
                Some(n) => node = n,
                None => break,
            }
        }
        Some(self.node_span(unwrap_some(node)))
    }

    /// 1-based line and character column of a byte offset.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.src.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .src
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Pos { line, col }
    }

    fn node_span(&self, n: &Node) -> (Pos, Pos) {
        (self.pos(n.start), self.pos(n.end))
    }

    fn child<'n>(&self, node: &'n Node, seg: &Seg) -> Option<&'n Node> {
        let node = unwrap_some(node);
        match seg {
            Seg::Field(name) => node.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            Seg::Index(i) => node.items.get(*i),
            Seg::Key(k) => node
                .entries
                .iter()
                .find(|(key, _)| {
                    self.src.get(key.start..key.end).map(unquote).as_deref() == Some(k.as_str())
                })
                .map(|(key, _)| key),
        }
    }
}

fn unwrap_some(mut node: &Node) -> &Node {
    while node.name.as_deref() == Some("Some") && node.items.len() == 1 && node.fields.is_empty() {
        node = &node.items[0];
    }
    node
}

/// The text of a string literal (or an identifier or number used as a key).
fn unquote(raw: &str) -> String {
    let body = raw.trim_start_matches('r').trim_matches('#');
    let Some(inner) = body.strip_prefix('"').and_then(|b| b.strip_suffix('"')) else {
        return raw.to_string();
    };
    if raw.starts_with('r') {
        return inner.to_string();
    }
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            },
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Seg {
    Field(String),
    Index(usize),
    Key(String),
}

/// `a.b[2]["k"]` into segments; None if the path itself is malformed.
fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut segs = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[\"") {
            let mut key = String::new();
            let mut chars = r.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => key.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    c => key.push(c),
                }
            }
            rest = r.get(end? + 1..)?.strip_prefix(']')?;
            segs.push(Seg::Key(key));
        } else if let Some(r) = rest.strip_prefix('[') {
            let (num, r) = r.split_once(']')?;
            segs.push(Seg::Index(num.parse().ok()?));
            rest = r;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            segs.push(Seg::Field(rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
    Some(segs)
}

fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let next = b.get(i + 1).copied();
        let kind = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = memchr(b, b'\n', i).unwrap_or(b.len());
                continue;
            }
            b'/' if next == Some(b'*') => {
                i = skip_block_comment(b, i);
                continue;
            }
            b'"' => {
                i = skip_string(b, i + 1);
                Tok::Str
            }
            b'b' if next == Some(b'"') => {
                i = skip_string(b, i + 2);
                Tok::Str
            }
            b'r' | b'b' if raw_string_start(b, i).is_some() => {
                i = raw_string_start(b, i)
                    .map_or(b.len(), |(open_end, hashes)| skip_raw(b, open_end, hashes));
                Tok::Str
            }
            b'\'' => {
                i = skip_char(b, i);
                Tok::Char
            }
            b'b' if next == Some(b'\'') => {
                i = skip_char(b, i + 1);
                Tok::Char
            }
            b'0'..=b'9' => {
                i = skip_number(b, i);
                Tok::Num
            }
            b'.' if next.is_some_and(|n| n.is_ascii_digit()) => {
                i = skip_number(b, i);
                Tok::Num
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(c)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close(c)
            }
            b':' => {
                i += 1;
                Tok::Colon
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b'r' if next == Some(b'#') => {
                i = skip_ident(src, i + 2);
                Tok::Ident
            }
            _ if c == b'_' || c.is_ascii_alphabetic() || starts_alpha(src, i) => {
                i = skip_ident(src, i);
                Tok::Ident
            }
            _ => {
                i += char_len(src, i);
                Tok::Other
            }
        };
        out.push(Token {
            kind,
            start,
            end: i.min(b.len()),
        });
    }
    out
}

fn memchr(b: &[u8], needle: u8, from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == needle)
        .map(|p| p + from)
}

fn char_len(src: &str, i: usize) -> usize {
    src.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

fn starts_alpha(src: &str, i: usize) -> bool {
    src.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| !c.is_ascii() && c.is_alphanumeric())
}

fn skip_ident(src: &str, mut i: usize) -> usize {
    while let Some(c) = src.get(i..).and_then(|s| s.chars().next()) {
        if !(c == '_' || c.is_alphanumeric()) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Nested `/* /* */ */`; an unclosed comment runs to the end.
fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// From just after the opening quote to just after the closing one.
/// Scanning bytes is safe: `"` and `\` never occur inside a UTF-8 sequence.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// `r"`, `r#"`, `br##"`: the offset after the opening quote and the hash count.
fn raw_string_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if b.get(j) == Some(&b'b') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b.get(j..)?.iter().take_while(|&&c| c == b'#').count();
    j += hashes;
    (b.get(j) == Some(&b'"')).then_some((j + 1, hashes))
}

fn skip_raw(b: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < b.len() {
        if b[i] == b'"'
            && b.get(i + 1..i + 1 + hashes)
                .is_some_and(|h| h.iter().all(|&c| c == b'#'))
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// `'x'`, `'\n'`, `'\u{4e2d}'`, `'中'`; a lone quote is one byte of junk.
fn skip_char(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if b.get(j) == Some(&b'\\') {
        j += 2;
    }
    let limit = (j + 12).min(b.len());
    match b
        .get(j..limit)
        .and_then(|s| s.iter().position(|&c| c == b'\''))
    {
        Some(p) => j + p + 1,
        None => i + 1,
    }
}

fn skip_number(b: &[u8], mut i: usize) -> usize {
    let hex = b
        .get(i..i + 2)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"0x"));
    while let Some(&c) = b.get(i) {
        let exp_sign = (c == b'+' || c == b'-')
            && !hex
            && matches!(b.get(i.wrapping_sub(1)), Some(b'e' | b'E'));
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exp_sign) {
            break;
        }
        i += 1;
    }
    i
}

struct Parser<'s, 't> {
    src: &'s str,
    tokens: &'t [Token],
    i: usize,
}

impl Parser<'_, '_> {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.i).copied()
    }

    fn peek_kind(&self, ahead: usize) -> Option<Tok> {
        self.tokens.get(self.i + ahead).map(|t| t.kind)
    }

    fn text(&self, t: Token) -> &str {
        self.src.get(t.start..t.end).unwrap_or("")
    }

    /// `#![enable(implicit_some)]` and the like.
    fn skip_attributes(&mut self) {
        while let Some(t) = self.peek() {
            if t.kind != Tok::Other || self.text(t) != "#" {
                return;
            }
            self.i += 1;
            if self.peek().is_some_and(|t| self.text(t) == "!") {
                self.i += 1;
            }
            if self.peek_kind(0) == Some(Tok::Open(b'[')) {
                self.skip_group();
            }
        }
    }

    /// Skips a bracketed group without recursion; returns its end offset.
    fn skip_group(&mut self) -> usize {
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            self.i += 1;
            match t.kind {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return t.end;
                    }
                }
                _ => {}
            }
        }
        self.src.len()
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        let t = self.peek()?;
        match t.kind {
            Tok::Other if matches!(self.text(t), "+" | "-") => {
                self.i += 1;
                if depth >= MAX_DEPTH {
                    return Some(Node {
                        start: t.start,
                        end: t.end,
                        ..Node::default()
                    });
                }
                let mut v = self.value(depth + 1).unwrap_or_default();
                v.start = t.start;
                v.end = v.end.max(t.end);
                Some(v)
            }
            Tok::Str | Tok::Char | Tok::Num => {
                self.i += 1;
                Some(Node {
                    start: t.start,
                    end: t.end,
                    ..Node::default()
                })
            }
            Tok::Ident => {
                self.i += 1;
                if self.peek_kind(0) == Some(Tok::Open(b'(')) {
                    let mut n = self.group(depth, b'(');
                    n.start = t.start;
                    n.name = Some(self.text(t).trim_start_matches("r#").to_string());
                    Some(n)
                } else {
                    Some(Node {
                        start: t.start,
                        end: t.end,
                        ..Node::default()
                    })
                }
            }
            Tok::Open(open) => Some(self.group(depth, open)),
            _ => None,
        }
    }

    /// Parses `( .. )`, `[ .. ]` or `{ .. }` starting at its opening token.
    fn group(&mut self, depth: usize, open: u8) -> Node {
        let start = self.peek().map_or(self.src.len(), |t| t.start);
        if depth >= MAX_DEPTH {
            let end = self.skip_group();
            return Node {
                start,
                end,
                ..Node::default()
            };
        }
        self.i += 1;
        let mut node = Node {
            start,
            end: self.src.len(),
            open,
            ..Node::default()
        };
        while let Some(t) = self.peek() {
            if let Tok::Close(_) = t.kind {
                // A mismatched closer also ends the group: tolerant, and
                // it keeps the walker moving forward.
                self.i += 1;
                node.end = t.end;
                return node;
            }
            let before = self.i;
            if open == b'(' && t.kind == Tok::Ident && self.peek_kind(1) == Some(Tok::Colon) {
                let name = self.text(t).trim_start_matches("r#").to_string();
                self.i += 2;
                if let Some(v) = self.value(depth + 1) {
                    node.fields.push((name, v));
                }
            } else if let Some(v) = self.value(depth + 1) {
                if open == b'{' && self.peek_kind(0) == Some(Tok::Colon) {
                    self.i += 1;
                    let val = self.value(depth + 1).unwrap_or_default();
                    node.entries.push((v, val));
                } else {
                    node.items.push(v);
                }
            }
            if self.peek_kind(0) == Some(Tok::Comma) {
                self.i += 1;
            }
            if self.i == before {
                // Junk such as a stray `:`: skip it so the loop always advances.
                self.i += 1;
            }
        }
        node
    }
}

/// One step from the root towards a position: the field it was reached
/// through (None for list items and positional contents) and the variant
/// name of the value (`Sent` in `Sent(msg: ..)`), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub field: Option<String>,
    pub variant: Option<String>,
}

impl Spans<'_> {
    /// The chain of values that contain byte `offset`, outermost first:
    /// what an editor needs to know which record the cursor is in.
    pub fn frames_at(&self, offset: usize) -> Vec<Frame> {
        let mut out = Vec::new();
        let mut node = self.root.as_ref();
        let mut field = None;
        while let Some(n) = node {
            if offset < n.start || offset > n.end || out.len() > MAX_DEPTH {
                break;
            }
            out.push(Frame {
                field: field.take(),
                variant: n.name.clone(),
            });
            let inside = |c: &Node| c.start <= offset && offset <= c.end && c.end > c.start;
            node = if let Some((name, v)) = n.fields.iter().find(|(_, v)| inside(v)) {
                field = Some(name.clone());
                Some(v)
            } else if let Some(v) = n.items.iter().find(|c| inside(c)) {
                Some(v)
            } else {
                n.entries.iter().map(|(_, v)| v).find(|c| inside(c))
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"#![enable(implicit_some)]
// a comment with ( and "
(
    channels: [
        (id: "a", latency: Fixed("1m")),
        (id: "b", /* nested /* ] */ */ latency: Uniform("5m", "2h"), answer: Some((slopes: {"tension": -0.01}))),
    ],
    note: r#"raw " ("#,
    c: '\'',
    n: -1.5e-3,
    e: Var("x", Ge, 60),
)"##;

    fn at(s: &Spans, p: &str) -> Option<(usize, usize, usize, usize)> {
        s.span(p).map(|(a, b)| (a.line, a.col, b.line, b.col))
    }

    #[test]
    fn paths_resolve_to_exact_spans() {
        let s = Spans::new(DOC);
        assert_eq!(at(&s, "channels[0].id"), Some((5, 14, 5, 17)));
        assert_eq!(at(&s, "channels[1].latency"), Some((6, 49, 6, 68)));
        assert_eq!(at(&s, "channels[1].latency[1]"), Some((6, 63, 6, 67)));
        assert_eq!(
            at(&s, "channels[1].answer.slopes[\"tension\"]"),
            Some((6, 93, 6, 102))
        );
        assert_eq!(at(&s, "note"), Some((8, 11, 8, 23)));
        assert_eq!(at(&s, "n"), Some((10, 8, 10, 15)));
        assert_eq!(at(&s, "e[2]"), Some((11, 21, 11, 23)));
        assert_eq!(at(&s, "c"), Some((9, 8, 9, 12)));
        assert_eq!(at(&s, "channels[2]"), None);
        assert_eq!(at(&s, "channels[0].nope"), None);
    }

    #[test]
    fn locate_falls_back_to_the_nearest_written_ancestor() {
        let s = Spans::new(DOC);
        assert_eq!(s.locate("channels[0].reliability"), s.span("channels[0]"));
        assert!(s.locate("").is_some());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let s = Spans::new("(a: \"中文\", b: 1)");
        assert_eq!(at(&s, "b"), Some((1, 14, 1, 15)));
    }

    #[test]
    fn paths_parse() {
        assert_eq!(
            parse_path("a[2].b[\"k\\\"\"]"),
            Some(vec![
                Seg::Field("a".into()),
                Seg::Index(2),
                Seg::Field("b".into()),
                Seg::Key("k\"".into())
            ])
        );
        assert_eq!(parse_path("a[x]"), None);
        assert_eq!(parse_path("a[\"open"), None);
    }

    #[test]
    fn hostile_input_neither_panics_nor_recurses_forever() {
        let deep = "(".repeat(100_000) + &")".repeat(3);
        let signs = "-".repeat(100_000);
        for src in [
            "", "\"", "r#\"", "'", "/*", "(a: ", "{:}", "]])", "-", "b'", "br#", "1e+", &deep,
            &signs,
        ] {
            let s = Spans::new(src);
            let _ = s.locate("a[0].b");
            let _ = s.span("x");
        }
    }
}
