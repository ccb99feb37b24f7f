//! One focused test per mechanism of the hotline protocol, on a small
//! fixture scenario whose numbers are chosen to make outcomes checkable.

mod common;

use hotline::scenario::AuthMethod;
use hotline::sim::{Action, ActionError, Engine, EventKind, ExpStatus, MsgStatus, Verdict, Viewer};

use common::send as send_full;

fn send(team: &str, channel: &str, msg: &str) -> Action {
    send_full(team, channel, msg, &[], None)
}

fn notify() -> Action {
    send_full("dhs", "email", "notify", &[("systems", "hospital")], None)
}

fn var(e: &Engine, id: &str) -> f64 {
    e.state().vars[e.world().ids.vars[id]]
}

fn events_of<'a>(e: &'a Engine, f: impl Fn(&EventKind) -> bool + 'a) -> Vec<(u32, &'a EventKind)> {
    e.events()
        .iter()
        .filter(|ev| f(&ev.kind))
        .map(|ev| (ev.t, &ev.kind))
        .collect()
}

#[test]
fn written_traffic_waits_for_office_hours_then_translation() {
    // Sent Tue 14:00Z = 22:00 in Beijing: CAC's office opens Wed 09:00
    // Beijing = 01:00Z, 11 hours in; translation takes 30 minutes more.
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify()).unwrap();
    e.advance_to(24 * 60);
    let delivered = events_of(&e, |k| matches!(k, EventKind::Delivered { .. }));
    assert_eq!(
        delivered,
        vec![(
            660,
            &EventKind::Delivered {
                msg: 0,
                translating: true
            }
        )]
    );
    let read = events_of(&e, |k| matches!(k, EventKind::Readable { .. }));
    assert_eq!(read[0].0, 690);
    assert_eq!(e.state().messages[0].status, MsgStatus::Readable);
}

#[test]
fn missing_required_fields_are_refused_without_a_trace() {
    let mut e = Engine::new(common::mechanics(), 1);
    let before = e.events().len();
    let err = e.apply(&send("dhs", "email", "notify")).unwrap_err();
    assert_eq!(
        err,
        ActionError::MissingField {
            msg: "notify".into(),
            field: "systems".into()
        }
    );
    assert_eq!(e.events().len(), before);
    assert!(e.state().messages.is_empty());
}

#[test]
fn calls_are_answered_less_as_tension_rises_and_after_hours() {
    let w = common::mechanics();
    let e = Engine::new(w.clone(), 1);
    let (voice, cac, dhs) = (
        w.ids.channels["voice"],
        w.ids.teams["cac"],
        w.ids.teams["dhs"],
    );
    // base 1.0 - 0.01 * tension 20 = 0.8; CAC is after hours (x0.5),
    // DHS is in office (09:00 in Washington).
    assert!((e.answer_probability(voice, cac) - 0.4).abs() < 1e-9);
    assert!((e.answer_probability(voice, dhs) - 0.8).abs() < 1e-9);
    let mut hot = Engine::new(w.clone(), 1);
    hot.apply(&Action::Override {
        var: "tension".into(),
        value: 70.0,
    })
    .unwrap();
    assert!((hot.answer_probability(voice, dhs) - 0.3).abs() < 1e-9);

    // And the draws follow the probability: about 60% of calls to CAC
    // at the start go unanswered.
    let unanswered = (0..400)
        .filter(|&seed| {
            let mut e = Engine::new(w.clone(), seed);
            e.apply(&send_full(
                "dhs",
                "voice",
                "notify",
                &[("systems", "x")],
                None,
            ))
            .unwrap();
            e.state().messages[0].status == MsgStatus::Unanswered
        })
        .count();
    assert!(
        (200..280).contains(&unanswered),
        "{unanswered} of 400 unanswered"
    );
}

