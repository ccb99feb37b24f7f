//! The report as one self-contained HTML file: inline CSS and SVG, no
//! scripts, fonts, images or links that would fetch anything. The markup is
//! also well-formed XML (void elements self-closed, only XML entities), so
//! a plain XML parser can check it.

use std::fmt::{Result, Write};

use super::doc::*;
use super::facts::Lane;

/// Escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0 documents.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = include_str!("report.css");

pub fn write(d: &Document) -> String {
    let mut s = String::with_capacity(64 * 1024);
    document(&mut s, d).expect("writing to a String cannot fail");
    s
}

fn document(s: &mut String, d: &Document) -> Result {
    write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{} — {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        d.lang_tag,
        esc(d.kind),
        esc(&d.title)
    )?;
    writeln!(
        s,
        "<header><p class=\"kicker\">{}{}{}</p><h1>{}</h1></header>",
        esc(d.kind),
        d.joiner,
        esc(d.subtitle),
        esc(&d.title)
    )?;
    d.preamble.iter().try_for_each(|b| block(s, b))?;
    for sec in &d.sections {
        let class = if sec.page_break { "break" } else { "" };
        let (id, heading) = (sec.id, esc(&sec.heading));
        write!(
            s,
            "<section id=\"{id}\" class=\"{class}\">\n<h2>{heading}</h2>\n"
        )?;
        sec.blocks.iter().try_for_each(|b| block(s, b))?;
        s.push_str("</section>\n");
    }
    let footer = esc(d.footer);
    write!(s, "<footer>{footer}</footer>\n</main>\n</body>\n</html>\n")
}

/// The class of a badge or outcome box, which report.css colours.
pub fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Mixed => "mixed",
        Tone::Bad => "bad",
        Tone::Open => "open",
    }
}

fn lane_class(lane: Lane) -> String {
    match lane {
        Lane::Team(t) => format!("lane-t{}", t.min(3)),
        Lane::Inject => "lane-inject".into(),
        Lane::Facilitator => "lane-fac".into(),
        Lane::Exercise => "lane-ex".into(),
    }
}

fn block(s: &mut String, b: &Block) -> Result {
    match b {
        Block::Warning { text, .. } => writeln!(s, "<p class=\"warn\">{}</p>", esc(text)),
        Block::Paragraph(p, text) => {
            let class = match p {
                Para::Plain => "",
                Para::Lead => " class=\"summary\"",
                Para::Aside => " class=\"muted\"",
            };
            writeln!(s, "<p{class}>{}</p>", esc(text))
        }
        Block::Subheading(t) => writeln!(s, "<h3>{}</h3>", esc(t)),
        Block::List(kind, items) => {
            let (open, close) = match kind {
                ListKind::Numbered => ("<ol>\n", "</ol>\n"),
                ListKind::Log => ("<ul class=\"notes\">\n", "</ul>\n"),
            };
            s.push_str(open);
            for item in items {
                s.push_str("<li>");
                inlines(s, item)?;
                s.push_str("</li>\n");
            }
            s.push_str(close);
            Ok(())
        }
        Block::Table(t) => table(s, t),
        Block::Chart { svg, caption, .. } => {
            let caption = esc(caption);
            write!(
                s,
                "<figure>\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n"
            )
        }
        Block::Outcome {
            tone,
            title,
            word,
            when,
            text,
        } => write!(
            s,
            "<div class=\"outcome {v}\"><p><strong>{}</strong> <span class=\"badge {v}\">{}</span> <span class=\"muted\">{}</span></p>\n<p>{}</p></div>\n",
            esc(title),
            esc(word),
            esc(when),
            esc(text),
            v = tone_class(*tone),
        ),
        Block::Questions {
            items,
            answer,
            blanks,
        } => {
            s.push_str("<ol class=\"questions\">\n");
            let answer = esc(answer);
            for q in items {
                let q = esc(q);
                let answer_box = format!("<div class=\"answer\" aria-label=\"{answer}\"></div>");
                writeln!(s, "<li><p>{q}</p>{answer_box}</li>")?;
            }
            for _ in 0..*blanks {
                s.push_str("<li><p class=\"blank-q\"></p><div class=\"answer\"></div></li>\n");
            }
            s.push_str("</ol>\n");
            Ok(())
        }
    }
}

