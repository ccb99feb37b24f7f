//! The report as GitHub-flavoured Markdown. Code forges do not render
//! inline SVG from Markdown, so the escalation chart becomes a table of
//! tension changes plus the key-event list.

use std::fmt::Write;

use super::facts::{Facts, ObjectiveVerdict};
use crate::sim::ExpStatus;

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

fn row(s: &mut String, cells: &[String]) {
    let _ = writeln!(s, "| {} |", cells.join(" | "));
}

fn table(s: &mut String, heads: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    row(s, &heads.iter().map(|h| md(h)).collect::<Vec<_>>());
    row(
        s,
        &heads.iter().map(|_| "---".to_string()).collect::<Vec<_>>(),
    );
    for r in rows {
        row(s, &r);
    }
    s.push('\n');
}

fn verdict_word(v: ObjectiveVerdict, l: &super::labels::Labels) -> &'static str {
    match v {
        ObjectiveVerdict::Met => l.met,
        ObjectiveVerdict::Partly => l.partly,
        ObjectiveVerdict::Missed => l.missed,
        ObjectiveVerdict::Open => l.open,
        ObjectiveVerdict::NotScored => l.not_scored,
    }
}

fn status_word(st: ExpStatus, l: &super::labels::Labels) -> &'static str {
    match st {
        ExpStatus::Met => l.met,
        ExpStatus::Missed => l.missed,
        _ => l.open,
    }
}

