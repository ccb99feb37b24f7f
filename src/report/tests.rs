//! The document model and its two writers, on small hand-built documents.

use super::doc::*;
use super::facts::{Lane, ObjectiveVerdict};
use super::{build, html, labels, markdown};
use crate::scenario::{Lang, Valence};
use crate::sim::ExpStatus;

fn document(blocks: Vec<Block>) -> Document {
    Document {
        lang_tag: "en",
        kind: "Report",
        subtitle: "and plan",
        joiner: " ",
        title: "Drill".into(),
        preamble: Vec::new(),
        sections: vec![Section {
            id: "s",
            heading: "Section".into(),
            page_break: false,
            blocks,
        }],
        footer: "end",
    }
}

fn one_table(columns: Vec<Column>, rows: Vec<Row>) -> Document {
    document(vec![Block::Table(Table {
        kind: TableKind::Grid(None),
        numbered: false,
        columns,
        rows,
    })])
}

fn plain_row(cells: Vec<Vec<Inline>>) -> Row {
    Row {
        mark: RowMark::None,
        cells,
    }
}

#[test]
fn a_verdict_cell_is_a_coloured_badge_in_html_and_a_bold_word_in_markdown() {
    let d = one_table(
        vec![Column::new("Verdict", Role::Text)],
        vec![plain_row(vec![vec![Inline::Badge(Tone::Bad, "missed")]])],
    );
    assert!(html::write(&d).contains("<td><span class=\"badge bad\">missed</span></td>"));
    assert!(markdown::write(&d).contains("| **missed** |"));
}

#[test]
fn tones_come_from_the_judgement_not_from_its_translated_word() {
    for lang in [Lang::En, Lang::Zh] {
        let l = labels::labels(lang);
        assert_eq!(build::verdict(ObjectiveVerdict::Partly, l).0, Tone::Mixed);
        assert_eq!(build::verdict(ObjectiveVerdict::NotScored, l).0, Tone::Open);
        assert_eq!(build::status(ExpStatus::Missed, l).0, Tone::Bad);
        assert_eq!(
            build::valence(Valence::Good, l),
            (Tone::Good, l.valence_good)
        );
        assert_eq!(build::valence(Valence::Bad, l), (Tone::Bad, l.valence_bad));
    }
}

const HOSTILE: &str = "<script>alert('x')</script> | *b* & \"q\"";

#[test]
fn hostile_text_is_escaped_by_both_writers_wherever_it_goes() {
    let check = Check {
        tone: Tone::Good,
        word: "met",
        text: HOSTILE.into(),
        at: Some(HOSTILE.into()),
        detail: None,
    };
    let mut d = one_table(
        vec![
            Column::new(HOSTILE, Role::Label),
            Column::new("b", Role::Text),
        ],
        vec![plain_row(vec![
            text(HOSTILE),
            vec![Inline::Team(HOSTILE.into()), Inline::Checks(vec![check])],
        ])],
    );
    d.title = HOSTILE.into();
    d.sections[0].heading = HOSTILE.into();
    d.sections[0].blocks.extend([
        Block::Paragraph(Para::Aside, HOSTILE.into()),
        Block::List(ListKind::Log, vec![vec![Inline::Time(HOSTILE.into())]]),
        Block::Questions {
            items: vec![HOSTILE.into()],
            answer: "A",
            blanks: 0,
        },
    ]);
    let h = html::write(&d);
    assert!(!h.contains("<script"));
    assert!(!h.contains("\"q\""), "quotes would end an attribute");
    assert_eq!(
        h.matches("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | *b* &amp; &quot;q&quot;")
            .count(),
        // The <title>, the <h1>, the heading, the column, the label cell,
        // the team, the check and its time, the paragraph, the log entry
        // and the question.
        11
    );
    let m = markdown::write(&d);
    assert!(!m.contains("<script"));
    let escaped = "&lt;script&gt;alert('x')&lt;/script&gt; \\| \\*b\\* &amp; \"q\"";
    // As above, less the <title>.
    assert_eq!(m.matches(escaped).count(), 10, "{m}");
}

