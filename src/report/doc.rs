//! The report as a document: sections of paragraphs, lists, tables and a
//! chart, built once from the facts (see `build`) and laid out by the HTML
//! and Markdown writers. Text here is plain and unescaped; what a piece of
//! text means (a verdict, a team, a time) is said by its type, and each
//! writer decides how that looks.

use super::facts::Lane;

pub struct Document {
    pub lang_tag: &'static str,
    /// "After-action report" and its subtitle, shown above the title.
    pub kind: &'static str,
    pub subtitle: &'static str,
    /// What goes between `kind` and `subtitle` in running text: Chinese
    /// runs the two phrases together, English needs a space.
    pub joiner: &'static str,
    /// The scenario's title.
    pub title: String,
    /// Warnings before the first section.
    pub preamble: Vec<Block>,
    pub sections: Vec<Section>,
    pub footer: &'static str,
}

pub struct Section {
    /// The anchor, stable across languages.
    pub id: &'static str,
    pub heading: String,
    /// Start a new page when printed.
    pub page_break: bool,
    pub blocks: Vec<Block>,
}

/// How good a judgement is: the colour of a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Mixed,
    Bad,
    Open,
}

pub enum Block {
    /// A notice about the report itself; `loud` for one that changes how
    /// the whole report reads.
    Warning {
        text: &'static str,
        loud: bool,
    },
    Paragraph(Para, String),
    Subheading(String),
    List(ListKind, Vec<Vec<Inline>>),
    Table(Table),
    /// The escalation chart: the SVG where it can be shown inline, and the
    /// same series as a table where it cannot (Markdown on code forges).
    Chart {
        svg: String,
        caption: &'static str,
        table_title: &'static str,
        table: Table,
    },
    /// The outcome reached, with its judgement and when it was reached.
    Outcome {
        tone: Tone,
        title: String,
        word: &'static str,
        when: String,
        text: String,
    },
    /// Questions with room for the answers, plus `blanks` empty ones for
    /// the group's own questions where there is paper to write on.
    Questions {
        items: Vec<String>,
        answer: &'static str,
        blanks: usize,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Para {
    Plain,
    /// The scenario's summary, set apart.
    Lead,
    /// Secondary text: an introduction, a footnote, an empty section.
    Aside,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Numbered,
    /// Time-stamped entries.
    Log,
}

pub struct Table {
    pub kind: TableKind,
    /// Number the rows where the table is printed to be filled in by hand.
    pub numbered: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Label and value pairs; no header row where one is optional.
    Pairs,
    /// The key to the chart's markers; no header row where one is optional.
    Legend,
    /// A table with a header row and, for HTML, a style name.
    Grid(Option<&'static str>),
}

#[derive(Clone)]
pub struct Column {
    pub title: String,
    pub role: Role,
    /// A column per team is coloured like the team's lane.
    pub lane: Option<Lane>,
    /// Long text that HTML prints under the cell of the column with this
    /// index instead of in a column of its own.
    pub under: Option<usize>,
}

impl Column {
    pub fn new(title: impl Into<String>, role: Role) -> Column {
        Column {
            title: title.into(),
            role,
            lane: None,
            under: None,
        }
    }
}

/// What a column's cells hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    /// The row's own heading.
    Label,
    Number,
    /// Exercise time.
    Time,
    /// Wall-clock time, secondary to exercise time.
    Utc,
    Who,
}

pub struct Row {
    pub mark: RowMark,
    pub cells: Vec<Vec<Inline>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RowMark {
    None,
    /// Coloured like the lane it belongs to.
    Lane(Lane),
    /// An empty row to write in.
    Blank,
}

pub enum Inline {
    Text(String),
    /// A team's name leading a cell.
    Team(String),
    /// A time leading a log entry.
    Time(String),
    Badge(Tone, &'static str),
    /// A secondary remark.
    Muted(String),
    /// A numbered marker, as on the chart.
    Marker(usize),
    Break,
    /// When a reply came, flagged when it was late (or never came).
    Reply {
        at: String,
        late: bool,
    },
    /// Judged expectations, one per line.
    Checks(Vec<Check>),
}

pub struct Check {
    pub tone: Tone,
    pub word: &'static str,
    pub text: String,
    pub at: Option<String>,
    /// Detail for the printed report only, such as a weight.
    pub detail: Option<String>,
}

/// A cell of plain text; empty text makes an empty cell, which a writer
/// can leave out.
pub fn text(s: impl Into<String>) -> Vec<Inline> {
    let s = s.into();
    if s.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text(s)]
    }
}
