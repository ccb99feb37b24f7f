//! The debrief: outcome, per-team figures, hot wash questions, and the
//! export buttons. The timeline beside it replays the exercise.

use bevy_egui::egui::{self, RichText};
use std::path::Path;

use super::UiAction;
use super::i18n::tr;
use crate::scenario::{Lang, Valence};
use crate::sim::metrics::metrics;
use crate::sim::{Engine, Viewer};

/// One row of the per-team table, formatted from the shared metrics so the
/// debrief and the after-action report never disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub name: String,
    pub messages: u32,
    pub median_reply: String,
    /// "on time / owed a reply (so far)".
    pub acks_on_time: String,
    /// "met / judged".
    pub expectations_met: String,
    pub peak_rung: String,
    pub norms_broken: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DebriefVm {
    pub lang: Lang,
    pub ended: bool,
    pub outcome: Option<(String, String, Valence)>,
    /// What really happened (name, text): revealed at the end, or to the
    /// facilitator at any time.
    pub truth: Option<(String, String)>,
    pub peak_rung: String,
    pub teams: Vec<TeamRow>,
    pub spoofs_exposed: u32,
    pub spoofs_believed: u32,
    pub hot_wash: Vec<String>,
    pub notes: Vec<String>,
    pub journal: Option<String>,
    /// The report just exported, to open it or its folder.
    pub exported: Option<std::path::PathBuf>,
    /// A team or the projector looking before the end: the figures, the
    /// hot wash and the report draw on what only the facilitator may see
    /// yet, so they wait for the end.
    pub withheld: bool,
}

impl DebriefVm {
    /// `viewer` decides what private content shows: the facilitator's notes
    /// stay off a projector or a student's interim debrief.
    pub fn build(e: &Engine, viewer: Viewer, lang: Lang, journal: Option<&Path>) -> DebriefVm {
        let w = e.world();
        let s = &w.scenario;
        let st = e.state();
        let m = metrics(e);
        let rung_name = |r: usize| s.ladder.rungs.get(r).map_or("", |r| r.name.get(lang));
        let teams = m
            .teams
            .iter()
            .map(|t| TeamRow {
                name: s.teams[t.team].name.get(lang).to_string(),
                messages: t.messages_sent,
                median_reply: t.median_reply.map_or("–".into(), |r| {
                    crate::sim::describe::duration_words(r, lang)
                }),
                acks_on_time: format!("{} / {}", t.acks_on_time, t.acks_on_time + t.acks_late),
                expectations_met: format!(
                    "{} / {}",
                    t.expectations_met,
                    t.expectations_met + t.expectations_missed
                ),
                peak_rung: t.peak_rung.map_or("–".into(), |r| rung_name(r).to_string()),
                norms_broken: t.norms_broken,
            })
            .collect();
        let notes = e
            .view(viewer)
            .filter_map(|ev| match ev.kind.action() {
                Some(crate::sim::Action::Note(n)) => Some(format!(
                    "{} {n}",
                    crate::sim::describe::elapsed_words(ev.t, lang)
                )),
                _ => None,
            })
            .collect();
        DebriefVm {
            lang,
            ended: m.ended,
            outcome: st.outcome.map(|o| {
                let o = &s.outcomes[o];
                (
                    o.title.get(lang).to_string(),
                    o.text.get(lang).to_string(),
                    o.valence,
                )
            }),
            truth: st
                .truth
                .filter(|_| m.ended || viewer == Viewer::Facilitator)
                .map(|t| {
                    let t = &s.truths[t];
                    (t.name.get(lang).to_string(), t.text.get(lang).to_string())
                }),
            peak_rung: rung_name(m.peak_rung).to_string(),
            teams,
            spoofs_exposed: m.spoofs_exposed,
            spoofs_believed: m.spoofs_believed,
            hot_wash: crate::sim::debrief::hot_wash(w, st, lang),
            notes,
            journal: journal.map(|p| p.display().to_string()),
            exported: None,
            withheld: !m.ended && viewer != Viewer::Facilitator,
        }
    }
}

