//! The shared timeline: lanes, the escalation chart and scrubbing back in
//! time by replaying the journal into a scratch engine.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::exercise::Exercise;
use super::i18n::tr;
use crate::sim::Engine;

pub mod chart;
pub mod lanes;
pub mod vm;

pub use vm::TimelineVm;

#[derive(Resource, Debug, Clone, PartialEq)]
pub struct TimelineState {
    /// Visible minutes.
    pub t0: f64,
    pub t1: f64,
    /// Keep the current minute in view as the clock runs.
    pub follow: bool,
    pub selected: Option<u32>,
    /// Show the exercise as it was at this minute.
    pub scrub: Option<u32>,
}

impl Default for TimelineState {
    fn default() -> Self {
        TimelineState {
            t0: 0.0,
            t1: 360.0,
            follow: true,
            selected: None,
            scrub: None,
        }
    }
}

const MIN_SPAN: f64 = 10.0;

impl TimelineState {
    pub fn pan(&mut self, dt: f64, duration: f64) {
        let span = self.t1 - self.t0;
        let t0 = (self.t0 + dt).clamp(-span * 0.1, (duration - span * 0.9).max(0.0));
        self.t0 = t0;
        self.t1 = t0 + span;
        self.follow = false;
    }

    /// Zooms by `factor` (<1 zooms in) keeping minute `at` under the pointer.
    pub fn zoom(&mut self, at: f64, factor: f64, duration: f64) {
        let span = ((self.t1 - self.t0) * factor).clamp(MIN_SPAN, duration.max(MIN_SPAN) * 1.2);
        let frac = ((at - self.t0) / (self.t1 - self.t0).max(1e-9)).clamp(0.0, 1.0);
        self.t0 = at - span * frac;
        self.t1 = self.t0 + span;
    }

    pub fn fit(&mut self, duration: f64) {
        self.t0 = 0.0;
        self.t1 = duration.max(MIN_SPAN);
    }

    /// Moves the view so `now` stays visible, a fifth from the right edge.
    pub fn follow_now(&mut self, now: f64) {
        let span = self.t1 - self.t0;
        if now > self.t1 - span * 0.1 || now < self.t0 {
            self.t0 = (now - span * 0.8).max(0.0);
            self.t1 = self.t0 + span;
        }
    }
}

/// The scratch engine for the scrub minute, rebuilt when either moves.
#[derive(Resource, Default)]
pub struct ScrubCache {
    pub key: Option<(u32, usize)>,
    pub engine: Option<Engine>,
}

/// Replays the journal records up to minute `t` into a fresh engine.
pub fn state_at(ex: &Exercise, t: u32) -> Engine {
    let s = &ex.session;
    let mut e = Engine::new(s.engine.world().clone(), s.engine.seed());
    for r in s.records.iter().take_while(|r| r.t <= t) {
        e.advance_to(r.t);
        // Accepted once, so accepted again: the engine is deterministic.
        let _ = e.apply(&r.action);
    }
    e.advance_to(t);
    e
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<TimelineState>()
        .init_resource::<ScrubCache>()
        .add_systems(Update, (reset_on_new_exercise, update_scrub).chain());
}

/// A new exercise opens on its own timeline: no window, selection or
/// scrub minute left from the last one.
fn reset_on_new_exercise(
    ex: Option<Res<Exercise>>,
    mut st: ResMut<TimelineState>,
    mut cache: ResMut<ScrubCache>,
    mut last: Local<Option<crate::app::exercise::Identity>>,
) {
    if let Some(ex) = ex
        && last.as_ref() != Some(&ex.identity())
    {
        *last = Some(ex.identity());
        *st = TimelineState::default();
        *cache = ScrubCache::default();
        st.t1 = f64::from(ex.world().duration.min(720)).max(MIN_SPAN);
        if ex.session.engine.ended() {
            // A finished exercise opens on all of it.
            st.fit(f64::from(ex.now()));
            st.follow = false;
        } else {
            st.follow_now(f64::from(ex.now()));
        }
    }
}

