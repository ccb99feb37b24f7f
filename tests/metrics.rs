//! Per-team metrics and the tension series on the mechanics fixture, whose
//! timings (office hours, translation, deadlines) make every figure exact.

mod common;

use hotline::sim::metrics::{Cause, metrics};
use hotline::sim::{Action, Engine, MsgStatus};

use common::send;

fn notify(channel: &str) -> Action {
    send("dhs", channel, "notify", &[("systems", "hospital")], None)
}

const DHS: usize = 0;
const CAC: usize = 1;

#[test]
fn an_acknowledgement_in_time_counts_with_its_reply_time() {
    // The notification reaches CAC when its office opens (minute 660) and
    // is readable at 690; CAC replies at 700: 40 minutes after arrival.
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify("email")).unwrap();
    e.advance_to(700);
    e.apply(&send("cac", "email", "ack", &[], Some(0))).unwrap();
    let m = metrics(&e);
    let (dhs, cac) = (&m.teams[DHS], &m.teams[CAC]);
    assert_eq!((dhs.messages_sent, cac.messages_sent), (1, 1));
    assert_eq!(cac.median_reply, Some(40));
    assert_eq!((cac.acks_on_time, cac.acks_late, cac.acks_open), (1, 0, 0));
    assert_eq!(dhs.median_reply, None);
    // DHS notified in time; its Avoid stays open until the end.
    assert_eq!(
        (
            dhs.expectations_met,
            dhs.expectations_missed,
            dhs.expectations_open
        ),
        (1, 0, 1)
    );
    assert_eq!((cac.expectations_met, cac.score()), (1, Some(1.0)));
    assert!(!m.ended);
    assert_eq!(m.until, 700);
}

#[test]
fn an_unanswered_notification_is_open_then_late() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify("email")).unwrap();
    e.advance_to(700);
    let cac = &metrics(&e).teams[CAC];
    assert_eq!((cac.acks_on_time, cac.acks_late, cac.acks_open), (0, 0, 1));
    e.advance_to(800);
    let cac = &metrics(&e).teams[CAC];
    assert_eq!((cac.acks_on_time, cac.acks_late, cac.acks_open), (0, 1, 0));
    assert_eq!(cac.expectations_missed, 1);
    assert_eq!(cac.score(), Some(0.0));
}

#[test]
fn tension_points_carry_their_cause_and_the_team_that_climbed() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.advance_to(10);
    e.apply(&send(
        "dhs",
        "press",
        "attribute",
        &[("confidence", "low")],
        None,
    ))
    .unwrap();
    e.advance_to(61);
    let m = metrics(&e);
    let pts: Vec<(u32, f64, usize)> = m.tension.iter().map(|p| (p.t, p.value, p.rung)).collect();
    // Read on the press channel 15 minutes later: +30; the news inject at
    // 1h adds 5.
    assert_eq!(pts, vec![(0, 20.0, 0), (25, 50.0, 1), (60, 55.0, 1)]);
    assert_eq!(m.tension[0].cause, Cause::Start);
    assert!(matches!(
        m.tension[1].cause,
        Cause::Message {
            team: Some(DHS),
            ..
        }
    ));
    let news = e.world().ids.injects["news"];
    assert_eq!(m.tension[2].cause, Cause::Inject(news));
    let dhs = &m.teams[DHS];
    assert_eq!(dhs.peak_rung, Some(1));
    assert_eq!((dhs.norms_broken, dhs.escalating), (1, 1));
    assert_eq!(dhs.expectations_missed, 1);
    assert_eq!(m.teams[CAC].peak_rung, None);
    assert_eq!(m.peak_rung, 1);
}

#[test]
fn a_facilitator_override_is_not_blamed_on_a_team() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 60.0,
    })
    .unwrap();
    let m = metrics(&e);
    assert_eq!(m.tension.last().map(|p| p.cause), Some(Cause::Facilitator));
    assert!(m.teams.iter().all(|t| t.peak_rung.is_none()));
}