#[test]
fn a_detail_column_sits_under_its_cell_in_html_and_in_its_own_column_in_markdown() {
    let d = one_table(
        vec![
            Column::new("Message", Role::Text),
            Column::new("Answered", Role::Time),
            Column {
                under: Some(0),
                ..Column::new("Content", Role::Text)
            },
        ],
        vec![
            plain_row(vec![text("Warning"), text("+1 h"), text("body")]),
            plain_row(vec![text("Ack"), text("+2 h"), text("")]),
        ],
    );
    let h = html::write(&d);
    assert!(h.contains("<thead><tr><th>Message</th><th>Answered</th></tr></thead>"));
    assert!(h.contains(
        "<tr><td>Warning<div class=\"content\">body</div></td><td class=\"time\">+1 h</td></tr>"
    ));
    // No empty box under a message without content.
    assert!(h.contains("<tr><td>Ack</td><td class=\"time\">+2 h</td></tr>"));
    let m = markdown::write(&d);
    assert!(m.contains("| Message | Answered | Content |\n| --- | --- | --- |\n"));
    assert!(m.contains("| Warning | +1 h | body |\n| Ack | +2 h |  |\n"));
}

#[test]
fn rows_are_numbered_and_marked_blank_only_on_paper() {
    let mut d = one_table(
        vec![Column::new("Issue", Role::Text)],
        vec![
            plain_row(vec![text("late ack")]),
            Row {
                mark: RowMark::Blank,
                cells: vec![vec![]],
            },
        ],
    );
    if let Block::Table(t) = &mut d.sections[0].blocks[0] {
        t.numbered = true;
    }
    let h = html::write(&d);
    assert!(h.contains("<th>#</th><th>Issue</th>"));
    assert!(h.contains("<tr><td class=\"num\">1</td><td>late ack</td></tr>"));
    assert!(h.contains("<tr class=\"blank\"><td class=\"num\">2</td><td></td></tr>"));
    let m = markdown::write(&d);
    assert!(m.contains("| Issue |\n| --- |\n| late ack |\n|  |\n"));
}

#[test]
fn lanes_colour_rows_and_team_columns_in_html_and_vanish_in_markdown() {
    let d = one_table(
        vec![
            Column::new("Who", Role::Who),
            Column {
                lane: Some(Lane::Team(7)),
                ..Column::new("Team", Role::Text)
            },
        ],
        vec![Row {
            mark: RowMark::Lane(Lane::Inject),
            cells: vec![text("Inject"), text("x")],
        }],
    );
    let h = html::write(&d);
    // Teams beyond the fourth share the last lane colour.
    assert!(h.contains("<th class=\"lane-t3\">Team</th>"));
    assert!(h.contains("<tr class=\"lane-inject\"><td class=\"who\">Inject</td><td>x</td></tr>"));
    assert!(markdown::write(&d).contains("| Who | Team |\n| --- | --- |\n| Inject | x |\n"));
}

#[test]
fn sections_are_numbered_in_markdown_and_anchored_and_paged_in_html() {
    let mut d = document(vec![Block::Paragraph(Para::Plain, "one".into())]);
    d.sections.push(Section {
        id: "hot-wash",
        heading: "Hot wash".into(),
        page_break: true,
        blocks: vec![],
    });
    let h = html::write(&d);
    assert!(h.contains("<section id=\"s\" class=\"\">\n<h2>Section</h2>\n<p>one</p>\n</section>"));
    assert!(h.contains("<section id=\"hot-wash\" class=\"break\">"));
    let m = markdown::write(&d);
    assert!(m.contains("## 1. Section\n\none\n\n## 2. Hot wash\n\n"));
}

#[test]
fn a_loud_warning_is_bold_in_markdown_and_both_warn_in_html() {
    let mut d = document(vec![]);
    d.preamble = vec![
        Block::Warning {
            text: "interrupted",
            loud: true,
        },
        Block::Warning {
            text: "torn",
            loud: false,
        },
    ];
    let h = html::write(&d);
    assert!(h.contains("<p class=\"warn\">interrupted</p>\n<p class=\"warn\">torn</p>\n"));
    let m = markdown::write(&d);
    assert!(m.contains("> **interrupted**\n\n> torn\n\n"));
}
