//! The after-action report: an exercise's journal replayed and written up
//! as one self-contained HTML file or as Markdown, after the structure of
//! CISA's after-action report and improvement plan.

mod build;
mod chart;
mod doc;
mod facts;
mod html;
mod labels;
mod markdown;
#[cfg(test)]
mod tests;

use crate::scenario::Lang;
use crate::sim::journal::{Header, Record};
use crate::sim::{Engine, World};

// Reports are written from journals: the one journal-to-scenario finder.
pub use crate::sim::open::{LoadError, Replayed, replay_journal};

/// The report as HTML. `engine` is the exercise as it stands (normally
/// replayed from `records`); an engine that has not ended is reported as
/// interrupted.
pub fn render_html(
    world: &World,
    engine: &Engine,
    header: &Header,
    records: &[Record],
    lang: Lang,
) -> String {
    let f = facts::gather(world, engine, header, records, false, lang);
    html::write(&build::document(world, &f))
}

/// The report as GitHub-flavoured Markdown.
pub fn render_markdown(
    world: &World,
    engine: &Engine,
    header: &Header,
    records: &[Record],
    lang: Lang,
) -> String {
    let f = facts::gather(world, engine, header, records, false, lang);
    markdown::write(&build::document(world, &f))
}

/// Output formats, chosen from a file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    pub fn from_path(p: &std::path::Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Renders a replayed journal, noting a torn last line if there was one.
pub fn render(r: &Replayed, format: Format, lang: Lang) -> String {
    let f = facts::gather(
        &r.world,
        &r.engine,
        &r.journal.header,
        &r.journal.records,
        r.journal.torn_line.is_some(),
        lang,
    );
    let d = build::document(&r.world, &f);
    match format {
        Format::Html => html::write(&d),
        Format::Markdown => markdown::write(&d),
    }
}
