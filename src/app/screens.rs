//! Lays the exercise screens out from the feature panels, and applies the
//! actions that only change what is on screen.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::debrief::{DebriefVm, debrief_panel};
use super::exercise::Exercise;
use super::facilitator::{FacilitatorUi, FacilitatorVm, facilitator_panel};
use super::hot_reload::Reloads;
use super::i18n::tr;
use super::team_view::{TeamUi, TeamVm, panel::briefing, team_panel};
use super::timeline::{ScrubCache, TimelineState, TimelineVm, timeline_panel};
use super::topbar::{TopbarVm, screens_for, topbar};
use super::{Mode, Screen, UiAction, UiState};
use crate::sim::Viewer;

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.add_plugins((super::team_view::plugin, super::facilitator::plugin))
        .add_systems(Update, apply_view_actions)
        .add_systems(
            EguiPrimaryContextPass,
            (scale_for_projector, draw, overlays).chain(),
        );
}

/// How much larger the projector draws text and lanes, read from the back
/// of a room.
pub const PROJECTOR_SCALE: f32 = 1.7;

/// Text scale for what is on screen: only an observer's exercise screens
/// are enlarged; the library and every other mode keep normal sizes.
pub fn text_scale(mode: Option<Mode>, screen: Screen) -> f32 {
    match (mode, screen) {
        (Some(Mode::Observer), Screen::Timeline) => PROJECTOR_SCALE,
        // The hot wash table has seven columns: enlarged less.
        (Some(Mode::Observer), Screen::Debrief) => 1.3,
        _ => 1.0,
    }
}

fn scale_for_projector(mut contexts: EguiContexts, ui: Res<UiState>, ex: Option<Res<Exercise>>) {
    let Some(ctx) = super::ctx(&mut contexts) else {
        return;
    };
    let mode = ex.map(|e| e.mode);
    let screen = match mode {
        Some(m) if ui.screen != Screen::Library => effective_screen(m, &ui),
        _ => Screen::Library,
    };
    super::fonts::scale_text(&ctx, text_scale(mode, screen));
}

fn apply_view_actions(
    mut actions: MessageReader<UiAction>,
    mut ui: ResMut<UiState>,
    mut tl: ResMut<TimelineState>,
) {
    for a in actions.read() {
        match a {
            UiAction::SetLang(l) => ui.lang = *l,
            UiAction::Goto(s) => {
                // A marker's details belong to the screen it was clicked on.
                if ui.screen != *s {
                    tl.selected = None;
                    ui.toast = None;
                }
                ui.screen = *s;
            }
            UiAction::AskLeave => ui.confirm_leave = true,
            UiAction::StayInExercise => ui.confirm_leave = false,
            UiAction::DismissEnd => ui.end_seen = true,
            UiAction::HandTo(t) => {
                ui.handed_to = *t;
                ui.revealed = false;
                ui.screen = if t.is_some() {
                    Screen::Team
                } else {
                    Screen::Facilitator
                };
            }
            UiAction::Reveal => ui.revealed = true,
            UiAction::ToggleHelp => ui.help = !ui.help,
            UiAction::DismissToast => ui.toast = None,
            _ => {}
        }
    }
}