#[test]
fn a_suspended_channel_refuses_traffic_and_loses_what_was_in_flight() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify()).unwrap();
    e.advance_to(10);
    e.apply(&send("dhs", "voice", "suspend")).unwrap();
    assert!(e.state().suspended[e.world().ids.channels["email"]]);
    assert_eq!(
        e.apply(&notify()).unwrap_err(),
        ActionError::ChannelSuspended("email".into())
    );
    e.advance_to(24 * 60);
    assert_eq!(e.state().messages[0].status, MsgStatus::Lost);
    // Both endpoints see the suspension.
    for t in 0..2 {
        assert!(
            e.view(Viewer::Team(t))
                .any(|ev| matches!(ev.kind, EventKind::ChannelSuspended { .. }))
        );
    }
}

#[test]
fn a_spoof_is_believed_until_authenticated_then_its_effects_reverse() {
    let mut e = Engine::new(common::mechanics(), 3);
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    e.advance_to(12 * 60);
    let m = &e.state().messages[0];
    assert_eq!(
        (m.status, m.from, m.shown_from),
        (MsgStatus::Readable, None, Some(e.world().ids.teams["dhs"]))
    );
    // It reads as DHS would write: in English, translated for CAC.
    assert_eq!(&*m.text, "Hand over the servers.");
    // 20 at the start, +5 from the news at 1h, +25 from the spoof.
    assert_eq!(var(&e, "tension"), 50.0);
    assert_eq!(e.state().spoofs_believed, 1);
    // CAC sees a warning from DHS, not a spoof.
    let cac = e.world().ids.teams["cac"];
    let cac_view: Vec<_> = e.view(Viewer::Team(cac)).collect();
    assert!(
        cac_view
            .iter()
            .all(|ev| !matches!(ev.kind, EventKind::InjectFired { msg: Some(_), .. }))
    );
    e.apply(&Action::Authenticate {
        team: "cac".into(),
        message: 0,
        method: AuthMethod::CodeWord,
    })
    .unwrap();
    assert!(
        events_of(&e, |k| matches!(
            k,
            EventKind::AuthResult {
                verdict: Verdict::Spoof,
                ..
            }
        ))
        .len()
            == 1
    );
    assert_eq!(var(&e, "tension"), 25.0);
    assert_eq!(var(&e, "trust"), 60.0);
    assert_eq!(
        (e.state().spoofs_believed, e.state().spoofs_exposed),
        (0, 1)
    );
}

#[test]
fn out_of_band_confirmation_takes_its_time_and_tells_the_truth() {
    let mut e = Engine::new(common::mechanics(), 3);
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    e.advance_to(12 * 60);
    e.apply(&Action::Authenticate {
        team: "cac".into(),
        message: 0,
        method: AuthMethod::OutOfBand,
    })
    .unwrap();
    assert_eq!(e.state().spoofs_exposed, 0);
    e.advance_to(12 * 60 + 45);
    assert_eq!(e.state().spoofs_exposed, 1);
    // DHS was never the receiver: it cannot authenticate.
    assert!(matches!(
        e.apply(&Action::Authenticate {
            team: "dhs".into(),
            message: 0,
            method: AuthMethod::OutOfBand
        }),
        Err(ActionError::NotReceiver { .. })
    ));
}

#[test]
fn an_unacknowledged_notification_misses_its_deadline_and_the_expectation() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify()).unwrap();
    e.advance_to(24 * 60);
    let exp = e.world().ids.expectations["cac-acks"];
    assert_eq!(e.state().exps[exp].status, ExpStatus::Missed);
    // Readable at 690 (+5 trust), missed at 750 (-10 trust).
    assert_eq!(var(&e, "trust"), 45.0);
    assert_eq!(
        events_of(&e, |k| matches!(k, EventKind::ReplyOverdue { .. }))[0].0,
        660 + 60
    );
    // The notifier met its own SendBy expectation.
    assert_eq!(
        e.state().exps[e.world().ids.expectations["dhs-notifies"]].status,
        ExpStatus::Met
    );
}