fn table(s: &mut String, t: &Table) -> Result {
    let style = match t.kind {
        TableKind::Pairs => Some("kv"),
        TableKind::Legend => Some("legend"),
        TableKind::Grid(style) => style,
    };
    match style {
        Some(c) => writeln!(s, "<table class=\"{c}\">")?,
        None => s.push_str("<table>\n"),
    }
    let shown = || {
        t.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.under.is_none())
    };
    if let TableKind::Grid(_) = t.kind {
        s.push_str("<thead><tr>");
        if t.numbered {
            s.push_str("<th>#</th>");
        }
        for (_, c) in shown() {
            match c.lane {
                Some(l) => write!(s, "<th class=\"{}\">", lane_class(l))?,
                None => s.push_str("<th>"),
            }
            write!(s, "{}</th>", esc(&c.title))?;
        }
        s.push_str("</tr></thead>\n");
    }
    // Pairs are rows of headings and values: no body to set apart.
    let body = t.kind != TableKind::Pairs;
    if body {
        s.push_str("<tbody>\n");
    }
    for (n, r) in t.rows.iter().enumerate() {
        match r.mark {
            RowMark::None => s.push_str("<tr>"),
            RowMark::Lane(l) => write!(s, "<tr class=\"{}\">", lane_class(l))?,
            RowMark::Blank => s.push_str("<tr class=\"blank\">"),
        }
        if t.numbered {
            write!(s, "<td class=\"num\">{}</td>", n + 1)?;
        }
        for (i, col) in shown() {
            let (tag, class) = match col.role {
                Role::Text => ("td", ""),
                Role::Label => ("th", ""),
                Role::Number => ("td", " class=\"num\""),
                Role::Time => ("td", " class=\"time\""),
                Role::Utc => ("td", " class=\"time muted\""),
                Role::Who => ("td", " class=\"who\""),
            };
            write!(s, "<{tag}{class}>")?;
            inlines(s, r.cells.get(i).map(Vec::as_slice).unwrap_or_default())?;
            let details = t.columns.iter().zip(&r.cells);
            for (_, cell) in details.filter(|(c, cell)| c.under == Some(i) && !cell.is_empty()) {
                s.push_str("<div class=\"content\">");
                inlines(s, cell)?;
                s.push_str("</div>");
            }
            write!(s, "</{tag}>")?;
        }
        s.push_str("</tr>\n");
    }
    if body {
        s.push_str("</tbody>\n");
    }
    s.push_str("</table>\n");
    Ok(())
}

fn inlines(s: &mut String, cell: &[Inline]) -> Result {
    for i in cell {
        match i {
            Inline::Text(t) => s.push_str(&esc(t)),
            Inline::Team(t) => write!(s, "<span class=\"team\">{}</span>", esc(t))?,
            Inline::Time(t) => write!(s, "<span class=\"time\">{}</span>", esc(t))?,
            Inline::Badge(tone, word) => badge(s, *tone, word)?,
            Inline::Muted(t) => muted(s, t)?,
            Inline::Marker(n) => write!(s, "<span class=\"dot\">{n}</span>")?,
            Inline::Break => s.push_str("<br/>"),
            Inline::Reply { at, late } => {
                let class = if *late { " class=\"late\"" } else { "" };
                write!(s, "<span{class}>{}</span>", esc(at))?;
            }
            Inline::Checks(checks) if checks.is_empty() => {}
            Inline::Checks(checks) => {
                s.push_str("<ul class=\"exps\">");
                for c in checks {
                    s.push_str("<li>");
                    badge(s, c.tone, c.word)?;
                    write!(s, " {}", esc(&c.text))?;
                    for m in c.at.iter().chain(&c.detail) {
                        s.push(' ');
                        muted(s, m)?;
                    }
                    s.push_str("</li>");
                }
                s.push_str("</ul>");
            }
        }
    }
    Ok(())
}

fn badge(s: &mut String, tone: Tone, word: &str) -> Result {
    let (class, word) = (tone_class(tone), esc(word));
    write!(s, "<span class=\"badge {class}\">{word}</span>")
}

fn muted(s: &mut String, t: &str) -> Result {
    write!(s, "<span class=\"muted\">{}</span>", esc(t))
}