/// The screen actually shown: a mode never shows a screen that would leak
/// private content (a solo student cannot open the facilitator console).
pub fn effective_screen(mode: Mode, ui: &UiState) -> Screen {
    if mode == Mode::Workshop && ui.handed_to.is_some() {
        return Screen::Team;
    }
    if screens_for(mode).contains(&ui.screen) {
        ui.screen
    } else {
        screens_for(mode)[0]
    }
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    ex: Option<Res<Exercise>>,
    scrub: Res<ScrubCache>,
    mut tl: ResMut<TimelineState>,
    mut team_ui: ResMut<TeamUi>,
    mut fac: ResMut<FacilitatorUi>,
    mut out: MessageWriter<UiAction>,
) {
    let (Some(ctx), Some(ex)) = (super::ctx(&mut contexts), ex) else {
        return;
    };
    if ui_state.screen == Screen::Library {
        return;
    }
    let lang = ui_state.lang;
    let engine = &ex.session.engine;
    let st = engine.state();
    let w = engine.world();
    let screen = effective_screen(ex.mode, &ui_state);
    let scale = text_scale(Some(ex.mode), screen);
    let mut actions = Vec::new();
    let mut root = super::root_ui(&ctx);
    egui::Panel::top("topbar").show(&mut root, |ui| {
        actions.extend(topbar(
            ui,
            &TopbarVm {
                lang,
                mode: ex.mode,
                screen,
                title: w.scenario.meta.title.get(lang).to_string(),
                now: engine.now(),
                utc: crate::sim::describe::utc(w, engine.now()),
                paused: st.paused,
                ended: engine.ended(),
                speed: st.speed,
                base_rate: w.scenario.meta.clock_speed.max(1),
                journalled: ex.journal.is_some(),
                pause_on_arrival: ex.pause_on_arrival,
                handed_over: ex.mode == Mode::Workshop && ui_state.handed_to.is_some(),
                outcome: st.outcome.map(|o| {
                    let o = &w.scenario.outcomes[o];
                    (o.title.get(lang).to_string(), o.valence)
                }),
            },
        ));
    });
    if let Some(t) = &ui_state.toast {
        egui::Panel::bottom("toast").show(&mut root, |ui| {
            ui.horizontal(|ui| {
                if ui.small_button("✖").clicked() {
                    actions.push(UiAction::DismissToast);
                }
                ui.label(t);
            });
        });
    }
    // Workshop curtain: nothing private until the team lifts it.
    if ex.mode == Mode::Workshop
        && let Some(t) = ui_state.handed_to
        && !ui_state.revealed
    {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading(format!(
                    "{} {}",
                    tr(lang, "This screen is for", "此屏幕交给"),
                    w.scenario.teams[t].name.get(lang)
                ));
                ui.label(tr(
                    lang,
                    "Everyone else, please look away.",
                    "其他人请回避。",
                ));
                if ui
                    .button(tr(lang, "Show our view", "显示我方界面"))
                    .clicked()
                {
                    actions.push(UiAction::Reveal);
                }
                if ui
                    .button(tr(lang, "Back to the facilitator", "交还导演"))
                    .clicked()
                {
                    actions.push(UiAction::HandTo(None));
                }
            });
        });
        out.write_batch(actions);
        return;
    }
    let viewer = match screen {
        // After the end the hot wash looks at everything, whoever watches.
        Screen::Debrief if engine.ended() => Viewer::Facilitator,
        _ => ex.viewer(&ui_state),
    };
    let shown = match (&scrub.engine, tl.scrub) {
        (Some(e), Some(_)) => e,
        _ => engine,
    };
    if tl.follow && tl.scrub.is_none() {
        tl.follow_now(f64::from(engine.now()));
    }
    let selected = tl.selected;
    let tvm = TimelineVm::build(shown, viewer, lang, (tl.t0, tl.t1), selected);
    let side_w = (ctx.content_rect().width() * 0.42).max(420.0);
    match screen {
        Screen::Team | Screen::Briefing => {
            let team = ex.screen_team(&ui_state).unwrap_or(0);
            let desk = team_ui.get(team);
            let vm = TeamVm::build(engine, team, lang, &desk.draft);
            if screen == Screen::Briefing {
                egui::CentralPanel::default().show(&mut root, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        ui.heading(w.scenario.meta.title.get(lang));
                        ui.label(w.scenario.meta.summary.get(lang));
                        ui.separator();
                        super::team_view::panel::status_strip(ui, &vm);
                        ui.separator();
                        briefing(ui, &vm);
                        ui.add_space(10.0);
                        if ui
                            .button(tr(lang, "To the team desk →", "进入值班台 →"))
                            .clicked()
                        {
                            actions.push(UiAction::Goto(Screen::Team));
                        }
                    });
                });
            } else {
                egui::Panel::left("team_panel")
                    .resizable(true)
                    .default_size(side_w)
                    .max_size(side_w.max(ctx.content_rect().width() * 0.5))
                    .show(&mut root, |ui| {
                        if ex.mode == Mode::Workshop
                            && ui
                                .button(tr(lang, "Done: hide and hand back", "完成：隐藏并交还"))
                                .clicked()
                        {
                            actions.push(UiAction::HandTo(None));
                        }
                        actions.extend(team_panel(ui, &vm, desk));
                    });
                egui::CentralPanel::default().show(&mut root, |ui| {
                    timeline_panel(ui, &tvm, &mut tl, engine.now(), 200.0, scale);
                });
            }
        }
        Screen::Facilitator => {
            let vm = FacilitatorVm::build(engine, lang, ex.pause_on_arrival);
            egui::Panel::left("facilitator")
                .resizable(true)
                .default_size(side_w.min(480.0))
                .max_size(side_w.max(ctx.content_rect().width() * 0.5))
                .show(&mut root, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        actions.extend(facilitator_panel(ui, &vm, &mut fac));
                    });
                });
            egui::CentralPanel::default().show(&mut root, |ui| {
                timeline_panel(ui, &tvm, &mut tl, engine.now(), 220.0, scale);
            });
        }
        Screen::Debrief => {
            let mut vm = DebriefVm::build(engine, viewer, lang, ex.journal.as_deref());
            vm.exported = ui_state.exported.clone();
            egui::Panel::left("debrief")
                .resizable(true)
                .default_size(side_w)
                .max_size(side_w.max(ctx.content_rect().width() * 0.5))
                .show(&mut root, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| actions.extend(debrief_panel(ui, &vm)));
                });
            egui::CentralPanel::default().show(&mut root, |ui| {
                timeline_panel(ui, &tvm, &mut tl, engine.now(), 220.0, scale);
            });
        }
        Screen::Timeline | Screen::Library => {
            egui::CentralPanel::default().show(&mut root, |ui| {
                let h = 180.0 * scale;
                timeline_panel(ui, &tvm, &mut tl, engine.now(), h, scale);
            });
        }
    }
    out.write_batch(actions);
}

