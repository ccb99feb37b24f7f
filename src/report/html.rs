//! The report as one self-contained HTML file: inline CSS and SVG, no
//! scripts, fonts, images or links that would fetch anything. The markup is
//! also well-formed XML (void elements self-closed, only XML entities), so
//! a plain XML parser can check it.

use std::fmt::Write;

use super::facts::{Facts, Lane, ObjectiveVerdict};
use crate::sim::{ExpStatus, World};

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

pub fn render(w: &World, f: &Facts) -> String {
    let l = f.l;
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{} — {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        l.lang_tag,
        esc(l.title),
        esc(&f.title)
    );
    let _ = writeln!(
        s,
        "<header><p class=\"kicker\">{}{}{}</p><h1>{}</h1></header>",
        esc(l.title),
        // Chinese runs the two phrases together; English needs a space.
        if f.lang == crate::scenario::Lang::Zh {
            ""
        } else {
            " "
        },
        esc(l.subtitle),
        esc(&f.title)
    );
    if f.interrupted {
        let _ = writeln!(s, "<p class=\"warn\">{}</p>", esc(l.interrupted));
    }
    if f.torn {
        let _ = writeln!(s, "<p class=\"warn\">{}</p>", esc(l.torn));
    }
    overview(&mut s, f);
    outcome(&mut s, f);
    objectives(&mut s, f);
    escalation(&mut s, w, f);
    metrics(&mut s, f);
    timeline(&mut s, f);
    traffic(&mut s, f);
    injects(&mut s, f);
    notes(&mut s, f);
    hot_wash(&mut s, f);
    improvement(&mut s, f);
    let _ = write!(
        s,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        esc(l.generated_by)
    );
    s
}

fn section(s: &mut String, id: &str, title: &str, class: &str) {
    let _ = write!(
        s,
        "<section id=\"{id}\" class=\"{class}\">\n<h2>{}</h2>\n",
        esc(title)
    );
}

fn kv(s: &mut String, k: &str, v: &str) {
    let _ = writeln!(s, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
}

fn overview(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "overview", l.overview, "");
    s.push_str("<table class=\"kv\">\n");
    kv(s, l.scenario, &format!("{} ({})", f.title, f.scenario_ref));
    kv(s, l.date, &f.date);
    kv(
        s,
        l.duration,
        &format!("{} ({} {})", f.duration, l.played, f.played),
    );
    let teams: Vec<String> = f
        .teams
        .iter()
        .map(|t| format!("{} — {}", t.name, t.played_by))
        .collect();
    let _ = writeln!(
        s,
        "<tr><th>{}</th><td>{}</td></tr>",
        esc(l.teams),
        teams
            .iter()
            .map(|t| esc(t))
            .collect::<Vec<_>>()
            .join("<br/>")
    );
    kv(s, l.seed, &f.seed.to_string());
    kv(s, l.journal, &format!("{} {}", f.actions, l.actions));
    kv(s, l.hotline_version, &f.hotline);
    s.push_str("</table>\n");
    if !f.summary.is_empty() {
        let _ = writeln!(s, "<p class=\"summary\">{}</p>", esc(&f.summary));
    }
    if !f.exercise_objectives.is_empty() {
        let _ = writeln!(s, "<h3>{}</h3>\n<ol>", esc(l.exercise_objectives));
        for o in &f.exercise_objectives {
            let _ = writeln!(s, "<li>{}</li>", esc(o));
        }
        s.push_str("</ol>\n");
    }
    s.push_str("</section>\n");
}

fn outcome(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "outcome", l.outcome, "");
    match &f.outcome {
        Some(o) => {
            let _ = write!(
                s,
                "<div class=\"outcome {v}\"><p><strong>{}</strong> <span class=\"badge {v}\">{}</span> <span class=\"muted\">{} {}</span></p>\n<p>{}</p></div>\n",
                esc(&o.title),
                esc(o.valence),
                esc(l.reached_at),
                esc(&o.at),
                esc(&o.text),
                v = valence_class(o.valence, l),
            );
        }
        None if f.interrupted => {}
        None => {
            let _ = writeln!(s, "<p>{}</p>", esc(l.no_outcome));
        }
    }
    s.push_str("</section>\n");
}

