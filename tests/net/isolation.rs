//! Isolation as a property: over every bundled plan and several seeds, with
//! a unique marker in every private text (briefings, messages, notes,
//! injects, persona messages), no seat is ever sent a marker it may not
//! read, and the events each seat receives are exactly the engine's view
//! for it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use hotline::net::local::LocalSeat;
use hotline::net::proto::{Seat, ServerFrame};
use hotline::net::seat::SeatModel;
use hotline::net::view;
use hotline::scenario::{PersonaAct, Via};
use hotline::sim::journal::Journal;
use hotline::sim::open::Opened;
use hotline::sim::plan::{Plan, Step};
use hotline::sim::{ActionOf, Engine, EventKind, Session, Viewer};

use super::support::*;

/// The scenario with a marker in every private text.
fn marked(o: &Opened) -> Opened {
    let mut s = o.world.scenario.clone();
    for t in &mut s.teams {
        t.briefing.en.push_str(&format!(" ⟨BRIEF-{}⟩", t.id));
    }
    for i in &mut s.injects {
        i.title.en.push_str(&format!(" ⟨INJ-{}⟩", i.id));
        i.text.en.push_str(&format!(" ⟨INJ-{}⟩", i.id));
        if let Via::Spoof { body, .. } = &mut i.via {
            body.en.push_str(&format!(" ⟨BODY-{}⟩", i.id));
            body.zh.push_str(&format!(" ⟨BODY-{}⟩", i.id));
        }
    }
    for p in &mut s.personas {
        for (r, rule) in p.rules.iter_mut().enumerate() {
            for (c, choice) in rule.choices.iter_mut().enumerate() {
                if let PersonaAct::Send { text, .. } = &mut choice.act {
                    text.en.push_str(&format!(" ⟨PERS-{}-{r}-{c}⟩", p.id));
                    text.zh.push_str(&format!(" ⟨PERS-{}-{r}-{c}⟩", p.id));
                }
            }
        }
    }
    let source = ron::ser::to_string(&s).expect("a scenario writes as RON");
    let loaded = hotline::scenario::load_str(&o.path, &source).expect("the marked scenario loads");
    Opened {
        world: Arc::new(hotline::sim::World::compile(loaded.scenario)),
        source,
        path: o.path.clone(),
    }
}

/// The plan with a marker in every message a team sends, and a
/// facilitator's note early on.
fn marked_plan(p: &Plan) -> Plan {
    let mut p = p.clone();
    for (i, s) in p.steps.iter_mut().enumerate() {
        if let ActionOf::Send { text, team, .. } = &mut s.act {
            text.push_str(&format!(" ⟨MSG-{i}-{team}⟩"));
        }
    }
    p.steps.push(Step {
        at: hotline::scenario::Minutes(5),
        act: ActionOf::Note("⟨NOTE-FAC⟩".into()),
    });
    p
}

/// Every marker in `text`.
fn markers(text: &str) -> Vec<String> {
    text.split('⟨')
        .skip(1)
        .filter_map(|s| s.split_once('⟩').map(|(m, _)| m.to_string()))
        .collect()
}

/// Who may ever read each marker, from the finished engine.
fn readers(e: &Engine) -> BTreeMap<String, Vec<Viewer>> {
    let w = e.world();
    let s = &w.scenario;
    let teams = s.teams.len();
    let mut may: BTreeMap<String, Vec<Viewer>> = BTreeMap::new();
    let mut allow = |m: String, v: Viewer| may.entry(m).or_default().push(v);
    for (t, team) in s.teams.iter().enumerate() {
        allow(format!("BRIEF-{}", team.id), Viewer::Team(t));
    }
    for ev in e.events() {
        if let EventKind::InjectFired { inject, msg: None } = ev.kind {
            for v in (0..teams).map(Viewer::Team).chain([Viewer::Public]) {
                if ev.vis.allows(v) {
                    allow(format!("INJ-{}", s.injects[inject].id), v);
                }
            }
        }
    }
    for m in &e.state().messages {
        for mk in markers(&m.text) {
            for v in (0..teams).map(Viewer::Team).chain([Viewer::Public]) {
                let sender = matches!(v, Viewer::Team(t) if m.from == Some(t) && m.spoof.is_none());
                let reader = m.readable_at.is_some()
                    && match v {
                        Viewer::Team(t) => m.to.is_none_or(|to| to == t) && m.from != Some(t),
                        _ => m.to.is_none(),
                    };
                if sender || reader {
                    allow(mk.clone(), v);
                }
            }
        }
    }
    may
}