pub fn render(f: &Facts) -> String {
    let l = f.l;
    let mut s = String::with_capacity(32 * 1024);
    let _ = writeln!(s, "# {}: {}\n", md(l.title), md(&f.title));
    let _ = writeln!(s, "*{} {}*\n", md(l.title), md(l.subtitle));
    if f.interrupted {
        let _ = writeln!(s, "> **{}**\n", md(l.interrupted));
    }
    if f.torn {
        let _ = writeln!(s, "> {}\n", md(l.torn));
    }

    let mut sec = 0;
    let mut h2 = |s: &mut String, title: &str| {
        sec += 1;
        let _ = writeln!(s, "## {sec}. {}\n", md(title));
    };

    h2(&mut s, l.overview);
    let teams: Vec<String> = f
        .teams
        .iter()
        .map(|t| format!("{} — {}", md(&t.name), md(&t.played_by)))
        .collect();
    table(
        &mut s,
        &["", ""],
        [
            vec![
                md(l.scenario),
                format!("{} ({})", md(&f.title), md(&f.scenario_ref)),
            ],
            vec![md(l.date), md(&f.date)],
            vec![
                md(l.duration),
                md(&format!("{} ({} {})", f.duration, l.played, f.played)),
            ],
            vec![md(l.teams), teams.join("<br>")],
            vec![md(l.seed), f.seed.to_string()],
            vec![md(l.journal), md(&format!("{} {}", f.actions, l.actions))],
            vec![md(l.hotline_version), md(&f.hotline)],
        ],
    );
    if !f.summary.is_empty() {
        let _ = writeln!(s, "{}\n", md(&f.summary));
    }
    if !f.exercise_objectives.is_empty() {
        let _ = writeln!(s, "### {}\n", md(l.exercise_objectives));
        for (i, o) in f.exercise_objectives.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", i + 1, md(o));
        }
        s.push('\n');
    }

    h2(&mut s, l.outcome);
    match &f.outcome {
        Some(o) => {
            let _ = writeln!(
                s,
                "**{}** ({}; {} {})\n\n{}\n",
                md(&o.title),
                md(o.valence),
                md(l.reached_at),
                md(&o.at),
                md(&o.text)
            );
        }
        None if f.interrupted => {}
        None => {
            let _ = writeln!(s, "{}\n", md(l.no_outcome));
        }
    }

    if !f.objectives.is_empty() {
        h2(&mut s, l.objectives);
        let rows = f.objectives.iter().map(|o| {
            let exps: Vec<String> = o
                .expectations
                .iter()
                .map(|x| {
                    let at = x.at.as_deref().map(|a| format!(" ({})", md(a)));
                    format!(
                        "**{}**: {}{}",
                        md(status_word(x.status, l)),
                        md(&x.text),
                        at.unwrap_or_default()
                    )
                })
                .collect();
            vec![
                format!("**{}** {}", md(&o.team), md(&o.text)),
                md(o.criterion.as_deref().unwrap_or("")),
                exps.join("<br>"),
                format!("**{}**", md(verdict_word(o.verdict, l))),
            ]
        });
        table(
            &mut s,
            &[l.objective, l.criterion, l.expectations, l.verdict],
            rows,
        );
    }

    h2(&mut s, l.chart);
    let _ = writeln!(s, "### {}\n", md(l.chart_table));
    table(
        &mut s,
        &[l.time, l.value, l.rung, l.cause],
        f.tension_rows
            .iter()
            .map(|r| r.iter().map(|c| md(c)).collect()),
    );
    if !f.key_events.is_empty() {
        let _ = writeln!(s, "### {}\n", md(l.key_events));
        table(
            &mut s,
            &["#", l.time, l.what],
            f.key_events
                .iter()
                .map(|k| vec![k.n.to_string(), md(&k.t), md(&k.what)]),
        );
    }

    h2(&mut s, l.metrics);
    let mut heads = vec![l.metric];
    heads.extend(f.team_names.iter().map(|t| t.as_str()));
    table(
        &mut s,
        &heads,
        f.metric_rows.iter().map(|(label, vals)| {
            std::iter::once(md(label))
                .chain(vals.iter().map(|v| md(v)))
                .collect()
        }),
    );
    let _ = writeln!(
        s,
        "{}: {} / {}\n",
        md(l.spoofs),
        f.metrics.spoofs_exposed,
        f.metrics.spoofs_believed
    );

    h2(&mut s, l.timeline);
    table(
        &mut s,
        &[l.time, l.utc, l.who, l.what],
        f.timeline
            .iter()
            .map(|r| vec![md(&r.t), md(&r.utc), md(&r.who), md(&r.what)]),
    );

    h2(&mut s, l.traffic);
    if f.traffic.is_empty() {
        let _ = writeln!(s, "{}\n", md(l.no_traffic));
    } else {
        table(
            &mut s,
            &[
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
                l.content,
            ],
            f.traffic.iter().map(|r| {
                let answered = if r.late && !r.answered.is_empty() {
                    format!("**{}**", md(&r.answered))
                } else {
                    md(&r.answered)
                };
                vec![
                    r.id.to_string(),
                    md(&r.sent),
                    format!("{} → {}", md(&r.from), md(&r.to)),
                    md(&r.message),
                    md(&r.channel),
                    md(r.fate),
                    md(&r.arrived),
                    md(&r.read),
                    md(&r.reply_due),
                    answered,
                    md(&r.content),
                ]
            }),
        );
    }

    if !f.injects.is_empty() {
        h2(&mut s, l.injects);
        table(
            &mut s,
            &[l.inject, l.audience, l.status],
            f.injects
                .iter()
                .map(|r| vec![md(&r.title), md(&r.audience), md(&r.status)]),
        );
    }

    h2(&mut s, l.notes);
    if f.notes.is_empty() {
        let _ = writeln!(s, "{}\n", md(l.no_notes));
    } else {
        for n in &f.notes {
            let _ = writeln!(s, "- **{}** {}", md(&n.t), md(&n.what));
        }
        s.push('\n');
    }

    h2(&mut s, l.hot_wash);
    let _ = writeln!(s, "{}\n", md(l.hot_wash_intro));
    for (i, q) in f.hot_wash.iter().enumerate() {
        let _ = writeln!(s, "{}. {}\n\n   > {}: \n", i + 1, md(q), md(l.answer));
    }

    h2(&mut s, l.improvement);
    let _ = writeln!(s, "{}\n", md(l.improvement_intro));
    let suggested = f.improvements.iter().map(|(issue, obj)| {
        vec![
            format!("{} *({})*", md(issue), md(l.suggested)),
            md(obj),
            String::new(),
            String::new(),
            String::new(),
        ]
    });
    let blank = (0..3).map(|_| vec![String::new(); 5]);
    table(
        &mut s,
        &[l.issue, l.capability, l.corrective_action, l.owner, l.due],
        suggested.chain(blank),
    );
    let _ = writeln!(s, "---\n\n*{}*", md(l.generated_by));
    s
}
