//! The mechanics that make decisions matter (issue "Decisions that
//! matter"), one test each, on tests/fixtures/engine/decisions.ron.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use hotline::sim::world::CAct;
use hotline::sim::{Action, Discount, Engine, EventKind, InjectState, Viewer, World};

use common::send;

fn world() -> Arc<World> {
    common::world("tests/fixtures/engine/decisions.ron")
}

fn var(e: &Engine, id: &str) -> f64 {
    e.state().vars[e.world().ids.vars[id]]
}

fn fired(e: &Engine, id: &str) -> bool {
    matches!(
        e.state().injects[e.world().ids.injects[id]],
        InjectState::Fired(_)
    )
}

fn discounts(e: &Engine) -> Vec<(u32, Discount)> {
    (e.events().iter())
        .filter_map(|ev| match ev.kind {
            EventKind::Discounted { msg, reason, .. } => Some((msg, reason)),
            _ => None,
        })
        .collect()
}

fn share(scope: &str, confidence: &str) -> Action {
    let mut f = vec![("scope", scope)];
    if !confidence.is_empty() {
        f.push(("confidence", confidence));
    }
    send("dhs", "link", "share", &f, None)
}

#[test]
fn sharing_the_full_sample_builds_more_trust_than_indicators_only() {
    let mut full = Engine::new(world(), 1);
    full.apply(&share("full_sample", "")).unwrap();
    full.advance_to(5);
    let mut partial = Engine::new(world(), 1);
    partial.apply(&share("indicators", "")).unwrap();
    partial.advance_to(5);
    assert_eq!(var(&full, "trust"), 30.0);
    assert_eq!(var(&partial, "trust"), 22.0);
}

#[test]
fn a_number_field_decides_an_effect_by_comparison() {
    let mut sure = Engine::new(world(), 1);
    sure.apply(&share("indicators", "80")).unwrap();
    sure.advance_to(5);
    let mut unsure = Engine::new(world(), 1);
    unsure.apply(&share("indicators", "40")).unwrap();
    unsure.advance_to(5);
    assert_eq!(var(&sure, "tension"), 55.0);
    assert_eq!(var(&unsure, "tension"), 50.0);
}

#[test]
fn a_condition_can_ask_which_value_a_team_sent() {
    let mut e = Engine::new(world(), 1);
    e.apply(&share("indicators", "")).unwrap();
    e.advance_to(5);
    assert!(!fired(&e, "thanks"), "indicators are not the full sample");
    e.apply(&share("full_sample", "")).unwrap();
    assert!(fired(&e, "thanks"));
}

#[test]
fn an_acceptance_with_no_offer_on_the_table_counts_for_nothing() {
    let mut e = Engine::new(world(), 1);
    e.apply(&send("cac", "link", "accept_review", &[], None))
        .unwrap();
    e.advance_to(5);
    assert_eq!(var(&e, "trust"), 20.0, "no effect");
    assert_eq!(discounts(&e), vec![(0, Discount::NoOpenOffer)]);
    assert!(!fired(&e, "reviewed"), "not counted by Sent");
    let mt = e.world().ids.messages["accept_review"];
    let n = e.world().messages.len();
    assert_eq!(e.state().sent[mt], 0, "cac's sent count (team 0)");
    assert_eq!(e.state().sent[n + mt], 0);
}

#[test]
fn an_acceptance_counts_once_as_the_answer_to_an_open_offer() {
    let mut e = Engine::new(world(), 1);
    e.apply(&send("dhs", "link", "offer_review", &[], None))
        .unwrap();
    e.advance_to(5);
    assert_eq!(var(&e, "trust"), 21.0);
    e.apply(&send("cac", "link", "accept_review", &[], Some(0)))
        .unwrap();
    e.advance_to(10);
    assert_eq!(var(&e, "trust"), 41.0);
    assert!(fired(&e, "reviewed"), "a reply to an offer_review");
    // The offer is answered: a second acceptance of it counts for nothing.
    e.apply(&send("cac", "link", "accept_review", &[], Some(0)))
        .unwrap();
    e.advance_to(15);
    assert_eq!(var(&e, "trust"), 41.0);
    assert_eq!(discounts(&e), vec![(2, Discount::NoOpenOffer)]);
}

