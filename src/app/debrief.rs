//! The debrief: outcome, per-team tallies, hot wash questions, and export
//! of the journal. The timeline below it replays the exercise.

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText};
use std::path::{Path, PathBuf};

use super::exercise::Exercise;
use super::i18n::tr;
use super::{UiAction, UiState, paths};
use crate::scenario::{Lang, Valence};
use crate::sim::{Engine, EventKind};

#[derive(Debug, Clone, PartialEq)]
pub struct TeamTally {
    pub name: String,
    pub sent: u32,
    pub met: u32,
    pub missed: u32,
    pub norms_broken: u32,
    pub replies_late: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DebriefVm {
    pub lang: Lang,
    pub ended: bool,
    pub outcome: Option<(String, String, Valence)>,
    pub peak_rung: String,
    pub teams: Vec<TeamTally>,
    pub spoofs_exposed: u32,
    pub spoofs_believed: u32,
    pub hot_wash: Vec<String>,
    pub notes: Vec<String>,
    pub journal: Option<String>,
}

impl DebriefVm {
    pub fn build(e: &Engine, lang: Lang, journal: Option<&Path>) -> DebriefVm {
        let w = e.world();
        let s = &w.s;
        let st = e.state();
        let nm = s.messages.len();
        let teams = (0..s.teams.len())
            .map(|t| TeamTally {
                name: s.teams[t].name.get(lang).to_string(),
                sent: st.sent[t * nm..(t + 1) * nm].iter().sum(),
                met: (0..s.expectations.len())
                    .filter(|&i| w.expectations[i].team == t)
                    .map(|i| st.exps[i].met)
                    .sum(),
                missed: (0..s.expectations.len())
                    .filter(|&i| w.expectations[i].team == t)
                    .map(|i| st.exps[i].missed)
                    .sum(),
                norms_broken: st.norms[t * s.norms.len()..(t + 1) * s.norms.len()].iter().sum(),
                replies_late: e
                    .events()
                    .iter()
                    .filter(|ev| matches!(ev.kind, EventKind::ReplyOverdue { msg } if st.message(msg).is_some_and(|m| m.to == Some(t))))
                    .count() as u32,
            })
            .collect();
        let notes = e
            .events()
            .iter()
            .filter_map(|ev| match &ev.kind {
                EventKind::Action {
                    action: crate::sim::Action::Note(n),
                } => Some(format!("{} {n}", crate::sim::describe::offset(ev.t))),
                _ => None,
            })
            .collect();
        DebriefVm {
            lang,
            ended: e.ended(),
            outcome: st.outcome.map(|o| {
                let o = &s.outcomes[o];
                (
                    o.title.get(lang).to_string(),
                    o.text.get(lang).to_string(),
                    o.valence,
                )
            }),
            peak_rung: s
                .ladder
                .rungs
                .get(st.peak_rung)
                .map_or(String::new(), |r| r.name.get(lang).to_string()),
            teams,
            spoofs_exposed: st.spoofs_exposed,
            spoofs_believed: st.spoofs_believed,
            hot_wash: s
                .debrief
                .hot_wash
                .iter()
                .map(|q| q.get(lang).to_string())
                .collect(),
            notes,
            journal: journal.map(|p| p.display().to_string()),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, export);
}

pub fn debrief_panel(ui: &mut egui::Ui, vm: &DebriefVm) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    ui.heading(tr(lang, "Debrief", "复盘"));
    match &vm.outcome {
        Some((title, text, v)) => {
            let col = match v {
                Valence::Good => Color32::LIGHT_GREEN,
                Valence::Mixed => Color32::KHAKI,
                Valence::Bad => Color32::LIGHT_RED,
            };
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
        .num_columns(6)
        .show(ui, |ui| {
            for h in [
                tr(lang, "Team", "参演方"),
                tr(lang, "Messages sent", "发出消息"),
                tr(lang, "Expectations met", "达成预期"),
                tr(lang, "missed", "未达预期"),
                tr(lang, "Replies late", "逾期答复"),
                tr(lang, "Norms broken", "违反规范"),
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for t in &vm.teams {
                ui.label(&t.name);
                for n in [t.sent, t.met, t.missed, t.replies_late, t.norms_broken] {
                    ui.label(n.to_string());
                }
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
        if let Some(j) = &vm.journal {
            ui.label(RichText::new(j).small().weak());
        }
    });
    out
}

/// Copies the journal into the exports folder under a stable name.
pub fn export_journal(journal: &Path, dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = journal.file_name().ok_or("the journal has no file name")?;
    let dest = dir.join(name);
    std::fs::copy(journal, &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    Ok(dest)
}

fn export(
    mut actions: MessageReader<UiAction>,
    ex: Option<Res<Exercise>>,
    mut ui: ResMut<UiState>,
) {
    for a in actions.read() {
        if *a != UiAction::ExportJournal {
            continue;
        }
        let msg = match ex.as_ref().and_then(|e| e.journal.clone()) {
            Some(j) => match export_journal(&j, &paths::exports_dir()) {
                Ok(d) => format!(
                    "{} {}",
                    tr(ui.lang, "Journal exported to", "日志已导出至"),
                    d.display()
                ),
                Err(e) => e,
            },
            None => tr(
                ui.lang,
                "This exercise has no journal.",
                "本次演练没有日志。",
            )
            .to_string(),
        };
        ui.toast = Some(msg);
    }
}
