//! The report's document, built once from the facts: every section, its
//! columns and its words are decided here, one place per section, for
//! both writers.

use super::doc::*;
use super::facts::{Facts, ObjectiveVerdict};
use super::labels::{self, Labels};
use crate::scenario::{Lang, Valence};
use crate::sim::{ExpStatus, World};

pub fn document(w: &World, f: &Facts) -> Document {
    let l = f.l;
    // Being cut short changes how the whole report reads; a torn line not.
    let warnings = [
        (f.interrupted, l.interrupted, true),
        (f.torn, l.torn, false),
    ];
    let preamble = warnings.into_iter().filter(|w| w.0);
    let preamble = preamble.map(|(_, text, loud)| Block::Warning { text, loud });
    let sections = [
        Some(overview(f)),
        Some(outcome(f)),
        objectives(f),
        Some(escalation(w, f)),
        Some(metrics(f)),
        Some(timeline(f)),
        Some(traffic(f)),
        injects(f),
        Some(notes(f)),
        Some(hot_wash(f)),
        Some(improvement(f)),
    ];
    Document {
        lang_tag: l.lang_tag,
        kind: l.title,
        subtitle: l.subtitle,
        joiner: if f.lang == Lang::Zh { "" } else { " " },
        title: f.title.clone(),
        preamble: preamble.collect(),
        sections: sections.into_iter().flatten().collect(),
        footer: l.generated_by,
    }
}

fn section(id: &'static str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        id,
        heading: heading.into(),
        page_break: false,
        blocks,
    }
}

/// A section that starts a new printed page.
fn paged(id: &'static str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        page_break: true,
        ..section(id, heading, blocks)
    }
}

/// A table with a header row; `None` for no style name.
fn grid(style: Option<&'static str>, columns: Vec<Column>, rows: Vec<Row>) -> Table {
    Table {
        kind: TableKind::Grid(style),
        numbered: false,
        columns,
        rows,
    }
}

/// Columns with these titles; `roles` for the first ones, the rest text.
fn columns(titles: &[&str], roles: &[Role]) -> Vec<Column> {
    let role = |i| roles.get(i).copied().unwrap_or(Role::Text);
    let cols = titles.iter().enumerate();
    cols.map(|(i, t)| Column::new(*t, role(i))).collect()
}

fn row(cells: Vec<Vec<Inline>>) -> Row {
    Row {
        mark: RowMark::None,
        cells,
    }
}

pub(super) fn verdict(v: ObjectiveVerdict, l: &Labels) -> (Tone, &'static str) {
    match v {
        ObjectiveVerdict::Met => (Tone::Good, l.met),
        ObjectiveVerdict::Partly => (Tone::Mixed, l.partly),
        ObjectiveVerdict::Missed => (Tone::Bad, l.missed),
        ObjectiveVerdict::Open => (Tone::Open, l.open),
        ObjectiveVerdict::NotScored => (Tone::Open, l.not_scored),
    }
}

pub(super) fn status(st: ExpStatus, l: &Labels) -> (Tone, &'static str) {
    match st {
        ExpStatus::Met => (Tone::Good, l.met),
        ExpStatus::Missed => (Tone::Bad, l.missed),
        ExpStatus::Idle | ExpStatus::Pending => (Tone::Open, l.open),
    }
}

pub(super) fn valence(v: Valence, l: &Labels) -> (Tone, &'static str) {
    let tone = match v {
        Valence::Good => Tone::Good,
        Valence::Mixed => Tone::Mixed,
        Valence::Bad => Tone::Bad,
    };
    (tone, labels::valence(l, v))
}

fn overview(f: &Facts) -> Section {
    let l = f.l;
    let mut teams = Vec::new();
    for (i, t) in f.teams.iter().enumerate() {
        if i > 0 {
            teams.push(Inline::Break);
        }
        teams.push(Inline::Text(format!("{} — {}", t.name, t.played_by)));
    }
    let scenario = format!("{} ({})", f.title, f.scenario_ref);
    let duration = format!("{} ({} {})", f.duration, l.played, f.played);
    let pairs = [
        (l.scenario, text(scenario)),
        (l.date, text(&f.date)),
        (l.duration, text(duration)),
        (l.teams, teams),
        (l.seed, text(f.seed.to_string())),
        (l.journal, text(format!("{} {}", f.actions, l.actions))),
        (l.hotline_version, text(&f.hotline)),
    ];
    let mut blocks = vec![Block::Table(Table {
        kind: TableKind::Pairs,
        numbered: false,
        columns: columns(&["", ""], &[Role::Label]),
        rows: pairs
            .into_iter()
            .map(|(k, v)| row(vec![text(k), v]))
            .collect(),
    })];
    if !f.summary.is_empty() {
        blocks.push(Block::Paragraph(Para::Lead, f.summary.clone()));
    }
    if !f.exercise_objectives.is_empty() {
        blocks.push(Block::Subheading(l.exercise_objectives.into()));
        let items = f.exercise_objectives.iter().map(text).collect();
        blocks.push(Block::List(ListKind::Numbered, items));
    }
    section("overview", l.overview, blocks)
}

