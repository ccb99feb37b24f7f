//! The scenario library: bundled and user scenarios, and the offer to
//! resume the last unfinished exercise.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};

use super::i18n::tr;
use super::{Mode, Screen, UiAction, UiState, paths};
use crate::scenario::{Lang, Minutes, Scenario, Text};
use crate::sim::journal::Journal;

#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub bundled: bool,
    pub title: Text,
    pub summary: Text,
    pub objectives: Vec<Text>,
    pub duration: Minutes,
    /// (id, name, has a persona)
    pub teams: Vec<(String, Text, bool)>,
}

impl Entry {
    pub fn new(path: &Path, bundled: bool, s: &Scenario) -> Entry {
        Entry {
            path: path.to_path_buf(),
            bundled,
            title: s.meta.title.clone(),
            summary: s.meta.summary.clone(),
            objectives: s.meta.objectives.clone(),
            duration: s.meta.duration,
            teams: s
                .teams
                .iter()
                .map(|t| {
                    let persona = s.personas.iter().any(|p| p.team == t.id);
                    (t.id.clone(), t.name.clone(), persona)
                })
                .collect(),
        }
    }
}

/// An unfinished exercise the library offers to reopen.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfinished {
    pub journal: PathBuf,
    pub title: String,
    pub minute: u32,
}

#[derive(Resource, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub unfinished: Option<Unfinished>,
    /// Files that failed to load: path and rendered diagnostics.
    pub broken: Vec<(PathBuf, String)>,
}

/// What the user has picked but not started yet.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Picker {
    pub selected: usize,
    pub mode: Mode,
    pub team: usize,
    pub seed: String,
}

impl Default for Picker {
    fn default() -> Self {
        Picker {
            selected: 0,
            mode: Mode::Solo,
            team: 0,
            seed: String::new(),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Picker>()
        .add_systems(Startup, scan_system)
        .add_systems(EguiPrimaryContextPass, library_ui);
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

pub fn scan(bundled: &Path, user: &Path) -> Library {
    let mut lib = Library::default();
    for (dir, is_bundled) in [(bundled, true), (user, false)] {
        for p in ron_files(dir) {
            match crate::scenario::load_file(&p) {
                Ok(l) => lib.entries.push(Entry::new(&p, is_bundled, &l.scenario)),
                Err(d) => lib.broken.push((p, render_all(&d, None))),
            }
        }
    }
    lib.unfinished = last_unfinished(&paths::journals_dir());
    lib
}

pub fn render_all(d: &[crate::scenario::Diagnostic], src: Option<&str>) -> String {
    d.iter()
        .map(|d| crate::scenario::diag::render(d, src))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The newest journal, if replaying it does not reach the end.
pub fn last_unfinished(dir: &Path) -> Option<Unfinished> {
    let newest = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "journal"))
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())?
        .path();
    let j = Journal::read(&newest).ok()?;
    let spath = PathBuf::from(j.header.scenario_path.clone()?);
    let (world, _) = super::exercise::load_world(&spath).ok()?;
    let s = crate::sim::Session::replay(world.clone(), &j).ok()?;
    if s.engine.ended() {
        return None;
    }
    Some(Unfinished {
        journal: newest,
        title: world.s.meta.title.en.clone(),
        minute: s.engine.now(),
    })
}

fn scan_system(mut commands: Commands) {
    commands.insert_resource(scan(
        &paths::bundled_scenarios_dir(),
        &paths::user_scenarios_dir(),
    ));
}

fn library_ui(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    lib: Option<Res<Library>>,
    ex: Option<Res<super::exercise::Exercise>>,
    mut picker: ResMut<Picker>,
    mut out: MessageWriter<UiAction>,
) {
    if ui_state.screen != Screen::Library {
        return;
    }
    let (Some(ctx), Some(lib)) = (super::ctx(&mut contexts), lib) else {
        return;
    };
    // The exercise already open is not offered for resuming.
    let open = ex.and_then(|e| e.journal.clone());
    let hide = lib
        .unfinished
        .as_ref()
        .is_some_and(|u| Some(&u.journal) == open.as_ref());
    let mut root = super::root_ui(&ctx);
    let actions = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            if hide {
                let l = Library {
                    entries: lib.entries.clone(),
                    unfinished: None,
                    broken: lib.broken.clone(),
                };
                library_panel(ui, &l, &mut picker, ui_state.lang)
            } else {
                library_panel(ui, &lib, &mut picker, ui_state.lang)
            }
        })
        .inner;
    out.write_batch(actions);
}