fn valence_class(v: &str, l: &super::labels::Labels) -> &'static str {
    if v == l.valence_good {
        "good"
    } else if v == l.valence_bad {
        "bad"
    } else {
        "mixed"
    }
}

fn verdict(v: ObjectiveVerdict, l: &super::labels::Labels) -> (&'static str, &'static str) {
    match v {
        ObjectiveVerdict::Met => ("good", l.met),
        ObjectiveVerdict::Partly => ("mixed", l.partly),
        ObjectiveVerdict::Missed => ("bad", l.missed),
        ObjectiveVerdict::Open => ("open", l.open),
        ObjectiveVerdict::NotScored => ("open", l.not_scored),
    }
}

pub fn status_word(st: ExpStatus, l: &super::labels::Labels) -> (&'static str, &'static str) {
    match st {
        ExpStatus::Met => ("good", l.met),
        ExpStatus::Missed => ("bad", l.missed),
        ExpStatus::Idle | ExpStatus::Pending => ("open", l.open),
    }
}

fn objectives(s: &mut String, f: &Facts) {
    let l = f.l;
    if f.objectives.is_empty() {
        return;
    }
    section(s, "objectives", l.objectives, "");
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(l.objective),
        esc(l.criterion),
        esc(l.expectations),
        esc(l.verdict)
    );
    for o in &f.objectives {
        let (class, word) = verdict(o.verdict, l);
        let _ = write!(
            s,
            "<tr><td><span class=\"team\">{}</span> {}</td><td>{}</td><td>",
            esc(&o.team),
            esc(&o.text),
            esc(o.criterion.as_deref().unwrap_or(""))
        );
        if !o.expectations.is_empty() {
            s.push_str("<ul class=\"exps\">");
            for x in &o.expectations {
                let (c, w) = status_word(x.status, l);
                let _ = write!(
                    s,
                    "<li><span class=\"badge {c}\">{}</span> {}",
                    esc(w),
                    esc(&x.text)
                );
                if let Some(at) = &x.at {
                    let _ = write!(s, " <span class=\"muted\">{}</span>", esc(at));
                }
                if x.weight != 1.0 {
                    let _ = write!(
                        s,
                        " <span class=\"muted\">({} {})</span>",
                        esc(l.weight),
                        x.weight
                    );
                }
                s.push_str("</li>");
            }
            s.push_str("</ul>");
        }
        let _ = writeln!(
            s,
            "</td><td><span class=\"badge {class}\">{}</span></td></tr>",
            esc(word)
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn escalation(s: &mut String, w: &World, f: &Facts) {
    let l = f.l;
    section(s, "escalation", l.chart, "");
    let _ = write!(
        s,
        "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
        super::chart::svg(w, f),
        esc(l.chart_caption)
    );
    if !f.key_events.is_empty() {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<table class=\"legend\">\n<tbody>",
            esc(l.key_events)
        );
        for k in &f.key_events {
            let _ = writeln!(
                s,
                "<tr><td class=\"num\"><span class=\"dot\">{}</span></td><td class=\"time\">{}</td><td>{}</td></tr>",
                k.n,
                esc(&k.t),
                esc(&k.what)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</section>\n");
}

fn metrics(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "metrics", l.metrics, "");
    let _ = write!(
        s,
        "<table class=\"metrics\">\n<thead><tr><th>{}</th>",
        esc(l.metric)
    );
    for (i, t) in f.team_names.iter().enumerate() {
        let _ = write!(s, "<th class=\"lane-t{}\">{}</th>", i.min(3), esc(t));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for (label, vals) in &f.metric_rows {
        let _ = write!(s, "<tr><th>{}</th>", esc(label));
        for v in vals {
            let _ = write!(s, "<td>{}</td>", esc(v));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    let _ = writeln!(
        s,
        "<p class=\"muted\">{}: {} / {}</p>",
        esc(l.spoofs),
        f.metrics.spoofs_exposed,
        f.metrics.spoofs_believed
    );
    s.push_str("</section>\n");
}

fn lane_class(lane: Lane) -> String {
    match lane {
        Lane::Team(t) => format!("lane-t{}", t.min(3)),
        Lane::Inject => "lane-inject".into(),
        Lane::Facilitator => "lane-fac".into(),
        Lane::Exercise => "lane-ex".into(),
    }
}

fn timeline(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "timeline", l.timeline, "break");
    let _ = writeln!(
        s,
        "<table class=\"timeline\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(l.time),
        esc(l.utc),
        esc(l.who),
        esc(l.what)
    );
    for r in &f.timeline {
        let _ = writeln!(
            s,
            "<tr class=\"{}\"><td class=\"time\">{}</td><td class=\"time muted\">{}</td><td class=\"who\">{}</td><td>{}</td></tr>",
            lane_class(r.lane),
            esc(&r.t),
            esc(&r.utc),
            esc(&r.who),
            esc(&r.what)
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn traffic(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "traffic", l.traffic, "");
    if f.traffic.is_empty() {
        let _ = writeln!(s, "<p>{}</p>\n</section>", esc(l.no_traffic));
        return;
    }
    let heads = [
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
    s.push_str("<table class=\"traffic\">\n<thead><tr>");
    for h in heads {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in &f.traffic {
        let late = if r.late { " class=\"late\"" } else { "" };
        let _ = write!(
            s,
            "<tr><td class=\"num\">{}</td><td class=\"time\">{}</td><td>{} → {}</td><td>{}",
            r.id,
            esc(&r.sent),
            esc(&r.from),
            esc(&r.to),
            esc(&r.message)
        );
        if !r.content.is_empty() {
            let _ = write!(s, "<div class=\"content\">{}</div>", esc(&r.content));
        }
        let _ = writeln!(
            s,
            "</td><td>{}</td><td>{}</td><td class=\"time\">{}</td><td class=\"time\">{}</td><td class=\"time\">{}</td><td class=\"time\"><span{late}>{}</span></td></tr>",
            esc(&r.channel),
            esc(r.fate),
            esc(&r.arrived),
            esc(&r.read),
            esc(&r.reply_due),
            esc(&r.answered)
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn injects(s: &mut String, f: &Facts) {
    let l = f.l;
    if f.injects.is_empty() {
        return;
    }
    section(s, "injects", l.injects, "");
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(l.inject),
        esc(l.audience),
        esc(l.status)
    );
    for r in &f.injects {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.title),
            esc(&r.audience),
            esc(&r.status)
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn notes(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "notes", l.notes, "");
    if f.notes.is_empty() {
        let _ = writeln!(s, "<p class=\"muted\">{}</p>", esc(l.no_notes));
    } else {
        s.push_str("<ul class=\"notes\">\n");
        for n in &f.notes {
            let _ = writeln!(
                s,
                "<li><span class=\"time\">{}</span> {}</li>",
                esc(&n.t),
                esc(&n.what)
            );
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

fn hot_wash(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "hot-wash", l.hot_wash, "break");
    let _ = writeln!(
        s,
        "<p class=\"muted\">{}</p>\n<ol class=\"questions\">",
        esc(l.hot_wash_intro)
    );
    for q in &f.hot_wash {
        let _ = writeln!(
            s,
            "<li><p>{}</p><div class=\"answer\" aria-label=\"{}\"></div></li>",
            esc(q),
            esc(l.answer)
        );
    }
    // Room for the group's own questions.
    for _ in 0..2 {
        s.push_str("<li><p class=\"blank-q\"></p><div class=\"answer\"></div></li>\n");
    }
    s.push_str("</ol>\n</section>\n");
}

fn improvement(s: &mut String, f: &Facts) {
    let l = f.l;
    section(s, "improvement", l.improvement, "break");
    let _ = writeln!(
        s,
        "<p class=\"muted\">{}</p>\n<table class=\"plan\">\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(l.improvement_intro),
        esc(l.issue),
        esc(l.capability),
        esc(l.corrective_action),
        esc(l.owner),
        esc(l.due)
    );
    let mut n = 0;
    for (issue, objective) in &f.improvements {
        n += 1;
        let _ = writeln!(
            s,
            "<tr><td class=\"num\">{n}</td><td>{} <span class=\"muted\">({})</span></td><td>{}</td><td></td><td></td><td></td></tr>",
            esc(issue),
            esc(l.suggested),
            esc(objective)
        );
    }
    for _ in 0..3 {
        n += 1;
        let _ = writeln!(
            s,
            "<tr class=\"blank\"><td class=\"num\">{n}</td><td></td><td></td><td></td><td></td><td></td></tr>"
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}
