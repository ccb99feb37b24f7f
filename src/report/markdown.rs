//! The report as GitHub-flavoured Markdown. Code forges do not render
//! inline SVG from Markdown, so the escalation chart becomes its table of
//! tension changes; what HTML shows only on paper (row numbers, blank
//! questions, weights) is left out.

use std::fmt::{Result, Write};

use super::doc::*;

/// Escapes text so it renders literally, inside a table cell too.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn write(d: &Document) -> String {
    let mut s = String::with_capacity(32 * 1024);
    document(&mut s, d).expect("writing to a String cannot fail");
    s
}

fn document(s: &mut String, d: &Document) -> Result {
    let (kind, title) = (md(d.kind), md(&d.title));
    write!(s, "# {kind}: {title}\n\n*{kind} {}*\n\n", md(d.subtitle))?;
    d.preamble.iter().try_for_each(|b| block(s, b))?;
    for (n, sec) in d.sections.iter().enumerate() {
        writeln!(s, "## {}. {}\n", n + 1, md(&sec.heading))?;
        sec.blocks.iter().try_for_each(|b| block(s, b))?;
    }
    writeln!(s, "---\n\n*{}*", md(d.footer))
}

fn block(s: &mut String, b: &Block) -> Result {
    match b {
        Block::Warning { text, loud: true } => writeln!(s, "> **{}**\n", md(text)),
        Block::Warning { text, loud: false } => writeln!(s, "> {}\n", md(text)),
        Block::Paragraph(_, text) => writeln!(s, "{}\n", md(text)),
        Block::Subheading(t) => writeln!(s, "### {}\n", md(t)),
        Block::List(kind, items) => {
            for (n, item) in items.iter().enumerate() {
                match kind {
                    ListKind::Numbered => write!(s, "{}. ", n + 1)?,
                    ListKind::Log => s.push_str("- "),
                }
                writeln!(s, "{}", inlines(item))?;
            }
            writeln!(s)
        }
        Block::Table(t) => table(s, t),
        Block::Chart {
            table_title,
            table: t,
            ..
        } => {
            writeln!(s, "### {}\n", md(table_title))?;
            table(s, t)
        }
        Block::Outcome {
            title,
            word,
            when,
            text,
            ..
        } => {
            let (title, word, when, text) = (md(title), md(word), md(when), md(text));
            writeln!(s, "**{title}** ({word}; {when})\n\n{text}\n")
        }
        Block::Questions { items, answer, .. } => {
            let answer = md(answer);
            for (n, q) in items.iter().enumerate() {
                writeln!(s, "{}. {}\n\n   > {answer}: \n", n + 1, md(q))?;
            }
            Ok(())
        }
    }
}

fn row(s: &mut String, cells: impl IntoIterator<Item = String>) -> Result {
    s.push('|');
    cells.into_iter().try_for_each(|c| write!(s, " {c} |"))?;
    writeln!(s)
}

fn table(s: &mut String, t: &Table) -> Result {
    row(s, t.columns.iter().map(|c| md(&c.title)))?;
    row(s, t.columns.iter().map(|_| "---".to_string()))?;
    for r in &t.rows {
        row(s, r.cells.iter().map(|c| inlines(c)))?;
    }
    writeln!(s)
}

fn inlines(cell: &[Inline]) -> String {
    let strong = |t: &str| format!("**{}**", md(t));
    let item = |c: &Check| {
        let at = c.at.as_deref().map(|a| format!(" ({})", md(a)));
        format!(
            "{}: {}{}",
            strong(c.word),
            md(&c.text),
            at.unwrap_or_default()
        )
    };
    let piece = |i: &Inline| match i {
        Inline::Text(t) => md(t),
        Inline::Team(t) | Inline::Time(t) => strong(t),
        Inline::Badge(_, word) => strong(word),
        Inline::Muted(t) => format!("*{}*", md(t)),
        Inline::Marker(n) => n.to_string(),
        Inline::Break => "<br>".into(),
        Inline::Reply { at, late: true } if !at.is_empty() => strong(at),
        Inline::Reply { at, .. } => md(at),
        Inline::Checks(checks) => checks.iter().map(item).collect::<Vec<_>>().join("<br>"),
    };
    cell.iter().map(piece).collect()
}
