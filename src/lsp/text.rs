//! Positions: the checker counts 1-based lines and characters, LSP counts
//! 0-based lines and UTF-16 code units.

use crate::scenario::diag::Pos;

/// An LSP position (line, UTF-16 column) of a checker position in `src`.
pub fn to_lsp(src: &str, p: Pos) -> (u32, u32) {
    let line = src.split('\n').nth(p.line.saturating_sub(1)).unwrap_or("");
    let units: usize = line
        .chars()
        .take(p.col.saturating_sub(1))
        .map(char::len_utf16)
        .sum();
    (p.line.saturating_sub(1) as u32, units as u32)
}

/// The byte offset and checker position of an LSP position, clamped to
/// the text.
pub fn from_lsp(src: &str, line: u32, character: u32) -> (usize, Pos) {
    let mut offset = 0;
    for (i, l) in src.split('\n').enumerate() {
        if i == line as usize {
            let mut units = 0;
            let mut chars = 0;
            for c in l.chars() {
                if units >= character as usize {
                    break;
                }
                units += c.len_utf16();
                offset += c.len_utf8();
                chars += 1;
            }
            return (
                offset,
                Pos {
                    line: i + 1,
                    col: chars + 1,
                },
            );
        }
        offset += l.len() + 1;
    }
    let last = src.split('\n').count();
    (
        src.len(),
        Pos {
            line: last,
            col: 1 + src.rsplit('\n').next().map_or(0, |l| l.chars().count()),
        },
    )
}

/// `offset` moved back to the nearest character boundary within `src`, so
/// no slice can panic whatever offset a client sends.
pub fn boundary(src: &str, offset: usize) -> usize {
    let mut o = offset.min(src.len());
    while !src.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The identifier around byte `offset` and where it starts.
pub fn word_at(src: &str, offset: usize) -> Option<(usize, &str)> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let offset = boundary(src, offset);
    let start = src[..offset]
        .char_indices()
        .rev()
        .find(|(_, c)| !ident(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = src[offset..]
        .find(|c: char| !ident(c))
        .map_or(src.len(), |i| offset + i);
    (start < end).then(|| (start, &src[start..end]))
}

/// Whether byte `offset` is inside a string literal on its line (an odd
/// number of unescaped quotes before it).
pub fn in_string(src: &str, offset: usize) -> bool {
    let offset = boundary(src, offset);
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut inside = false;
    let mut chars = src[line_start..offset].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if inside => {
                chars.next();
            }
            '"' => inside = !inside,
            _ => {}
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_astral_characters_are_counted_in_utf16_units() {
        let src = "a\n\"错靶😀\" x";
        // `x` is the 7th character of line 2; the emoji takes two units.
        let (line, ch) = to_lsp(src, Pos { line: 2, col: 7 });
        assert_eq!((line, ch), (1, 7));
        let (offset, pos) = from_lsp(src, 1, 7);
        assert_eq!(&src[offset..], "x");
        assert_eq!(pos, Pos { line: 2, col: 7 });
    }

    #[test]
    fn an_offset_inside_a_chinese_character_does_not_panic() {
        let src = "(zh: \"间\")";
        for o in 0..src.len() + 2 {
            let _ = (word_at(src, o), in_string(src, o));
        }
    }

    #[test]
    fn a_cursor_between_quotes_is_in_a_string() {
        let src = "(msg: \"ack\", by: x)";
        assert!(in_string(src, 8));
        assert!(!in_string(src, 14));
    }
}
