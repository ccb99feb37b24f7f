//! Questions about the tree that serde cannot answer: which list item holds
//! an error (so recovery can leave it out), which field a bad value belongs
//! to, and which map keys are written twice (a `BTreeMap` keeps only one).

use super::{Node, Spans, unquote};
use crate::scenario::diag::Pos;

/// A key written a second time in one map.
pub struct DuplicateKey {
    pub key: String,
    pub span: (Pos, Pos),
    pub first: (Pos, Pos),
}

impl Spans<'_> {
    /// Byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset(&self, p: Pos) -> usize {
        let line = p.line.clamp(1, self.line_starts.len());
        let start = self.line_starts[line - 1];
        let text = self.src[start..].split('\n').next().unwrap_or("");
        start
            + text
                .char_indices()
                .nth(p.col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i)
    }

    /// Byte range of the innermost list element or map entry that holds
    /// `offset`, or, when `offset` falls between two elements (a missing
    /// comma), of the element after it.
    pub fn item_at(&self, offset: usize) -> Option<(usize, usize)> {
        let mut node = self.root.as_ref()?;
        let mut found = None;
        loop {
            let inside = |n: &Node| n.start <= offset && offset < n.end;
            let next = match node.open {
                b'[' => {
                    let hit = node.items.iter().find(|n| inside(n)).or_else(|| {
                        node.items
                            .iter()
                            .find(|n| n.start >= offset && self.blank_between(offset, n.start))
                    });
                    if let Some(n) = hit {
                        found = Some((n.start, n.end));
                    }
                    hit
                }
                b'{' => {
                    let hit = node
                        .entries
                        .iter()
                        .find(|(k, v)| k.start <= offset && offset < v.end.max(k.end));
                    if let Some((k, v)) = hit {
                        found = Some((k.start, v.end.max(k.end)));
                    }
                    hit.map(|(_, v)| v).filter(|v| inside(v))
                }
                _ => node
                    .items
                    .iter()
                    .chain(node.fields.iter().map(|(_, v)| v))
                    .find(|n| inside(n)),
            };
            match next {
                Some(n) => node = n,
                None => return found,
            }
        }
    }

    /// The innermost named field whose value holds `offset` (or starts just
    /// after it, past blanks), with the byte range of the innermost value
    /// there: `initial` and `"20"` for an error inside `initial: "20"`.
    pub fn field_at(&self, offset: usize) -> Option<(String, (usize, usize))> {
        let mut node = self.root.as_ref()?;
        let mut found: Option<(String, (usize, usize))> = None;
        loop {
            let inside = |n: &Node| n.start <= offset && offset < n.end;
            let before = |n: &Node| n.start > offset && self.blank_between(offset, n.start);
            let field = node.fields.iter().find(|(_, v)| inside(v) || before(v));
            let next = match field {
                Some((name, v)) => {
                    found = Some((name.clone(), (v.start, v.end)));
                    Some(v)
                }
                None => node
                    .items
                    .iter()
                    .chain(node.entries.iter().map(|(_, v)| v))
                    .find(|n| inside(n) || before(n)),
            };
            match next {
                Some(n) => {
                    if let Some(f) = found.as_mut() {
                        f.1 = (n.start, n.end);
                    }
                    if !inside(n) {
                        return found;
                    }
                    node = n;
                }
                None => return found,
            }
        }
    }

    /// Every key written a second time in the same `{ .. }`, in source order.
    pub fn duplicate_keys(&self) -> Vec<DuplicateKey> {
        let mut out = Vec::new();
        let mut stack: Vec<&Node> = self.root.iter().collect();
        while let Some(n) = stack.pop() {
            let mut seen: Vec<(String, &Node)> = Vec::new();
            for (k, v) in &n.entries {
                let key = unquote(self.src.get(k.start..k.end).unwrap_or(""));
                match seen.iter().find(|(s, _)| *s == key) {
                    Some((_, first)) => out.push(DuplicateKey {
                        key: key.clone(),
                        span: self.node_span(k),
                        first: self.node_span(first),
                    }),
                    None => seen.push((key, k)),
                }
                stack.push(v);
            }
            stack.extend(&n.items);
            stack.extend(n.fields.iter().map(|(_, v)| v));
        }
        out.sort_by_key(|d| d.span.0);
        out
    }

    /// The text between two byte offsets ("" if they are not boundaries).
    pub fn text(&self, a: usize, b: usize) -> &str {
        self.src.get(a..b).unwrap_or("")
    }

    /// Whether only whitespace lies between two offsets.
    fn blank_between(&self, a: usize, b: usize) -> bool {
        self.src.get(a..b).is_some_and(|g| g.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "(\n  xs: [(a: 1), (a: \"2\") (a: 3)],\n  m: {\"k\": 1, \"j\": 2, \"k\": 3},\n  v: (initial:   \"20\"),\n)";

    #[test]
    fn the_item_holding_an_error_is_the_innermost_list_element() {
        let s = Spans::new(DOC);
        let at = DOC.find("\"2\"").unwrap();
        let (a, b) = s.item_at(at).unwrap();
        assert_eq!(&DOC[a..b], "(a: \"2\")");
        let missing_comma = DOC.find(" (a: 3)").unwrap();
        let (a, b) = s.item_at(missing_comma).unwrap();
        assert_eq!(&DOC[a..b], "(a: 3)");
        let (a, b) = s.item_at(DOC.find("\"j\"").unwrap()).unwrap();
        assert_eq!(&DOC[a..b], "\"j\": 2");
        assert_eq!(s.item_at(DOC.find("initial").unwrap()), None);
    }

    #[test]
    fn a_value_error_names_its_field_and_skips_the_blanks_before_the_value() {
        let s = Spans::new(DOC);
        let after_colon = DOC.find("initial:").unwrap() + "initial:".len();
        let (name, (a, b)) = s.field_at(after_colon).unwrap();
        assert_eq!(name, "initial");
        assert_eq!(&DOC[a..b], "\"20\"");
    }

    #[test]
    fn keys_written_twice_in_one_map_are_found_at_the_second() {
        let s = Spans::new(DOC);
        let d = s.duplicate_keys();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].key, "k");
        assert_eq!(d[0].span.0, Pos { line: 3, col: 23 });
        assert_eq!(d[0].first.0, Pos { line: 3, col: 7 });
    }

    #[test]
    fn offsets_and_positions_agree() {
        let s = Spans::new("(a: \"中文\",\n b: 1)");
        let p = Pos { line: 2, col: 2 };
        assert_eq!(s.pos(s.offset(p)), p);
        assert_eq!(
            s.pos(s.offset(Pos { line: 1, col: 6 })),
            Pos { line: 1, col: 6 }
        );
    }
}
