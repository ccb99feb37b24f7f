//! Panels driven without a window: a plain egui context, a frame to lay
//! out, then a press and a release on the widget showing a given text.

use bevy_egui::egui::{self, Event, PointerButton, Pos2, RawInput, Shape};
use std::path::Path;
use std::sync::Arc;

use super::UiAction;
use super::facilitator::{FacilitatorUi, FacilitatorVm, facilitator_panel};
use super::library::{Picker, library_panel, scan};
use super::team_view::compose::compose_panel;
use super::team_view::{Draft, TeamVm};
use crate::scenario::{FieldKind, Lang};
use crate::sim::{Action, Engine, World};

pub(super) fn world() -> Arc<World> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");
    crate::sim::open::open(Path::new(p)).unwrap().world
}

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            Pos2::ZERO,
            egui::vec2(1400.0, 1000.0),
        )),
        events,
        ..Default::default()
    }
}

/// One frame; the texture updates a renderer would upload are dropped.
pub(super) fn frame(
    ctx: &egui::Context,
    events: Vec<Event>,
    f: impl FnMut(&mut egui::Ui),
) -> Vec<Shape> {
    let mut out = ctx.run_ui(input(events), f);
    out.textures_delta.clear();
    out.shapes.into_iter().map(|c| c.shape).collect()
}

pub(super) fn find_text(shapes: &[Shape], text: &str) -> Option<Pos2> {
    shapes.iter().find_map(|s| match s {
        Shape::Text(t) if t.galley.text() == text => Some(t.pos + t.galley.rect.center().to_vec2()),
        Shape::Vec(v) => find_text(v, text),
        _ => None,
    })
}

/// Lays the panel out, clicks the widget labelled `text` (if drawn) and
/// returns every action the panel produced on the press and release frames.
pub(super) fn click(
    mut panel: impl FnMut(&mut egui::Ui) -> Vec<UiAction>,
    text: &str,
) -> Vec<UiAction> {
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    let mut out = Vec::new();
    // Two frames: grids size their columns on the first and only settle
    // where widgets stay on the second.
    frame(&ctx, vec![], |ui| {
        panel(ui);
    });
    let shapes = frame(&ctx, vec![], |ui| {
        panel(ui);
    });
    let Some(p) = find_text(&shapes, text) else {
        return out;
    };
    let press = |pressed| Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    };
    for events in [
        vec![Event::PointerMoved(p), press(true)],
        vec![press(false)],
    ] {
        frame(&ctx, events, |ui| out.extend(panel(ui)));
    }
    out
}

/// A draft for the first message type with a required field and only
/// free-text fields, filled in.
fn complete_draft(vm: &TeamVm) -> Draft {
    for ch in &vm.compose {
        for t in &ch.types {
            if t.fields.iter().any(|f| f.required)
                && t.fields.iter().all(|f| matches!(f.kind, FieldKind::Text))
            {
                return Draft {
                    channel: Some(ch.id.clone()),
                    msg: Some(t.id.clone()),
                    fields: t
                        .fields
                        .iter()
                        .map(|f| (f.id.clone(), "x".into()))
                        .collect(),
                    ..Draft::default()
                };
            }
        }
    }
    panic!("the scenario has no message type with text fields");
}

#[test]
fn compose_sends_a_message_the_engine_accepts() {
    let e = Engine::new(world(), 1);
    let probe = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    let mut draft = complete_draft(&probe);
    let vm = TeamVm::build(&e, 0, Lang::En, &draft);
    assert_eq!(vm.draft_error, None);
    let out = click(|ui| compose_panel(ui, &vm, &mut draft), "Send");
    let [UiAction::Submit(a @ Action::Send { team, .. })] = out.as_slice() else {
        panic!("expected one Send, got {out:?}");
    };
    assert_eq!(team, "dhs");
    assert!(e.check(a).is_ok());
    assert_eq!(draft, Draft::default(), "a sent draft is cleared");
}

#[test]
fn an_incomplete_draft_names_every_missing_field_by_its_label_and_cannot_be_sent() {
    let e = Engine::new(world(), 1);
    let probe = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    let mut draft = complete_draft(&probe);
    draft.fields.clear();
    let vm = TeamVm::build(&e, 0, Lang::En, &draft);
    let ty = vm
        .compose
        .iter()
        .flat_map(|c| &c.types)
        .find(|t| Some(&t.id) == draft.msg.as_ref())
        .unwrap();
    let labels: Vec<&str> = ty
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.label.as_str())
        .collect();
    let err = vm.draft_error.clone().expect("missing fields are refused");
    assert!(err.contains(labels[0]) && !err.contains('`'), "{err}");
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    let shapes = frame(&ctx, vec![], |ui| {
        compose_panel(ui, &vm, &mut draft.clone());
    });
    let all = format!("Before sending: {}", labels.join(", "));
    assert!(
        find_text(&shapes, &all).is_some(),
        "every missing field at once: {all}"
    );
    assert!(click(|ui| compose_panel(ui, &vm, &mut draft), "Send").is_empty());
}