#[test]
fn no_seat_is_ever_sent_what_it_may_not_see_over_many_plans_and_seeds() {
    let mut runs = 0;
    for (id, path) in plans() {
        let base = scenario(&id);
        let opened = marked(&base);
        let plan = marked_plan(&plan(&path));
        for seed in [plan.seed.unwrap_or(1), 11, 12] {
            let dir = tempfile::tempdir().unwrap();
            let journal = dir.path().join("j.journal");
            let (server, hosted) = host(&opened, seed, Some(&journal));
            let logs: BTreeMap<String, Log> = hosted
                .codes
                .keys()
                .map(|s| (s.clone(), Arc::new(Mutex::new(Vec::new()))))
                .collect();
            let results = play_all(
                &server.url(),
                &hosted.codes,
                roles(&opened, &plan),
                |seat| recording(logs[seat].clone()),
                |_| Box::new(|_| {}),
            );
            for (seat, r) in &results {
                r.as_ref()
                    .unwrap_or_else(|e| panic!("{id} seed {seed} {seat}: {e}"));
            }
            drop(server);
            let j = Journal::read(&journal).unwrap();
            let e = Session::replay(opened.world.clone(), &j).unwrap().engine;
            let local = |seat: Seat| {
                let s = Session::replay(opened.world.clone(), &j).unwrap();
                LocalSeat::new(s, seat).unwrap()
            };
            assert!(
                e.ended(),
                "{id} seed {seed}: the journal holds the whole run"
            );
            let may = readers(&e);
            for (seat, log) in &logs {
                let log = log.lock().unwrap();
                let seat = match seat.as_str() {
                    "facilitator" => Seat::Facilitator,
                    "observer" => Seat::Observer,
                    t => Seat::Team(t.to_string()),
                };
                check_seat(&e, &seat, &log, &may, &format!("{id} seed {seed}"));
                same_as_local(&mut local(seat.clone()), &log, &format!("{id} seed {seed}"));
            }
            runs += 1;
        }
    }
    assert!(runs >= 27, "{runs} runs");
}

fn check_seat(
    e: &Engine,
    seat: &Seat,
    log: &[String],
    may: &BTreeMap<String, Vec<Viewer>>,
    case: &str,
) {
    let viewer = view::viewer(e.world(), seat).unwrap();
    let who = format!("{case}: seat {}", seat.name());
    // The events: exactly the engine's view, in order, none twice.
    let got: Vec<serde_json::Value> = event_frames(log)
        .iter()
        .flat_map(|f| f["events"].as_array().cloned().unwrap_or_default())
        .collect();
    let want: Vec<serde_json::Value> = e
        .view(viewer)
        .enumerate()
        .map(|(n, ev)| {
            let mut ev = ev.clone();
            ev.seq = n as u32;
            serde_json::to_value(ev).unwrap()
        })
        .collect();
    if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        panic!(
            "{who}: event {i} of {} (engine {}) differs from the engine's view:\n got {:?}\nwant {:?}",
            got.len(),
            want.len(),
            got.get(i),
            want.get(i)
        );
    }
    if viewer == Viewer::Facilitator {
        return;
    }
    let all = log.concat();
    for mk in markers(&all) {
        let ok = may.get(&mk).is_some_and(|v| v.contains(&viewer));
        assert!(ok, "{who} was sent marker {mk}");
    }
    for word in [
        "PersonaChose",
        "PersonaBlocked",
        "InjectSkipped",
        "ExpectationM",
    ] {
        assert!(!all.contains(word), "{who} was sent a {word}");
    }
    // No message body reaches a reader before the message is readable.
    for f in event_frames(log) {
        for m in f["messages"].as_array().cloned().unwrap_or_default() {
            let mine = matches!(viewer, Viewer::Team(t) if m["from"] == t && m["spoof"].is_null());
            if !mine && m["text"] != "" {
                assert_eq!(m["status"], "Readable", "{who}: an unreadable body: {m}");
            }
        }
    }
}