fn outcome(f: &Facts) -> Section {
    let l = f.l;
    let blocks = match &f.outcome {
        Some(o) => {
            let (tone, word) = valence(o.valence, l);
            vec![Block::Outcome {
                tone,
                title: o.title.clone(),
                word,
                when: format!("{} {}", l.reached_at, o.at),
                text: o.text.clone(),
            }]
        }
        // The warning above says why there is none.
        None if f.interrupted => vec![],
        None => vec![Block::Paragraph(Para::Plain, l.no_outcome.into())],
    };
    // The debrief reveals what the teams could only infer.
    let truth = f.truth.iter().map(|(name, text)| {
        let sep = if f.lang == Lang::Zh { "" } else { " " };
        let text = if text.is_empty() {
            String::new()
        } else {
            format!("{sep}{text}")
        };
        Block::Paragraph(Para::Plain, format!("{}{sep}{name}.{text}", l.truth))
    });
    let blocks = blocks.into_iter().chain(truth).collect();
    section("outcome", l.outcome, blocks)
}

fn objectives(f: &Facts) -> Option<Section> {
    let l = f.l;
    if f.objectives.is_empty() {
        return None;
    }
    let rows = f.objectives.iter().map(|o| {
        let checks = o
            .expectations
            .iter()
            .map(|x| {
                let (tone, word) = status(x.status, l);
                Check {
                    tone,
                    word,
                    text: x.text.clone(),
                    at: x.at.clone(),
                    detail: (x.weight != 1.0).then(|| format!("({} {})", l.weight, x.weight)),
                }
            })
            .collect();
        let (tone, word) = verdict(o.verdict, l);
        row(vec![
            vec![
                Inline::Team(o.team.clone()),
                Inline::Text(format!(" {}", o.text)),
            ],
            text(o.criterion.clone().unwrap_or_default()),
            vec![Inline::Checks(checks)],
            vec![Inline::Badge(tone, word)],
        ])
    });
    let cols = [l.objective, l.criterion, l.expectations, l.verdict];
    let table = grid(None, columns(&cols, &[]), rows.collect());
    Some(section(
        "objectives",
        l.objectives,
        vec![Block::Table(table)],
    ))
}

fn escalation(w: &World, f: &Facts) -> Section {
    let l = f.l;
    let tension = grid(
        None,
        columns(&[l.time, l.value, l.rung, l.cause], &[]),
        f.tension_rows
            .iter()
            .map(|r| row(r.iter().map(text).collect()))
            .collect(),
    );
    let mut blocks = vec![Block::Chart {
        svg: super::chart::svg(w, f),
        caption: l.chart_caption,
        table_title: l.chart_table,
        table: tension,
    }];
    if !f.key_events.is_empty() {
        blocks.push(Block::Subheading(l.key_events.into()));
        blocks.push(Block::Table(Table {
            kind: TableKind::Legend,
            numbered: false,
            columns: columns(&["#", l.time, l.what], &[Role::Number, Role::Time]),
            rows: f
                .key_events
                .iter()
                .map(|k| row(vec![vec![Inline::Marker(k.n)], text(&k.t), text(&k.what)]))
                .collect(),
        }));
    }
    section("escalation", l.chart, blocks)
}

fn metrics(f: &Facts) -> Section {
    let l = f.l;
    let mut cols = vec![Column::new(l.metric, Role::Label)];
    cols.extend(f.team_names.iter().enumerate().map(|(i, t)| Column {
        lane: Some(super::facts::Lane::Team(i)),
        ..Column::new(t, Role::Text)
    }));
    let rows = f.metric_rows.iter().map(|(label, vals)| {
        row(std::iter::once(text(*label))
            .chain(vals.iter().map(text))
            .collect())
    });
    let spoofs = format!(
        "{}: {} / {}",
        l.spoofs, f.metrics.spoofs_exposed, f.metrics.spoofs_believed
    );
    let blocks = vec![
        Block::Table(grid(Some("metrics"), cols, rows.collect())),
        Block::Paragraph(Para::Aside, spoofs),
    ];
    section("metrics", l.metrics, blocks)
}