#[test]
fn a_declined_offer_can_no_longer_be_accepted_but_a_late_acceptance_counts() {
    let mut e = Engine::new(world(), 1);
    e.apply(&send("dhs", "link", "offer_review", &[], None))
        .unwrap();
    e.apply(&send("dhs", "link", "offer_review", &[], None))
        .unwrap();
    e.advance_to(5);
    e.apply(&send("cac", "link", "decline", &[], Some(0)))
        .unwrap();
    e.apply(&send("cac", "link", "accept_review", &[], Some(0)))
        .unwrap();
    assert_eq!(discounts(&e), vec![(3, Discount::NoOpenOffer)]);
    // Past the 6 h reply window the second offer is overdue, still open.
    e.advance_to(7 * 60);
    e.apply(&send("cac", "link", "accept_review", &[], Some(1)))
        .unwrap();
    assert_eq!(discounts(&e).len(), 1, "the late acceptance counts");
}

#[test]
fn repeated_gestures_wear_out_with_factor_cooldown_and_limit() {
    let mut e = Engine::new(world(), 1);
    let deesc = || send("dhs", "link", "deesc", &[], None);
    let mut tension = Vec::new();
    // At 0, 30 (inside the 1 h cooldown), 60, 120, 180 (past the limit).
    for t in [0, 30, 60, 120, 180] {
        e.advance_to(t);
        e.apply(&deesc()).unwrap();
        e.advance_to(t + 5);
        tension.push(var(&e, "tension"));
    }
    assert_eq!(tension, vec![42.0, 42.0, 38.0, 36.0, 36.0]);
    assert_eq!(
        discounts(&e),
        vec![
            (1, Discount::Cooldown),
            (2, Discount::Repeat(1)),
            (3, Discount::Repeat(2)),
            (4, Discount::Limit),
        ]
    );
}

#[test]
fn the_hidden_truth_is_drawn_by_weight_from_the_seed_and_hidden_from_the_teams() {
    let w = world();
    let crew = w.ids.truths["crew"];
    let runs = 2000;
    let n = (0..runs)
        .filter(|&s| Engine::new(w.clone(), s).state().truth == Some(crew))
        .count();
    let share = n as f64 / runs as f64;
    assert!((0.70..0.80).contains(&share), "weight 3 of 4: {share}");
    let e = Engine::new(w.clone(), 5);
    let drawn = |v: Viewer| {
        e.view(v)
            .any(|ev| matches!(ev.kind, EventKind::TruthDrawn { .. }))
    };
    assert!(drawn(Viewer::Facilitator));
    assert!(!drawn(Viewer::Team(0)) && !drawn(Viewer::Team(1)) && !drawn(Viewer::Public));
    assert_eq!(
        Engine::new(w.clone(), 5).state().truth,
        e.state().truth,
        "same seed, same truth"
    );
}

#[test]
fn a_fixed_truth_decides_which_evidence_surfaces() {
    let w = world();
    for (truth, shows, hides) in [
        ("crew", "crew_evidence", "flag_evidence"),
        ("false_flag", "flag_evidence", "crew_evidence"),
    ] {
        let mut e = Engine::with_truth(w.clone(), 9, Some(w.ids.truths[truth]));
        e.advance_to(90);
        assert!(fired(&e, shows) && !fired(&e, hides), "{truth}");
        assert!(
            e.events()
                .iter()
                .any(|ev| matches!(ev.kind, EventKind::TruthDrawn { fixed: true, .. }))
        );
    }
}