pub fn debrief_panel(ui: &mut egui::Ui, vm: &DebriefVm) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    ui.heading(tr(lang, "Debrief", "复盘"));
    if vm.withheld {
        ui.label(tr(
            lang,
            "The debrief opens when the exercise ends: until then it would show what only the facilitator may see.",
            "复盘在演练结束后开放：在此之前，它会显示仅导演可见的内容。",
        ));
        return out;
    }
    match &vm.outcome {
        Some((title, text, v)) => {
            let col = super::theme::valence(*v);
            ui.label(RichText::new(title).size(20.0).color(col).strong());
            ui.label(text);
        }
        None if vm.ended => {
            ui.label(tr(lang, "Ended with no outcome.", "演练结束，无结局。"));
        }
        None => {
            ui.label(tr(
                lang,
                "The exercise is still running: this is an interim debrief.",
                "演练仍在进行：以下为中期复盘。",
            ));
        }
    }
    if let Some((name, text)) = &vm.truth {
        ui.label(
            RichText::new(format!(
                "{} {name}",
                tr(lang, "What really happened:", "真实情况：")
            ))
            .strong(),
        );
        if !text.is_empty() {
            ui.label(text);
        }
    }
    ui.label(format!(
        "{} {}",
        tr(lang, "Highest rung reached:", "达到的最高阶梯："),
        vm.peak_rung
    ));
    ui.label(format!(
        "{} {} · {} {}",
        tr(lang, "Spoofs exposed:", "识破伪造："),
        vm.spoofs_exposed,
        tr(lang, "believed:", "被误信："),
        vm.spoofs_believed
    ));
    ui.add_space(6.0);
    egui::Grid::new("tallies")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for (h, tip) in [
                (tr(lang, "Team", "参演方"), ""),
                (
                    tr(lang, "Messages", "消息"),
                    tr(
                        lang,
                        "sent, spoofs in its name excluded",
                        "发出的消息，不含冒名伪造",
                    ),
                ),
                (
                    tr(lang, "Median reply", "答复中位时间"),
                    tr(lang, "from arrival to reply", "从送达到答复"),
                ),
                (
                    tr(lang, "Replies on time", "按时答复"),
                    tr(lang, "on time / owed a reply", "按时 / 应答复"),
                ),
                (
                    tr(lang, "Expectations met", "达成预期"),
                    tr(lang, "met / judged", "达成 / 已判定"),
                ),
                (
                    tr(lang, "Peak rung", "最高阶梯"),
                    tr(
                        lang,
                        "highest rung reached while this team's messages were raising tension",
                        "本方消息推高紧张度期间达到的最高阶梯",
                    ),
                ),
                (tr(lang, "Norms broken", "违反规范"), ""),
            ] {
                let r = ui.strong(h);
                if !tip.is_empty() {
                    r.on_hover_text(tip);
                }
            }
            ui.end_row();
            for t in &vm.teams {
                ui.label(&t.name);
                ui.label(t.messages.to_string());
                ui.label(&t.median_reply);
                ui.label(&t.acks_on_time);
                ui.label(&t.expectations_met);
                ui.label(&t.peak_rung);
                ui.label(t.norms_broken.to_string());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.strong(tr(lang, "Hot wash questions", "即时复盘问题"));
    for (i, q) in vm.hot_wash.iter().enumerate() {
        ui.label(format!("{}. {q}", i + 1));
    }
    if !vm.notes.is_empty() {
        ui.strong(tr(lang, "Facilitator notes", "导演笔记"));
        for n in &vm.notes {
            ui.label(n);
        }
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                vm.journal.is_some(),
                egui::Button::new(tr(lang, "Export journal", "导出日志")),
            )
            .clicked()
        {
            out.push(UiAction::ExportJournal);
        }
        if ui
            .button(tr(lang, "Export report", "导出报告"))
            .on_hover_text(tr(
                lang,
                "After-action report (HTML and Markdown) in this language",
                "以当前语言导出复盘报告（HTML 与 Markdown）",
            ))
            .clicked()
        {
            out.push(UiAction::ExportReport);
        }
    });
    if let Some(p) = &vm.exported {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(p.display().to_string()).small());
            if ui.button(tr(lang, "Open the report", "打开报告")).clicked() {
                out.push(UiAction::Open(p.clone()));
            }
            if let Some(dir) = p.parent()
                && ui
                    .button(tr(lang, "Open its folder", "打开所在文件夹"))
                    .clicked()
            {
                out.push(UiAction::Open(dir.to_path_buf()));
            }
        });
    }
    if let Some(j) = &vm.journal {
        ui.label(RichText::new(j).small().weak());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Action;

    #[test]
    fn facilitator_notes_stay_off_public_screens_and_figures_match_metrics() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/wrong-target.ron");
        let w = crate::sim::open::open(&p).unwrap().world;
        let mut e = Engine::new(w.clone(), 3);
        for team in ["dhs", "cac"] {
            let id = w
                .scenario
                .personas
                .iter()
                .find(|p| p.team == team)
                .map(|p| p.id.clone());
            e.apply(&Action::SetPersona {
                team: team.into(),
                persona: id,
            })
            .unwrap();
        }
        e.apply(&Action::Note("private remark".into())).unwrap();
        e.advance_to(1200);
        let public = DebriefVm::build(&e, Viewer::Public, Lang::En, None);
        let fac = DebriefVm::build(&e, Viewer::Facilitator, Lang::En, None);
        assert!(public.notes.is_empty());
        assert!(fac.notes.iter().any(|n| n.contains("private remark")));
        let m = metrics(&e);
        let sent: Vec<u32> = fac.teams.iter().map(|t| t.messages).collect();
        assert_eq!(
            sent,
            m.teams.iter().map(|t| t.messages_sent).collect::<Vec<_>>()
        );
        assert!(sent.iter().sum::<u32>() > 0, "the personas talked");
    }
}