fn timeline(f: &Facts) -> Section {
    let l = f.l;
    let cols = [l.time, l.utc, l.who, l.what];
    let cols = columns(&cols, &[Role::Time, Role::Utc, Role::Who]);
    let table = |lines: &[&super::facts::Line]| {
        let rows = lines.iter().map(|r| Row {
            mark: RowMark::Lane(r.lane),
            cells: vec![text(&r.t), text(&r.utc), text(&r.who), text(&r.what)],
        });
        Block::Table(grid(Some("timeline"), cols.clone(), rows.collect()))
    };
    let all: Vec<&super::facts::Line> = f.timeline.iter().collect();
    if f.modules.is_empty() {
        return paged("timeline", l.timeline, vec![table(&all)]);
    }
    // Grouped by module, each followed by its discussion questions, as
    // the room worked through them.
    let mut blocks = Vec::new();
    for m in &f.modules {
        let lines: Vec<_> = (all.iter().copied())
            // A module's end (and what happened at that minute) closes it.
            .filter(|r| (r.min > m.from || m.from == 0) && r.min <= m.until)
            .collect();
        blocks.push(Block::Subheading(m.heading.clone()));
        blocks.push(table(&lines));
        if !m.questions.is_empty() {
            blocks.push(Block::Paragraph(Para::Aside, l.module_questions.into()));
            blocks.push(Block::Questions {
                items: m.questions.clone(),
                answer: l.answer,
                blanks: 0,
            });
        }
    }
    let last = f.modules.last().map_or(0, |m| m.until);
    let after: Vec<_> = all.iter().copied().filter(|r| r.min > last).collect();
    if !after.is_empty() {
        blocks.push(Block::Subheading(l.after_modules.into()));
        blocks.push(table(&after));
    }
    paged("timeline", l.timeline, blocks)
}

fn traffic(f: &Facts) -> Section {
    let l = f.l;
    if f.traffic.is_empty() {
        let none = Block::Paragraph(Para::Plain, l.no_traffic.into());
        return section("traffic", l.traffic, vec![none]);
    }
    let titles = [
        "#",
        l.sent,
        l.from_to,
        l.message,
        l.channel,
        l.fate,
        l.arrived,
        l.read,
        l.reply_due,
        l.answered,
    ];
    use Role::{Number as N, Text as X, Time as T};
    let mut cols = columns(&titles, &[N, T, X, X, X, X, T, T, T, T]);
    // The content goes under the message type where there is room.
    cols.push(Column {
        under: Some(3),
        ..Column::new(l.content, Role::Text)
    });
    let rows = f.traffic.iter().map(|r| {
        row(vec![
            text(r.id.to_string()),
            text(&r.sent),
            text(format!("{} → {}", r.from, r.to)),
            text(&r.message),
            text(&r.channel),
            text(r.fate),
            text(&r.arrived),
            text(&r.read),
            text(&r.reply_due),
            vec![Inline::Reply {
                at: r.answered.clone(),
                late: r.late,
            }],
            text(&r.content),
        ])
    });
    let table = grid(Some("traffic"), cols, rows.collect());
    section("traffic", l.traffic, vec![Block::Table(table)])
}

fn injects(f: &Facts) -> Option<Section> {
    let l = f.l;
    if f.injects.is_empty() {
        return None;
    }
    let cols = columns(&[l.inject, l.audience, l.status], &[]);
    let rows = f.injects.iter().map(|r| {
        let cells = vec![text(&r.title), text(&r.audience), text(&r.status)];
        row(cells)
    });
    let table = grid(None, cols, rows.collect());
    Some(section("injects", l.injects, vec![Block::Table(table)]))
}

fn notes(f: &Facts) -> Section {
    let l = f.l;
    let block = if f.notes.is_empty() {
        Block::Paragraph(Para::Aside, l.no_notes.into())
    } else {
        let items = f.notes.iter().map(|n| {
            vec![
                Inline::Time(n.t.clone()),
                Inline::Text(format!(" {}", n.what)),
            ]
        });
        Block::List(ListKind::Log, items.collect())
    };
    section("notes", l.notes, vec![block])
}

fn hot_wash(f: &Facts) -> Section {
    let l = f.l;
    let blocks = vec![
        Block::Paragraph(Para::Aside, l.hot_wash_intro.into()),
        Block::Questions {
            items: f.hot_wash.clone(),
            answer: l.answer,
            // Room for the group's own questions.
            blanks: 2,
        },
    ];
    paged("hot-wash", l.hot_wash, blocks)
}

fn improvement(f: &Facts) -> Section {
    let l = f.l;
    let suggested = f.improvements.iter().map(|(issue, objective)| {
        let issue = vec![
            Inline::Text(format!("{issue} ")),
            Inline::Muted(format!("({})", l.suggested)),
        ];
        row(vec![issue, text(objective), vec![], vec![], vec![]])
    });
    // Rows to fill in by hand.
    let blank = (0..3).map(|_| Row {
        mark: RowMark::Blank,
        cells: (0..5).map(|_| Vec::new()).collect(),
    });
    let cols = [l.issue, l.capability, l.corrective_action, l.owner, l.due];
    let table = Table {
        numbered: true,
        ..grid(
            Some("plan"),
            columns(&cols, &[]),
            suggested.chain(blank).collect(),
        )
    };
    let blocks = vec![
        Block::Paragraph(Para::Aside, l.improvement_intro.into()),
        Block::Table(table),
    ];
    paged("improvement", l.improvement, blocks)
}
