//! The scenario library: bundled and user scenarios, the way back to the
//! exercise still open, and every unfinished exercise to resume.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};

use super::i18n::tr;
use super::{Mode, Screen, UiAction, UiState, paths};
use crate::scenario::{Lang, Minutes, Scenario, Text};

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
    /// The scenario's id (a reopened browser page looks for its own).
    pub scenario: String,
    pub title: Text,
    pub minute: u32,
    /// Who played: the solo team's name, or None for a workshop.
    pub solo_team: Option<Text>,
    /// When it was last played, "2026-11-30 09:40" UTC.
    pub saved: String,
}

/// The newest unfinished exercises listed; older ones stay on disk.
pub const MAX_UNFINISHED: usize = 20;

#[derive(Resource, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Newest first.
    pub unfinished: Vec<Unfinished>,
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
    super::shared(app);
    app.init_resource::<Picker>()
        .add_systems(Startup, scan_system)
        .add_systems(OnEnter(Screen::Library), rescan_unfinished)
        .add_systems(
            EguiPrimaryContextPass,
            library_ui.run_if(in_state(Screen::Library)),
        );
}

pub fn scan(bundled: &Path, user: &Path) -> Library {
    let mut lib = Library::default();
    for (dir, is_bundled) in [(bundled, true), (user, false)] {
        for p in crate::sim::open::ron_files(dir) {
            match crate::scenario::load_file(&p) {
                Ok(l) => lib.entries.push(Entry::new(&p, is_bundled, &l.scenario)),
                Err(d) => lib.broken.push((p, render_all(&d, None))),
            }
        }
    }
    lib.unfinished = unfinished(&paths::journals_dir());
    lib
}

pub fn render_all(d: &[crate::scenario::Diagnostic], src: Option<&str>) -> String {
    d.iter()
        .map(|d| crate::scenario::diag::render(d, src))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every journal in `dir` whose replay does not reach the end, newest
/// first, at most [`MAX_UNFINISHED`].
pub fn unfinished(dir: &Path) -> Vec<Unfinished> {
    let mut journals: Vec<(f64, PathBuf)> = crate::platform::fs::list(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "journal"))
        .map(|(p, t)| (t, p))
        .collect();
    journals.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    journals
        .into_iter()
        .filter_map(|(modified, p)| read_unfinished(&p, modified))
        .take(MAX_UNFINISHED)
        .collect()
}

fn read_unfinished(path: &Path, modified: f64) -> Option<Unfinished> {
    let s = crate::sim::open::replay_journal(path, None, &paths::bundled_scenarios_dir(), false)
        .ok()?;
    let world = s.world.clone();
    if s.engine.ended() {
        return None;
    }
    let people: Vec<usize> = (0..world.team_count())
        .filter(|&t| s.engine.state().personas[t].is_none())
        .collect();
    let secs = modified as u64;
    Some(Unfinished {
        journal: path.to_path_buf(),
        scenario: world.scenario.meta.id.clone(),
        title: world.scenario.meta.title.clone(),
        minute: s.engine.now(),
        solo_team: match people.as_slice() {
            [t] => Some(world.scenario.teams[*t].name.clone()),
            _ => None,
        },
        saved: crate::scenario::Timestamp((secs / 60) as i64).format(),
    })
}

/// Rescans the unfinished exercises each time the library opens: playing
/// one changes the list.
fn rescan_unfinished(mut lib: Option<ResMut<Library>>) {
    if let Some(lib) = lib.as_deref_mut() {
        lib.unfinished = unfinished(&paths::journals_dir());
    }
}

fn scan_system(mut commands: Commands) {
    commands.insert_resource(scan(
        &paths::bundled_scenarios_dir(),
        &paths::user_scenarios_dir(),
    ));
}

/// The exercise still open behind the library.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenVm {
    pub title: String,
    pub minute: u32,
    pub ended: bool,
    pub journal: Option<PathBuf>,
}