#[test]
fn a_time_field_offers_the_current_exercise_time() {
    let mut e = Engine::new(world(), 1);
    e.advance_to(130);
    let probe = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    let (ch, ty, f) = probe
        .compose
        .iter()
        .find_map(|c| {
            c.types.iter().find_map(|t| {
                t.fields
                    .iter()
                    .find(|f| f.kind == FieldKind::Time)
                    .map(|f| (c.id.clone(), t.id.clone(), f.id.clone()))
            })
        })
        .expect("wrong-target has a Time field");
    let mut draft = Draft {
        channel: Some(ch),
        msg: Some(ty),
        ..Draft::default()
    };
    let vm = TeamVm::build(&e, 0, Lang::En, &draft);
    click(|ui| compose_panel(ui, &vm, &mut draft), "now");
    let v = draft.fields.get(&f).cloned().unwrap_or_default();
    assert_eq!(v, vm.utc_now);
    assert!(v.ends_with(" UTC") && v.contains(':'), "{v}");
}

#[test]
fn a_team_sees_nothing_of_a_message_before_it_arrives_nor_its_text_before_translation() {
    let mut e = Engine::new(world(), 1);
    let probe = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    let a = complete_draft(&probe).to_action("dhs").unwrap();
    e.apply(&a).unwrap();
    let dhs = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    let cac = TeamVm::build(&e, 1, Lang::En, &Draft::default());
    assert_eq!(dhs.sent.len(), 1);
    assert!(cac.inbox.is_empty(), "in flight: invisible to the receiver");
    // Run until it is delivered; while untranslated it shows no text.
    for t in 1..3000 {
        e.advance_to(t);
        let cac = TeamVm::build(&e, 1, Lang::En, &Draft::default());
        if let Some(m) = cac.inbox.first() {
            match m.state {
                super::team_view::vm::MsgState::AwaitingTranslation => {
                    assert!(m.text.is_none() && m.fields.is_empty());
                }
                _ => assert!(m.text.is_some()),
            }
            return;
        }
    }
    panic!("the message never arrived");
}

#[test]
fn the_facilitator_fires_a_reserve_inject() {
    let e = Engine::new(world(), 1);
    let vm = FacilitatorVm::build(&e, Lang::En, false);
    let (id, _) = vm
        .reserves
        .first()
        .cloned()
        .expect("wrong-target has reserves");
    let mut f = FacilitatorUi::default();
    let out = click(|ui| facilitator_panel(ui, &vm, &mut f), "Fire…");
    assert!(out.is_empty(), "the first click only asks: {out:?}");
    assert_eq!(f.confirm_fire.as_deref(), Some(id.as_str()));
    let out = click(|ui| facilitator_panel(ui, &vm, &mut f), "Cancel");
    assert!(
        out.is_empty() && f.confirm_fire.is_none(),
        "cancel fires nothing"
    );
    f.confirm_fire = Some(id.clone());
    let out = click(|ui| facilitator_panel(ui, &vm, &mut f), "Fire now");
    assert_eq!(out, vec![UiAction::Submit(Action::FireInject(id))]);
}

#[test]
fn the_facilitators_set_box_starts_at_the_variables_current_value() {
    let mut e = Engine::new(world(), 1);
    let var = e.world().scenario.variables[0].id.clone();
    let (min, max) = (
        e.world().scenario.variables[0].min,
        e.world().scenario.variables[0].max,
    );
    let target = (min + max) / 2.0 + 1.0;
    e.apply(&Action::Override {
        var: var.clone(),
        value: target,
    })
    .unwrap();
    let vm = FacilitatorVm::build(&e, Lang::En, false);
    let mut f = FacilitatorUi::default();
    let out = click(|ui| facilitator_panel(ui, &vm, &mut f), "Set");
    assert_eq!(
        out,
        vec![UiAction::Submit(Action::Override { var, value: target })],
        "Set without typing keeps the value as it is"
    );
}

#[test]
fn notes_stay_on_the_facilitators_console() {
    let mut e = Engine::new(world(), 1);
    e.apply(&Action::Note("CAC asked for more time".into()))
        .unwrap();
    let vm = FacilitatorVm::build(&e, Lang::En, false);
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    let shapes = frame(&ctx, vec![], |ui| {
        facilitator_panel(ui, &vm, &mut FacilitatorUi::default());
    });
    assert!(find_text(&shapes, "+0 min  CAC asked for more time").is_some());
}