fn update_scrub(ex: Option<Res<Exercise>>, st: Res<TimelineState>, mut cache: ResMut<ScrubCache>) {
    let Some(ex) = ex else {
        cache.key = None;
        cache.engine = None;
        return;
    };
    match st.scrub {
        Some(t) if t < ex.now() => {
            let key = (t, ex.session.records.len());
            if cache.key != Some(key) {
                cache.engine = Some(state_at(&ex, t));
                cache.key = Some(key);
            }
        }
        _ => {
            cache.key = None;
            cache.engine = None;
        }
    }
}

/// Toolbar, lanes, chart and the selected event's details. `scale` enlarges
/// the lanes for a projector (text styles are scaled by the caller).
pub fn timeline_panel(
    ui: &mut egui::Ui,
    vm: &TimelineVm,
    st: &mut TimelineState,
    live_now: u32,
    chart_height: f32,
    scale: f32,
) {
    let lang = vm.lang;
    let dur = f64::from(vm.duration);
    // Never wider than what is left of the window, whatever a neighbour
    // panel claimed.
    let room = ui.ctx().content_rect().right() - ui.cursor().left() - 8.0;
    ui.set_max_width(room.min(ui.available_width()).max(200.0));
    toolbar(ui, vm, st, live_now, dur);
    // The rung on a line of its own, cut rather than wrapped, so a long
    // name never moves the lanes; the projector reads it in heading size.
    let rung = format!("{} {}", tr(lang, "Rung:", "阶梯："), vm.rung);
    let text = if scale > 1.0 {
        RichText::new(rung).heading()
    } else {
        RichText::new(rung).strong()
    };
    ui.add(egui::Label::new(text).truncate());
    let g = lanes::Geometry::scaled(scale);
    lanes::lanes(ui, vm, st, g);
    // The chart takes the room left, less the details box when one shows.
    let reserve = if vm.selected.is_some() { 230.0 } else { 8.0 };
    let h = (ui.available_height() - reserve)
        .min(360.0 * scale)
        .max(chart_height);
    chart::chart(ui, vm, st, h, g);
    if let Some(d) = &vm.selected {
        details(ui, d, st, lang);
    }
}

fn toolbar(ui: &mut egui::Ui, vm: &TimelineVm, st: &mut TimelineState, live_now: u32, dur: f64) {
    let lang = vm.lang;
    ui.horizontal(|ui| {
        ui.strong(tr(lang, "Timeline", "时间线"));
        if ui
            .button("−")
            .on_hover_text(tr(lang, "zoom out", "缩小"))
            .clicked()
        {
            let mid = (st.t0 + st.t1) / 2.0;
            st.zoom(mid, 2.0, dur);
        }
        if ui
            .button("+")
            .on_hover_text(tr(lang, "zoom in", "放大"))
            .clicked()
        {
            let mid = (st.t0 + st.t1) / 2.0;
            st.zoom(mid, 0.5, dur);
        }
        if ui.button(tr(lang, "Whole exercise", "全程")).clicked() {
            st.fit(dur);
            st.follow = false;
        }
        ui.checkbox(&mut st.follow, tr(lang, "Follow the clock", "跟随时钟"));
        ui.separator();
        let mut scrub = st.scrub.unwrap_or(live_now).min(live_now);
        let resp = ui.add(
            egui::Slider::new(&mut scrub, 0..=live_now.max(1))
                .text(tr(lang, "view at", "回看时刻"))
                .custom_formatter(|v, _| crate::sim::describe::elapsed_words(v as u32, lang)),
        );
        if resp.changed() {
            st.scrub = (scrub < live_now).then_some(scrub);
        }
        if st.scrub.is_some() {
            ui.label(
                RichText::new(tr(lang, "REPLAY: showing the past", "回放：显示过去的状态"))
                    .color(crate::app::theme::PENDING),
            );
            if ui.button(tr(lang, "Back to live", "回到实时")).clicked() {
                st.scrub = None;
            }
        }
    });
}

/// The clicked marker's full text, in a box of bounded height under the
/// chart so the layout above never moves.
fn details(ui: &mut egui::Ui, text: &str, st: &mut TimelineState, lang: crate::scenario::Lang) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.strong(tr(lang, "Selected event", "所选事件"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("✖").clicked() {
                    st.selected = None;
                }
            });
        });
        egui::ScrollArea::vertical()
            .id_salt("timeline_details")
            .max_height(160.0)
            .show(ui, |ui| {
                ui.label(text);
            });
    });
}