/// The library screen: list on the left, the chosen scenario on the right.
pub fn library_panel(
    ui: &mut egui::Ui,
    lib: &Library,
    picker: &mut Picker,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(tr(lang, "Hotline — scenario library", "热线 — 情景库"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for l in [Lang::Zh, Lang::En] {
                if ui
                    .selectable_label(lang == l, super::i18n::lang_name(l))
                    .clicked()
                {
                    out.push(UiAction::SetLang(l));
                }
            }
        });
    });
    if let Some(u) = &lib.unfinished {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} {} ({})",
                tr(lang, "Unfinished exercise:", "未完成的演练："),
                u.title,
                crate::sim::describe::offset(u.minute)
            ));
            if ui.button(tr(lang, "Resume", "继续演练")).clicked() {
                out.push(UiAction::Resume(u.journal.clone()));
            }
        });
    }
    ui.separator();
    if lib.entries.is_empty() {
        ui.label(tr(
            lang,
            "No scenarios found. Put .ron files in the user folder:",
            "未找到情景。请将 .ron 文件放入用户文件夹：",
        ));
        ui.monospace(paths::user_scenarios_dir().display().to_string());
    }
    picker.selected = picker.selected.min(lib.entries.len().saturating_sub(1));
    egui::Panel::left("library_list")
        .resizable(false)
        .exact_size(340.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (i, e) in lib.entries.iter().enumerate() {
                    let label = format!(
                        "{}{}\n{}",
                        e.title.get(lang),
                        if e.bundled { "" } else { " ★" },
                        crate::sim::describe::offset(e.duration.0)
                    );
                    if ui.selectable_label(picker.selected == i, label).clicked() {
                        picker.selected = i;
                        picker.team = 0;
                    }
                }
                for (p, _) in &lib.broken {
                    ui.colored_label(
                        egui::Color32::LIGHT_RED,
                        format!(
                            "{} {}",
                            tr(lang, "cannot load", "无法加载"),
                            p.file_name().unwrap_or_default().to_string_lossy()
                        ),
                    );
                }
            });
        });
    if let Some(e) = lib.entries.get(picker.selected) {
        egui::ScrollArea::vertical().show(ui, |ui| detail(ui, e, picker, lang, &mut out));
    }
    out
}

fn detail(ui: &mut egui::Ui, e: &Entry, picker: &mut Picker, lang: Lang, out: &mut Vec<UiAction>) {
    ui.heading(e.title.get(lang));
    ui.label(format!(
        "{} {}",
        tr(lang, "Duration:", "时长："),
        crate::sim::describe::offset(e.duration.0)
    ));
    ui.add_space(6.0);
    ui.label(e.summary.get(lang));
    ui.add_space(6.0);
    ui.strong(tr(lang, "Objectives", "演练目标"));
    for o in &e.objectives {
        ui.label(format!("• {}", o.get(lang)));
    }
    ui.add_space(10.0);
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(tr(lang, "Mode:", "模式："));
        for (m, en, zh) in [
            (Mode::Solo, "Solo (vs computer)", "单人（对阵电脑）"),
            (Mode::Workshop, "Workshop (facilitated)", "研讨（导演主持）"),
            (
                Mode::Observer,
                "Observer (projector demo)",
                "观摩（投影演示）",
            ),
        ] {
            ui.radio_value(&mut picker.mode, m, tr(lang, en, zh));
        }
    });
    if picker.mode == Mode::Solo {
        ui.horizontal(|ui| {
            ui.label(tr(lang, "Play as:", "扮演："));
            for (i, (_, name, _)) in e.teams.iter().enumerate() {
                ui.radio_value(&mut picker.team, i, name.get(lang));
            }
        });
    }
    ui.horizontal(|ui| {
        ui.label(tr(
            lang,
            "Seed (blank = random):",
            "随机种子（留空则随机）：",
        ));
        ui.add(egui::TextEdit::singleline(&mut picker.seed).desired_width(120.0));
    });
    let seed = picker.seed.trim().parse::<u64>().ok();
    let seed_ok = picker.seed.trim().is_empty() || seed.is_some();
    if !seed_ok {
        ui.colored_label(
            egui::Color32::LIGHT_RED,
            tr(lang, "The seed must be a whole number.", "种子须为整数。"),
        );
    }
    ui.add_space(6.0);
    let start = ui.add_enabled(
        seed_ok,
        egui::Button::new(tr(lang, "Start exercise", "开始演练")).min_size(egui::vec2(160.0, 32.0)),
    );
    if start.clicked() {
        out.push(UiAction::Start {
            path: e.path.clone(),
            mode: picker.mode,
            team: (picker.mode == Mode::Solo)
                .then(|| e.teams.get(picker.team).map(|t| t.0.clone()))
                .flatten(),
            seed,
        });
    }
}
