//! The report as GitHub-flavoured Markdown. Code forges do not render
//! inline SVG from Markdown, so the escalation chart becomes its table of
//! tension changes; what HTML shows only on paper (row numbers, blank
//! questions, weights) is left out.

use std::fmt::Write;

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
    let _ = writeln!(s, "# {}: {}\n", md(d.kind), md(&d.title));
    let _ = writeln!(s, "*{} {}*\n", md(d.kind), md(d.subtitle));
    d.preamble.iter().for_each(|b| block(&mut s, b));
    for (n, sec) in d.sections.iter().enumerate() {
        let _ = writeln!(s, "## {}. {}\n", n + 1, md(&sec.heading));
        sec.blocks.iter().for_each(|b| block(&mut s, b));
    }
    let _ = writeln!(s, "---\n\n*{}*", md(d.footer));
    s
}

fn block(s: &mut String, b: &Block) {
    match b {
        Block::Warning { text, loud: true } => {
            let _ = writeln!(s, "> **{}**\n", md(text));
        }
        Block::Warning { text, loud: false } => {
            let _ = writeln!(s, "> {}\n", md(text));
        }
        Block::Paragraph(_, text) => {
            let _ = writeln!(s, "{}\n", md(text));
        }
        Block::Subheading(t) => {
            let _ = writeln!(s, "### {}\n", md(t));
        }
        Block::List(kind, items) => {
            for (n, item) in items.iter().enumerate() {
                match kind {
                    ListKind::Numbered => {
                        let _ = write!(s, "{}. ", n + 1);
                    }
                    ListKind::Log => s.push_str("- "),
                }
                let _ = writeln!(s, "{}", inlines(item));
            }
            s.push('\n');
        }
        Block::Table(t) => table(s, t),
        Block::Chart {
            table_title,
            table: t,
            ..
        } => {
            let _ = writeln!(s, "### {}\n", md(table_title));
            table(s, t);
        }
        Block::Outcome {
            title,
            word,
            when,
            text,
            ..
        } => {
            let _ = writeln!(
                s,
                "**{}** ({}; {})\n\n{}\n",
                md(title),
                md(word),
                md(when),
                md(text)
            );
        }
        Block::Questions { items, answer, .. } => {
            for (n, q) in items.iter().enumerate() {
                let _ = writeln!(s, "{}. {}\n\n   > {}: \n", n + 1, md(q), md(answer));
            }
        }
    }
}

fn row<'a>(s: &mut String, cells: impl Iterator<Item = &'a str>) {
    s.push('|');
    for c in cells {
        let _ = write!(s, " {c} |");
    }
    s.push('\n');
}

fn table(s: &mut String, t: &Table) {
    let titles: Vec<String> = t.columns.iter().map(|c| md(&c.title)).collect();
    row(s, titles.iter().map(String::as_str));
    row(s, t.columns.iter().map(|_| "---"));
    for r in &t.rows {
        let cells: Vec<String> = r.cells.iter().map(|c| inlines(c)).collect();
        row(s, cells.iter().map(String::as_str));
    }
    s.push('\n');
}

fn inlines(cell: &[Inline]) -> String {
    let mut s = String::new();
    for i in cell {
        match i {
            Inline::Text(t) => s.push_str(&md(t)),
            Inline::Team(t) | Inline::Time(t) => {
                let _ = write!(s, "**{}**", md(t));
            }
            Inline::Badge(_, word) => {
                let _ = write!(s, "**{}**", md(word));
            }
            Inline::Muted(t) => {
                let _ = write!(s, "*{}*", md(t));
            }
            Inline::Marker(n) => {
                let _ = write!(s, "{n}");
            }
            Inline::Break => s.push_str("<br>"),
            Inline::Reply { at, late: true } if !at.is_empty() => {
                let _ = write!(s, "**{}**", md(at));
            }
            Inline::Reply { at, .. } => s.push_str(&md(at)),
            Inline::Checks(checks) => {
                let lines: Vec<String> = checks
                    .iter()
                    .map(|c| {
                        let at = c.at.as_deref().map(|a| format!(" ({})", md(a)));
                        let at = at.unwrap_or_default();
                        format!("**{}**: {}{at}", md(c.word), md(&c.text))
                    })
                    .collect();
                s.push_str(&lines.join("<br>"));
            }
        }
    }
    s
}