#[test]
fn an_acknowledgement_in_time_meets_the_expectation() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify()).unwrap();
    e.advance_to(700);
    e.apply(&send_full("cac", "email", "ack", &[], Some(0)))
        .unwrap();
    e.advance_to(24 * 60);
    let exp = e.world().ids.expectations["cac-acks"];
    assert_eq!(e.state().exps[exp].status, ExpStatus::Met);
    assert_eq!(e.state().messages[0].answered_at, Some(700));
    assert!(events_of(&e, |k| matches!(k, EventKind::ReplyOverdue { .. })).is_empty());
}

#[test]
fn replying_to_a_message_you_did_not_receive_is_refused() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&notify()).unwrap();
    let r = e.apply(&send_full("cac", "email", "ack", &[], Some(0)));
    assert!(matches!(r, Err(ActionError::NotReceiver { .. })), "{r:?}");
}

#[test]
fn public_attribution_breaks_a_norm_and_an_avoid_expectation() {
    let mut e = Engine::new(common::mechanics(), 1);
    let a = send_full("dhs", "press", "attribute", &[("confidence", "low")], None);
    e.apply(&a).unwrap();
    e.advance_to(30);
    assert_eq!(var(&e, "tension"), 50.0);
    assert_eq!(
        e.state().exps[e.world().ids.expectations["no-attrib"]].status,
        ExpStatus::Missed
    );
    assert_eq!(
        events_of(&e, |k| matches!(k, EventKind::NormBroken { .. })).len(),
        1
    );
    // Public: both teams see the statement.
    for t in 0..2 {
        assert!(
            e.view(Viewer::Team(t))
                .any(|ev| matches!(ev.kind, EventKind::Readable { .. }))
        );
    }
    let bad = send_full(
        "dhs",
        "press",
        "attribute",
        &[("confidence", "certain")],
        None,
    );
    assert!(matches!(e.apply(&bad), Err(ActionError::BadField { .. })));
}

#[test]
fn conditional_injects_fire_once_when_their_condition_first_holds() {
    let mut e = Engine::new(common::mechanics(), 1);
    let hot = e.world().ids.injects["hot"];
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 49.0,
    })
    .unwrap();
    assert!(
        events_of(&e, move |k| *k
            == EventKind::InjectFired {
                inject: hot,
                msg: None
            })
        .is_empty()
    );
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 55.0,
    })
    .unwrap();
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 10.0,
    })
    .unwrap();
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 60.0,
    })
    .unwrap();
    assert_eq!(
        events_of(&e, move |k| *k
            == EventKind::InjectFired {
                inject: hot,
                msg: None
            })
        .len(),
        1
    );
    // Facilitator-only: no team sees it.
    assert!(
        e.view(Viewer::Team(0))
            .all(|ev| !matches!(ev.kind, EventKind::InjectFired { .. }))
    );
}

#[test]
fn probabilistic_injects_fire_about_as_often_as_their_probability() {
    let w = common::mechanics();
    let maybe = w.ids.injects["maybe"];
    let fired = (0..400)
        .filter(|&s| {
            let mut e = Engine::new(w.clone(), s);
            e.advance_to(3 * 60);
            matches!(
                e.state().injects[maybe],
                hotline::sim::InjectState::Fired(120)
            )
        })
        .count();
    assert!((160..240).contains(&fired), "{fired} of 400");
}

#[test]
fn reserve_injects_fire_only_when_the_facilitator_fires_them_once() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.run_to_end();
    assert_eq!(
        e.state().injects[e.world().ids.injects["spoof"]],
        hotline::sim::InjectState::Waiting
    );
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    assert_eq!(
        e.apply(&Action::FireInject("spoof".into())),
        Err(ActionError::AlreadyFired("spoof".into()))
    );
    assert_eq!(
        e.apply(&Action::FireInject("news".into())),
        Err(ActionError::NotReserve("news".into()))
    );
}

#[test]
fn the_ladder_follows_tension_and_a_crisis_outcome_ends_the_exercise() {
    let mut e = Engine::new(common::mechanics(), 1);
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 35.0,
    })
    .unwrap();
    assert_eq!(e.state().rung, 1);
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 85.0,
    })
    .unwrap();
    assert_eq!((e.state().rung, e.state().peak_rung), (2, 2));
    assert!(e.ended());
    assert_eq!(e.state().outcome, Some(e.world().ids.outcomes["crisis"]));
    assert_eq!(e.apply(&Action::Pause), Err(ActionError::Ended));
}