fn overlays(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    reloads: Res<Reloads>,
    ex: Option<Res<Exercise>>,
    mut out: MessageWriter<UiAction>,
) {
    let Some(ctx) = super::ctx(&mut contexts) else {
        return;
    };
    if let Some(ex) = ex.as_deref()
        && ui_state.screen != Screen::Library
    {
        let lang = ui_state.lang;
        if ui_state.confirm_leave {
            out.write_batch(super::dialogs::leave_dialog(&ctx, lang));
        } else if ex.session.engine.ended()
            && !ui_state.end_seen
            && !(ex.mode == Mode::Workshop && ui_state.handed_to.is_some() && !ui_state.revealed)
        {
            let vm = super::dialogs::EndVm::build(&ex.session.engine, lang);
            out.write_batch(super::dialogs::end_dialog(&ctx, &vm));
        }
    }
    if ui_state.help {
        let seat = match ex.as_deref().map(|e| e.mode) {
            Some(Mode::Workshop) if ui_state.handed_to.is_none() => super::help::Seat::Facilitator,
            Some(Mode::Observer) => super::help::Seat::Facilitator,
            _ => super::help::Seat::Team,
        };
        out.write_batch(super::help::help_window(&ctx, ui_state.lang, seat));
    }
    super::hot_reload::diagnostics_window(&ctx, &reloads, ui_state.lang);
    if let Some(ex) = ex.as_deref() {
        out.write_batch(super::hot_reload::restart_offer(
            &ctx,
            &reloads,
            ex,
            ui_state.lang,
        ));
    }
    // Exercise screens show notices in their bottom bar; the library here.
    if ui_state.screen == Screen::Library
        && let Some(t) = &ui_state.toast
    {
        egui::Window::new(tr(ui_state.lang, "Notice", "提示"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -20.0))
            .collapsible(false)
            .show(&ctx, |ui| {
                ui.label(t);
                if ui.button("OK").clicked() {
                    out.write(UiAction::DismissToast);
                }
            });
    }
}