#[allow(clippy::too_many_arguments)]
fn library_ui(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    lib: Option<Res<Library>>,
    ex: Option<Res<super::exercise::Exercise>>,
    mut picker: ResMut<Picker>,
    mut form: ResMut<super::remote::JoinForm>,
    joining: Option<Res<super::remote::Joining>>,
    mut out: MessageWriter<UiAction>,
) {
    let (Some(ctx), Some(lib)) = (super::ctx(&mut contexts), lib) else {
        return;
    };
    let lang = ui_state.lang;
    let open = ex.map(|e| OpenVm {
        title: e.world().scenario.meta.title.get(lang).to_string(),
        minute: e.now(),
        ended: e.session.engine.ended(),
        journal: e.journal.clone(),
    });
    let mut root = super::root_ui(&ctx);
    // Another computer's exercise is joined from here too.
    egui::Panel::bottom("join_exercise").show(&mut root, |ui| {
        ui.add_space(4.0);
        out.write_batch(super::remote::join_panel(
            ui,
            &mut form,
            joining.is_some(),
            lang,
        ));
        ui.add_space(4.0);
    });
    let actions = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            library_panel(ui, &lib, open.as_ref(), &mut picker, lang)
        })
        .inner;
    out.write_batch(actions);
}

/// The library screen: the way back to an open exercise and the unfinished
/// ones on top, then the list on the left and the chosen scenario.
pub fn library_panel(
    ui: &mut egui::Ui,
    lib: &Library,
    open: Option<&OpenVm>,
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
    if let Some(o) = open {
        ui.horizontal(|ui| {
            let state = if o.ended {
                tr(lang, "ended", "已结束")
            } else {
                tr(lang, "paused", "已暂停")
            };
            ui.label(format!(
                "{} {} ({}, {state})",
                tr(lang, "Open exercise:", "当前演练："),
                o.title,
                crate::sim::describe::elapsed_words(o.minute, lang)
            ));
            if ui
                .button(egui::RichText::new(tr(lang, "Back to the exercise", "返回演练")).strong())
                .clicked()
            {
                out.push(UiAction::ReturnToExercise);
            }
        });
    }
    let others: Vec<&Unfinished> = lib
        .unfinished
        .iter()
        .filter(|u| open.is_none_or(|o| o.journal.as_ref() != Some(&u.journal)))
        .collect();
    if !others.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            tr(lang, "Unfinished exercises", "未完成的演练"),
            others.len()
        ))
        .default_open(open.is_none())
        .show(ui, |ui| {
            egui::Grid::new("unfinished").striped(true).show(ui, |ui| {
                for u in others {
                    ui.label(u.title.get(lang));
                    ui.label(match &u.solo_team {
                        Some(t) => format!("{} {}", tr(lang, "solo as", "单人扮演"), t.get(lang)),
                        None => tr(lang, "workshop", "研讨").to_string(),
                    });
                    ui.label(crate::sim::describe::elapsed_words(u.minute, lang));
                    ui.label(egui::RichText::new(&u.saved).weak());
                    if ui.button(tr(lang, "Resume", "继续演练")).clicked() {
                        out.push(UiAction::Resume(u.journal.clone()));
                    }
                    ui.end_row();
                }
            });
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
                        crate::sim::describe::duration_words(e.duration.0, lang)
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
        crate::sim::describe::duration_words(e.duration.0, lang)
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
        ui.add(
            egui::TextEdit::singleline(&mut picker.seed)
                .desired_width(120.0)
                .hint_text(tr(lang, "random", "随机")),
        );
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
    ui.add_space(4.0);
    if ui
        .button(tr(lang, "Scenario map (for authors)", "情景图（供编写者）"))
        .on_hover_text(tr(
            lang,
            "What causes what in this scenario, with its dead ends",
            "本情景中的因果关系及其死角",
        ))
        .clicked()
    {
        out.push(UiAction::ShowMap(e.path.clone()));
    }
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