#[test]
fn unanswered_calls_count_for_the_caller_and_the_callee() {
    // About 60% of calls to CAC at the start go unanswered: find a seed
    // for each case and check both teams' counters.
    let w = common::mechanics();
    let mut seen = [false, false];
    for seed in 0..50 {
        let mut e = Engine::new(w.clone(), seed);
        e.apply(&notify("voice")).unwrap();
        let unanswered = e.state().messages[0].status == MsgStatus::Unanswered;
        let m = metrics(&e);
        let n = unanswered as u32;
        assert_eq!(m.teams[DHS].calls_unanswered, n);
        assert_eq!(m.teams[CAC].calls_missed, n);
        assert_eq!(m.teams[CAC].calls_unanswered + m.teams[DHS].calls_missed, 0);
        seen[n as usize] = true;
    }
    assert_eq!(seen, [true, true]);
}

#[test]
fn an_ended_exercise_closes_open_deadlines() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify("email")).unwrap();
    e.advance_to(700);
    e.apply(&Action::End).unwrap();
    let m = metrics(&e);
    assert!(m.ended);
    assert_eq!(m.teams[CAC].acks_late, 1);
    assert_eq!(m.teams[CAC].acks_open, 0);
    // Avoid expectations are judged kept at the end.
    assert_eq!(m.teams[DHS].expectations_open, 0);
}

#[test]
fn acknowledgements_and_exposed_spoofs_are_owed_no_reply() {
    // The email channel's 2h deadline is for plain traffic: the engine
    // gives an acknowledgement none, and metrics count none owed.
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify("email")).unwrap();
    e.advance_to(700);
    e.apply(&send("cac", "email", "ack", &[], Some(0))).unwrap();
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    e.advance_to(1500);
    let spoof = e
        .state()
        .messages
        .iter()
        .find(|m| m.spoof.is_some())
        .unwrap()
        .id;
    e.apply(&Action::Authenticate {
        team: "cac".into(),
        message: spoof,
        method: hotline::scenario::AuthMethod::CodeWord,
    })
    .unwrap();
    e.advance_to(2000);
    let m = metrics(&e);
    assert!(e.state().messages[1].reply_due.is_none());
    assert_eq!((m.teams[DHS].acks_on_time, m.teams[DHS].acks_late), (0, 0));
    assert_eq!((m.teams[CAC].acks_on_time, m.teams[CAC].acks_late), (1, 0));
    assert_eq!(m.spoofs_exposed, 1);
}

#[test]
fn a_team_that_raises_tension_on_a_rung_others_reached_drove_that_rung() {
    // The facilitator puts the ladder on L1; CAC's warning then adds 15
    // without crossing into L4. CAC still pushed the exercise up on L1.
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 35.0,
    })
    .unwrap();
    e.apply(&send("cac", "email", "warn", &[], None)).unwrap();
    e.advance_to(50);
    let m = metrics(&e);
    assert_eq!(e.state().vars[0], 50.0);
    assert_eq!(m.peak_rung, 1);
    assert_eq!(m.teams[CAC].peak_rung, Some(1));
    assert_eq!(m.teams[DHS].peak_rung, None);
}

#[test]
fn send_effects_are_blamed_on_the_sender_not_on_the_expectation_they_settle() {
    // Public attribution made to raise tension the moment it is sent: the
    // Avoid expectation it breaks is settled first, but has no effects.
    let text = common::source("tests/fixtures/engine/mechanics.ron").replace(
        "direction: Escalate, effects: [Add(\"tension\", 30)]",
        "direction: Escalate, on_send: [Add(\"tension\", 30)]",
    );
    let loaded = hotline::scenario::load_str(&common::path("on-send.ron"), &text).unwrap();
    let w = std::sync::Arc::new(hotline::sim::World::compile(loaded.scenario));
    let mut e = Engine::new(w, 1);
    e.apply(&send(
        "dhs",
        "press",
        "attribute",
        &[("confidence", "low")],
        None,
    ))
    .unwrap();
    let m = metrics(&e);
    assert_eq!(m.teams[DHS].expectations_missed, 1);
    let last = m.tension.last().unwrap();
    assert_eq!((last.value, last.rung), (50.0, 1));
    assert!(matches!(
        last.cause,
        Cause::Message {
            team: Some(DHS),
            ..
        }
    ));
    assert_eq!(m.teams[DHS].peak_rung, Some(1));
}
