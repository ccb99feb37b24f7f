//! The exercise screens. Each screen is a state of [`Screen`] with its own
//! plugin (briefing, team desk, timeline, facilitator console, debrief);
//! this one draws what they share (top bar, notices, the workshop curtain,
//! dialogs) and hands each the room that is left.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::exercise::Exercise;
use super::hot_reload::Reloads;
use super::i18n::tr;
use super::timeline::{ScrubCache, TimelineState, TimelineVm, timeline_panel};
use super::topbar::{TopbarVm, screens_for, topbar};
use super::{Mode, Screen, UiAction, UiState};
use crate::sim::Viewer;

mod briefing;
mod console;
mod debrief_screen;
mod desk;
mod timeline_screen;

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<Content>()
        .init_resource::<TimelineState>()
        .init_resource::<ScrubCache>()
        .init_resource::<Reloads>()
        .add_plugins((super::team_view::plugin, super::facilitator::plugin))
        .add_systems(Update, apply_view_actions)
        .add_systems(
            EguiPrimaryContextPass,
            (scale_for_projector, frame)
                .chain()
                .in_set(ScreenSet::Frame),
        )
        .add_systems(EguiPrimaryContextPass, overlays.after(ScreenSet::Screen))
        .configure_sets(
            EguiPrimaryContextPass,
            ScreenSet::Frame.before(ScreenSet::Screen),
        )
        .add_plugins((
            briefing::plugin,
            desk::plugin,
            timeline_screen::plugin,
            console::plugin,
            debrief_screen::plugin,
        ));
}

/// The frame is drawn first; then the screen the state says.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScreenSet {
    Frame,
    Screen,
}

/// The room the frame left for the screen this pass; None when nothing
/// but the frame may show (no exercise, the library, the curtain down).
#[derive(Resource, Default)]
pub struct Content(pub Option<egui::Rect>);

/// A Ui over the room the frame left, for a screen's panels.
pub fn content_ui(ctx: &egui::Context, rect: egui::Rect) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "hotline_screen".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(rect),
    )
}

/// Who is looking at `screen`: after the end the debrief looks at
/// everything, whoever watches (the hot wash); otherwise the seat's view.
pub fn viewer_for(ex: &Exercise, ui: &UiState, screen: Screen) -> Viewer {
    match screen {
        Screen::Debrief if ex.session.engine.ended() => Viewer::Facilitator,
        _ => ex.viewer(ui),
    }
}

/// The timeline as `viewer` sees it: the live exercise or, when scrubbing
/// back, the replayed past; the view follows the clock when asked.
pub fn timeline_vm(
    ex: &Exercise,
    scrub: &ScrubCache,
    tl: &mut TimelineState,
    viewer: Viewer,
    lang: crate::scenario::Lang,
) -> TimelineVm {
    let engine = &ex.session.engine;
    let shown = match (&scrub.engine, tl.scrub) {
        (Some(e), Some(_)) => e,
        _ => engine,
    };
    if tl.follow && tl.scrub.is_none() {
        tl.follow_now(f64::from(engine.now()));
    }
    TimelineVm::build(shown, viewer, lang, (tl.t0, tl.t1), tl.selected)
}

/// What every screen's system reads: the egui context, the room the frame
/// left, the window's state, the exercise and the timeline's view.
#[derive(bevy::ecs::system::SystemParam)]
pub struct ScreenParams<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    content: Res<'w, Content>,
    pub ui: Res<'w, UiState>,
    pub ex: Option<Res<'w, Exercise>>,
    scrub: Res<'w, ScrubCache>,
    tl: ResMut<'w, TimelineState>,
}