#[test]
fn modules_start_and_end_at_their_times_for_everyone() {
    let mut e = Engine::new(world(), 1);
    e.run_to_end();
    let marks: Vec<(u32, &EventKind)> = (e.view(Viewer::Public))
        .filter(|ev| {
            matches!(
                ev.kind,
                EventKind::ModuleStarted { .. } | EventKind::ModuleEnded { .. }
            )
        })
        .map(|ev| (ev.t, &ev.kind))
        .collect();
    assert_eq!(
        marks,
        vec![
            (0, &EventKind::ModuleStarted { module: 0 }),
            (120, &EventKind::ModuleEnded { module: 0 }),
            (120, &EventKind::ModuleStarted { module: 1 }),
            (360, &EventKind::ModuleEnded { module: 1 }),
        ]
    );
    assert_eq!(e.state().module, 2);
    assert!(fired(&e, "discussed"), "ModuleEnded(\"detect\") held");
}

#[test]
fn a_persona_message_no_player_could_send_is_blocked_not_sent() {
    // The checker refuses such a scenario; a world edited after checking
    // must still not let the persona cheat. The compiled act carries the
    // fields it sends and whether they fit, computed as here.
    let mut w = (*world()).clone();
    let p = w.ids.personas["cac_bot"];
    if let CAct::Send {
        msg, fields, fits, ..
    } = &mut w.personas[p].rules[0].choices[0].act
    {
        *fields = Arc::new(BTreeMap::new());
        *fits = hotline::scenario::fields::fits(&w.scenario.messages[*msg], fields);
        assert!(!*fits, "the scope is required");
    }
    let mut e = Engine::new(Arc::new(w), 1);
    e.apply(&Action::SetPersona {
        team: "cac".into(),
        persona: Some("cac_bot".into()),
    })
    .unwrap();
    e.apply(&send("dhs", "link", "offer_review", &[], None))
        .unwrap();
    e.advance_to(10);
    let blocked = e.events().iter().any(|ev| {
        matches!(&ev.kind, EventKind::PersonaBlocked { reason, .. } if reason.contains("scope"))
    });
    assert!(blocked);
    assert_eq!(e.state().messages.len(), 1, "only the offer was sent");
}

#[test]
fn a_live_clock_stops_at_a_module_end_and_goes_on_from_there() {
    use hotline::sim::pace::{Stop, run_until};
    let mut e = Engine::new(world(), 1);
    assert_eq!(run_until(&mut e, 300, |_, _| false), Stop::ModuleEnded);
    assert_eq!(e.now(), 120, "stopped at the end of `detect`, not at 300");
    assert_eq!(run_until(&mut e, 300, |_, _| false), Stop::Reached);
    assert_eq!(e.now(), 300);
    assert_eq!(run_until(&mut e, 600, |_, _| false), Stop::ModuleEnded);
    assert_eq!(e.now(), 360);
}

#[test]
fn the_report_reveals_the_truth_and_groups_the_timeline_and_questions_by_module() {
    use hotline::sim::session::{Session, header};
    let w = world();
    let mut s = Session::with_truth(w.clone(), 3, Some(w.ids.truths["false_flag"]));
    s.submit(30, share("full_sample", "")).unwrap();
    s.engine.run_to_end();
    let mut h = header(&w, "", 3, None);
    h.truth = Some("false_flag".into());
    let md = hotline::report::render_markdown(
        &w,
        &s.engine,
        &h,
        &s.records,
        hotline::scenario::Lang::En,
    );
    assert!(
        md.contains("What really happened: A third party's false flag."),
        "{md}"
    );
    let m1 = md
        .find("### Module 1: Detection and notification")
        .expect("module 1 heading");
    let m2 = md.find("### Module 2: Review").expect("module 2 heading");
    let after = md.find("After the last module").expect("after the modules");
    let shared = md.find("DHS sent").expect("the share is on the timeline");
    let question = md
        .find("DHS\\] Whom do you notify first?")
        .expect("dhs question");
    assert!(
        m1 < shared && shared < question && question < m2 && m2 < after,
        "{m1} {shared} {question} {m2} {after}\n{md}"
    );
    assert!(md.contains("What do you know for sure?"));
}