#[test]
fn time_out_picks_the_first_timeout_outcome_that_holds() {
    let mut calm = Engine::new(common::mechanics(), 1);
    calm.run_to_end();
    assert_eq!(
        calm.state().outcome,
        Some(calm.world().ids.outcomes["calm"])
    );
    assert_eq!(calm.state().ended_at, Some(2 * 24 * 60));
    let mut tense = Engine::new(common::mechanics(), 1);
    tense
        .apply(&Action::Override {
            var: "tension".into(),
            value: 60.0,
        })
        .unwrap();
    tense.run_to_end();
    assert_eq!(
        tense.state().outcome,
        Some(tense.world().ids.outcomes["tense"])
    );
}

#[test]
fn personas_act_and_record_why() {
    let mut e = Engine::new(common::mechanics(), 5);
    e.apply(&Action::SetPersona {
        team: "dhs".into(),
        persona: Some("notifier".into()),
    })
    .unwrap();
    e.apply(&Action::SetPersona {
        team: "cac".into(),
        persona: Some("coop".into()),
    })
    .unwrap();
    e.run_to_end();
    let chose = events_of(&e, |k| matches!(k, EventKind::PersonaChose { .. }));
    assert!(chose.len() >= 2, "{chose:?}");
    // The notifier sends at 30m; the cooperative CAC acknowledges 10m
    // after reading it, meeting the 1h expectation.
    assert_eq!(e.state().messages[0].sent_at, 30);
    let exp = e.world().ids.expectations["cac-acks"];
    assert_eq!(e.state().exps[exp].status, ExpStatus::Met);
    assert!(
        e.state()
            .messages
            .iter()
            .any(|m| m.by_persona && m.reply_to == Some(0))
    );
    // Facilitator-only reasoning.
    assert!(
        e.view(Viewer::Team(0))
            .all(|ev| !matches!(ev.kind, EventKind::PersonaChose { .. }))
    );
    assert!(matches!(e.clone().apply(&Action::Note("x".into())), Ok(())));
    let mut w = Engine::new(common::mechanics(), 5);
    assert!(matches!(
        w.apply(&Action::SetPersona {
            team: "dhs".into(),
            persona: Some("coop".into())
        }),
        Err(ActionError::WrongTeam { .. })
    ));
}

#[test]
fn a_team_never_sees_the_other_teams_private_traffic() {
    let mut e = Engine::new(common::mechanics(), 9);
    e.apply(&Action::SetPersona {
        team: "dhs".into(),
        persona: Some("notifier".into()),
    })
    .unwrap();
    e.apply(&Action::SetPersona {
        team: "cac".into(),
        persona: Some("hawk".into()),
    })
    .unwrap();
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    e.run_to_end();
    let st = e.state();
    for team in 0..2 {
        for ev in e.view(Viewer::Team(team)) {
            let msg = match &ev.kind {
                EventKind::Sent { msg }
                | EventKind::Delivered { msg, .. }
                | EventKind::Readable { msg }
                | EventKind::Lost { msg } => Some(*msg),
                EventKind::AuthStarted { msg, .. } | EventKind::AuthResult { msg, .. } => {
                    Some(*msg)
                }
                EventKind::PersonaChose { .. }
                | EventKind::PersonaBlocked { .. }
                | EventKind::VarChanged { var: 1, .. } => {
                    panic!("team {team} sees {ev:?}")
                }
                _ => None,
            };
            if let Some(m) = msg {
                let m = &st.messages[m as usize];
                let involved = m.from == Some(team) || m.to == Some(team) || m.to.is_none();
                assert!(involved, "team {team} sees message {m:?} via {ev:?}");
                if let EventKind::Sent { .. } = ev.kind {
                    assert!(
                        m.from == Some(team) || m.to.is_none(),
                        "team {team} sees the other side's send {m:?}"
                    );
                }
            }
        }
    }
}