#[test]
fn the_library_starts_the_picked_scenario_as_the_picked_team() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let lib = scan(Path::new(dir), Path::new("/nonexistent"));
    let on_disk = crate::sim::open::ron_files(Path::new(dir)).len();
    assert_eq!(lib.entries.len(), on_disk);
    assert!(on_disk >= 3);
    let mut picker = Picker {
        selected: 2,
        team: 1,
        ..Picker::default()
    };
    let out = click(
        |ui| library_panel(ui, &lib, None, &mut picker, Lang::En),
        "Start exercise",
    );
    let [UiAction::Start { path, team, .. }] = out.as_slice() else {
        panic!("expected Start, got {out:?}");
    };
    assert_eq!(path, &lib.entries[2].path);
    assert_eq!(team.as_deref(), Some(lib.entries[2].teams[1].0.as_str()));
}

#[test]
fn the_library_opens_the_picked_scenario_s_map() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let lib = scan(Path::new(dir), Path::new("/nonexistent"));
    let mut picker = Picker {
        selected: 1,
        ..Picker::default()
    };
    let out = click(
        |ui| library_panel(ui, &lib, None, &mut picker, Lang::En),
        "Scenario map (for authors)",
    );
    assert_eq!(out, vec![UiAction::ShowMap(lib.entries[1].path.clone())]);
}

#[test]
fn space_pauses_unless_a_text_field_has_the_keyboard() {
    let ctx = egui::Context::default();
    let space = || Event::Key {
        key: egui::Key::Space,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Default::default(),
    };
    let mut got = Vec::new();
    frame(&ctx, vec![space()], |_| {
        got = super::keyboard::shortcuts(&ctx, false);
    });
    assert_eq!(got, vec![UiAction::TogglePause]);
    let mut text = String::new();
    frame(&ctx, vec![], |ui| {
        ui.text_edit_singleline(&mut text).request_focus();
    });
    frame(&ctx, vec![space()], |ui| {
        ui.text_edit_singleline(&mut text);
        got = super::keyboard::shortcuts(&ctx, false);
    });
    assert!(got.is_empty(), "typing a space must not pause: {got:?}");
}

/// Height of the first drawn text equal to `text`.
fn text_height(shapes: &[Shape], text: &str) -> Option<f32> {
    shapes.iter().find_map(|s| match s {
        Shape::Text(t) if t.galley.text() == text => Some(t.galley.rect.height()),
        Shape::Vec(v) => text_height(v, text),
        _ => None,
    })
}

#[test]
fn the_projector_enlarges_the_timeline_text_and_lanes_only_for_observers() {
    use super::screens::{PROJECTOR_SCALE, text_scale};
    use super::timeline::{TimelineState, TimelineVm, timeline_panel};
    use super::{Mode, Screen};
    assert_eq!(
        text_scale(Some(Mode::Observer), Screen::Timeline),
        PROJECTOR_SCALE
    );
    assert_eq!(text_scale(Some(Mode::Workshop), Screen::Timeline), 1.0);
    assert_eq!(text_scale(Some(Mode::Solo), Screen::Timeline), 1.0);
    assert_eq!(text_scale(Some(Mode::Observer), Screen::Library), 1.0);

    let mut e = Engine::new(world(), 1);
    e.advance_to(600);
    let vm = TimelineVm::build(&e, crate::sim::Viewer::Public, Lang::En, (0.0, 720.0), None);
    let lane = vm.lanes[0].clone();
    let draw = |scale: f32| {
        let ctx = egui::Context::default();
        super::fonts::install(&ctx);
        super::fonts::scale_text(&ctx, scale);
        let mut st = TimelineState::default();
        let shapes = frame(&ctx, vec![], |ui| {
            timeline_panel(ui, &vm, &mut st, vm.now, 200.0, scale)
        });
        let lane_h = text_height(&shapes, &lane).expect("lane label drawn");
        let title_h = text_height(&shapes, "Timeline").expect("toolbar title drawn");
        (lane_h, title_h)
    };
    let (lane1, title1) = draw(1.0);
    let (lane2, title2) = draw(PROJECTOR_SCALE);
    assert!(lane2 >= lane1 * 1.5, "lane labels {lane1} -> {lane2}");
    assert!(title2 >= title1 * 1.5, "text styles {title1} -> {title2}");
}

/// The x of every vertical line drawn in `color`.
fn vlines(shapes: &[Shape], color: egui::Color32, out: &mut Vec<f32>) {
    for s in shapes {
        match s {
            Shape::LineSegment { points, stroke }
                if stroke.color == color && (points[0].x - points[1].x).abs() < 0.01 =>
            {
                out.push(points[0].x);
            }
            Shape::Vec(v) => vlines(v, color, out),
            _ => {}
        }
    }
}