#[test]
fn a_seats_scenario_still_loads_and_holds_no_other_teams_briefing_or_persona_rules() {
    for (id, _) in plans()
        .into_iter()
        .take(1)
        .chain(["poisoned-update", "wrong-target"].map(|s| (s.to_string(), Default::default())))
    {
        let o = marked(&scenario(&id));
        let teams = o.world.scenario.teams.len();
        for v in (0..teams).map(Viewer::Team).chain([Viewer::Public]) {
            let s = view::scenario(&o.world.scenario, v);
            let text = ron::ser::to_string(&s).unwrap();
            // The app can compile it into a World like any scenario.
            let loaded = hotline::scenario::load_str(&o.path, &text).unwrap_or_else(|d| {
                panic!(
                    "{id} {v:?}: {:?}",
                    d.iter().filter(|d| d.is_error()).collect::<Vec<_>>()
                )
            });
            assert_eq!(loaded.scenario.teams.len(), teams);
            for (t, team) in s.teams.iter().enumerate() {
                let marker = format!("⟨BRIEF-{}⟩", team.id);
                assert_eq!(
                    text.contains(&marker),
                    v == Viewer::Team(t),
                    "{id} {v:?} {marker}"
                );
            }
            assert!(s.personas.iter().all(|p| p.rules.is_empty()), "{id} {v:?}");
            assert!(
                !text.contains("⟨INJ-") && !text.contains("⟨PERS-"),
                "{id} {v:?}"
            );
        }
    }
}

/// The picture a remote seat folded from its frames is the one a local seat
/// of the same exercise shows: the app's panels need one path for both.
fn same_as_local(local: &mut LocalSeat, log: &[String], case: &str) {
    let mut remote: Option<SeatModel> = None;
    for t in log {
        let f: ServerFrame = serde_json::from_str(t).unwrap();
        match (&f, &mut remote) {
            (ServerFrame::Welcome(w), _) => remote = Some(SeatModel::new(w, false)),
            (_, Some(m)) => m.apply(&f).unwrap(),
            _ => {}
        }
    }
    let remote = remote.expect("welcomed");
    let local = local.model();
    let who = format!("{case}: seat {}", remote.seat.name());
    assert_eq!(json(&remote.events), json(&local.events), "{who}: events");
    assert_eq!(
        json(&remote.messages),
        json(&local.messages),
        "{who}: messages"
    );
    assert_eq!(
        json(&remote.scenario),
        json(&local.scenario),
        "{who}: scenario"
    );
    assert_eq!(remote.ended, local.ended, "{who}: the end");
}

/// Values compared as JSON (the scenario has no `PartialEq`).
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn a_team_seats_scenario_keeps_the_hidden_truth_and_the_other_teams_module_questions_out() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/engine/decisions.ron");
    let o = hotline::sim::open::open(&path).expect("fixture loads");
    let full = &o.world.scenario;
    assert!(!full.truths.is_empty());
    for (v, keeps_dhs_question) in [
        (Viewer::Team(0), false),
        (Viewer::Team(1), true),
        (Viewer::Public, false),
    ] {
        let s = view::scenario(full, v);
        let text = ron::ser::to_string(&s).unwrap();
        assert!(
            !text.contains("false flag") && !text.contains("criminal crew"),
            "{v:?}"
        );
        assert!(s.truths.is_empty(), "{v:?}");
        assert_eq!(
            text.contains("Whom do you notify first?"),
            keeps_dhs_question,
            "{v:?}"
        );
        assert!(text.contains("What do you know for sure?"), "{v:?}");
        hotline::scenario::load_str(&path, &text).unwrap_or_else(|d| panic!("{v:?}: {d:?}"));
    }
    let fac = ron::ser::to_string(&view::scenario(full, Viewer::Facilitator)).unwrap();
    assert!(fac.contains("false flag"));
}