/// The layout three screens share: a resizable side panel of their own on
/// the left, the timeline in the rest. `side` draws the panel's contents
/// and returns what was clicked.
pub fn side_and_timeline(
    p: &mut ScreenParams,
    screen: Screen,
    id: &str,
    widest: f32,
    chart_height: f32,
    side: impl FnOnce(&mut egui::Ui, &Exercise, Viewer) -> Vec<UiAction>,
) -> Vec<UiAction> {
    let (Some(ctx), Some(ex), Some(rect)) =
        (super::ctx(&mut p.contexts), p.ex.as_deref(), p.content.0)
    else {
        return Vec::new();
    };
    let lang = p.ui.lang;
    let viewer = viewer_for(ex, &p.ui, screen);
    let tvm = timeline_vm(ex, &p.scrub, &mut p.tl, viewer, lang);
    let scale = text_scale(Some(ex.mode), screen);
    let side_w = (ctx.content_rect().width() * 0.42).max(420.0).min(widest);
    let mut actions = Vec::new();
    let mut root = content_ui(&ctx, rect);
    egui::Panel::left(id.to_string())
        .resizable(true)
        .default_size(side_w)
        .max_size(side_w.max(ctx.content_rect().width() * 0.5))
        .show(&mut root, |ui| actions = side(ui, ex, viewer));
    egui::CentralPanel::default().show(&mut root, |ui| {
        timeline_panel(ui, &tvm, &mut p.tl, ex.now(), chart_height, scale);
    });
    actions
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

fn scale_for_projector(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    ex: Option<Res<Exercise>>,
) {
    let Some(ctx) = super::ctx(&mut contexts) else {
        return;
    };
    super::fonts::scale_text(&ctx, text_scale(ex.map(|e| e.mode), *screen.get()));
}

fn apply_view_actions(
    mut actions: MessageReader<UiAction>,
    mut ui: ResMut<UiState>,
    mut tl: ResMut<TimelineState>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    ex: Option<Res<Exercise>>,
) {
    for a in actions.read() {
        match a {
            UiAction::SetLang(l) => ui.lang = *l,
            UiAction::Goto(s) => {
                // Only a screen this seat may open.
                let s = match ex.as_deref() {
                    Some(ex) if !s.outside_exercise() => effective_screen(ex.mode, &ui, *s),
                    _ => *s,
                };
                // A marker's details belong to the screen it was clicked on.
                if *screen.get() != s {
                    tl.selected = None;
                    ui.toast = None;
                }
                next.set(s);
            }
            UiAction::AskLeave => ui.confirm_leave = true,
            UiAction::StayInExercise => ui.confirm_leave = false,
            UiAction::DismissEnd => ui.end_seen = true,
            UiAction::HandTo(t) => {
                ui.handed_to = *t;
                ui.revealed = false;
                // Nothing of one seat's (a notice, a question) follows the
                // screen to the next.
                ui.toast = None;
                ui.confirm_leave = false;
                next.set(if t.is_some() {
                    Screen::Team
                } else {
                    Screen::Facilitator
                });
            }
            UiAction::Reveal => ui.revealed = true,
            UiAction::ToggleHelp => ui.help = !ui.help,
            UiAction::DismissToast => ui.toast = None,
            _ => {}
        }
    }
}

/// The screen a request may open: a mode never shows a screen that would
/// leak private content (a solo student cannot open the facilitator
/// console), and a team holding the workshop screen stays on its desk.
pub fn effective_screen(mode: Mode, ui: &UiState, wanted: Screen) -> Screen {
    if mode == Mode::Workshop && ui.handed_to.is_some() {
        return Screen::Team;
    }
    if screens_for(mode).contains(&wanted) {
        wanted
    } else {
        screens_for(mode)[0]
    }
}

/// The frame around every exercise screen: top bar, notices and, in a
/// workshop handed to a team, the curtain until the team lifts it.
#[allow(clippy::too_many_arguments)]
fn frame(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    screen: Res<State<Screen>>,
    ex: Option<Res<Exercise>>,
    mut content: ResMut<Content>,
    mut out: MessageWriter<UiAction>,
) {
    content.0 = None;
    let (Some(ctx), Some(ex)) = (super::ctx(&mut contexts), ex) else {
        return;
    };
    let screen = *screen.get();
    if screen.outside_exercise() {
        return;
    }
    let lang = ui_state.lang;
    let engine = &ex.session.engine;
    let st = engine.state();
    let w = engine.world();
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
                // A seat's exercise is kept by its server, not this screen.
                journalled: ex.journal.is_some() || ex.remote.is_some(),
                pause_on_arrival: ex.pause_on_arrival,
                handed_over: ex.mode == Mode::Workshop && ui_state.handed_to.is_some(),
                outcome: st.outcome.map(|o| {
                    let o = &w.scenario.outcomes[o];
                    (o.title.get(lang).to_string(), o.valence)
                }),
            },
        ));
    });
    let curtain = ex.mode == Mode::Workshop && ui_state.handed_to.is_some() && !ui_state.revealed;
    if let Some(t) = ui_state.toast.as_ref().filter(|_| !curtain) {
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
    } else {
        content.0 = Some(root.available_rect_before_wrap());
    }
    out.write_batch(actions);
}

fn overlays(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    screen: Res<State<Screen>>,
    reloads: Res<Reloads>,
    ex: Option<Res<Exercise>>,
    mut out: MessageWriter<UiAction>,
) {
    let Some(ctx) = super::ctx(&mut contexts) else {
        return;
    };
    let on_library = screen.get().outside_exercise();
    if let Some(ex) = ex.as_deref()
        && !on_library
    {
        let lang = ui_state.lang;
        if ui_state.confirm_leave && ui_state.handed_to.is_none() {
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
    // Restarting is the facilitator's call, never a team's holding the screen.
    if let Some(ex) = ex.as_deref()
        && ui_state.handed_to.is_none()
    {
        out.write_batch(super::hot_reload::restart_offer(
            &ctx,
            &reloads,
            ex,
            ui_state.lang,
        ));
    }
    // Exercise screens show notices in their bottom bar; the library here.
    if on_library && let Some(t) = &ui_state.toast {
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

#[cfg(test)]
mod tests;