#[test]
fn the_lanes_and_the_tension_chart_share_one_time_axis() {
    use super::timeline::{TimelineState, TimelineVm, timeline_panel};
    let mut e = Engine::new(world(), 1);
    e.advance_to(900);
    let vm = TimelineVm::build(
        &e,
        crate::sim::Viewer::Facilitator,
        Lang::En,
        (0.0, 720.0),
        None,
    );
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    // A window that is not the whole exercise: the old chart always showed
    // all of it, so its "now" sat elsewhere.
    let mut st = TimelineState {
        t0: 600.0,
        t1: 1000.0,
        follow: false,
        ..TimelineState::default()
    };
    let shapes = frame(&ctx, vec![], |ui| {
        timeline_panel(ui, &vm, &mut st, vm.now, 200.0, 1.0)
    });
    let mut xs = Vec::new();
    vlines(&shapes, super::theme::INFO, &mut xs);
    assert_eq!(
        xs.len(),
        2,
        "one now line on the lanes, one on the chart: {xs:?}"
    );
    assert!(
        (xs[0] - xs[1]).abs() < 0.5,
        "the two now lines align: {xs:?}"
    );
}

#[test]
fn a_long_rung_name_does_not_move_the_lanes() {
    use super::timeline::{TimelineState, TimelineVm, timeline_panel};
    let e = Engine::new(world(), 1);
    let mut vm = TimelineVm::build(
        &e,
        crate::sim::Viewer::Facilitator,
        Lang::En,
        (0.0, 720.0),
        None,
    );
    let lane = vm.lanes[0].clone();
    let lane_y = |vm: &TimelineVm| {
        let ctx = egui::Context::default();
        super::fonts::install(&ctx);
        let mut st = TimelineState::default();
        let shapes = frame(&ctx, vec![], |ui| {
            ui.set_max_width(700.0);
            timeline_panel(ui, vm, &mut st, vm.now, 200.0, 1.0)
        });
        find_text(&shapes, &lane).expect("lane label drawn").y
    };
    let short = lane_y(&vm);
    vm.rung = "L6 Kinetic retaliation against critical infrastructure of the other state, declared in public by the head of government".into();
    assert_eq!(lane_y(&vm), short);
}

#[test]
fn the_timelines_tension_curve_is_the_one_metrics_computes() {
    use super::timeline::TimelineVm;
    let w = world();
    let mut e = Engine::new(w.clone(), 5);
    for t in &w.scenario.teams {
        let p = w.scenario.personas.iter().find(|p| p.team == t.id).unwrap();
        e.apply(&Action::SetPersona {
            team: t.id.clone(),
            persona: Some(p.id.clone()),
        })
        .unwrap();
    }
    e.advance_to(2000);
    let vm = TimelineVm::build(
        &e,
        crate::sim::Viewer::Facilitator,
        Lang::En,
        (0.0, 720.0),
        None,
    );
    let curve = crate::sim::metrics::tension(&e);
    assert!(
        curve.len() > 2,
        "tension moved: the test compares a real curve"
    );
    for p in &curve {
        let at = [f64::from(p.t) / 60.0, p.value];
        assert!(
            vm.tension.contains(&at),
            "{at:?} is on the timeline's curve"
        );
    }
    for q in &vm.tension {
        assert!(
            curve.iter().any(|p| p.value == q[1]),
            "{q:?} comes from metrics"
        );
    }
}

#[test]
fn a_reply_only_type_warns_until_it_answers_an_offer() {
    let e = Engine::new(world(), 1);
    let probe = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    let (ch, ty) = (probe.compose.iter())
        .find_map(|c| c.types.iter().find(|t| t.reply_only).map(|t| (c, t)))
        .expect("Wrong Target has a reply-only acceptance");
    let mut draft = Draft {
        channel: Some(ch.id.clone()),
        msg: Some(ty.id.clone()),
        ..Draft::default()
    };
    let warning = "This counts only as the answer to an offer: open the offer in the inbox and press Reply. Sent on its own, it counts for nothing.";
    let drawn = |draft: &Draft| {
        let vm = TeamVm::build(&e, 0, Lang::En, draft);
        let ctx = egui::Context::default();
        super::fonts::install(&ctx);
        let shapes = frame(&ctx, vec![], |ui| {
            compose_panel(ui, &vm, &mut draft.clone());
        });
        find_text(&shapes, warning).is_some()
    };
    assert!(drawn(&draft));
    draft.reply_to = Some(0);
    assert!(!drawn(&draft), "a reply is what it takes");
}
