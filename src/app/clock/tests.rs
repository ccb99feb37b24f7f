use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;
use crate::app::exercise::tests::exercise;

/// A windowless app with the exercise and clock plugins, a wall clock the
/// test moves by hand, and Bevy's own frame time set to `frame`.
fn app(ex: Exercise, frame: Duration) -> (App, Arc<Mutex<f64>>) {
    let (wall, handle) = WallClock::manual();
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(TimeUpdateStrategy::ManualDuration(frame))
        .add_plugins((crate::app::exercise::plugin, plugin))
        .insert_resource(wall)
        .insert_resource(ex);
    (app, handle)
}

fn now(app: &App) -> u32 {
    app.world().resource::<Exercise>().now()
}

/// One frame after `secs` of wall time.
fn frame_after(app: &mut App, wall: &Arc<Mutex<f64>>, secs: f64) {
    *wall.lock().unwrap() += secs;
    app.update();
}

#[test]
fn the_clock_follows_wall_time_and_stops_while_paused() {
    let ex = exercise(Mode::Workshop);
    let rate = ex.rate();
    assert!(rate >= 1.0);
    let (mut app, wall) = app(ex, Duration::from_secs(1));
    // The first frame only establishes the wall-clock reference.
    frame_after(&mut app, &wall, 0.0);
    let t0 = now(&app);
    frame_after(&mut app, &wall, 1.0);
    frame_after(&mut app, &wall, 1.0);
    assert_eq!(
        now(&app) - t0,
        2 * rate as u32,
        "two seconds at {rate} min/s"
    );

    app.world_mut().write_message(UiAction::TogglePause);
    frame_after(&mut app, &wall, 0.0);
    let paused_at = now(&app);
    for _ in 0..5 {
        frame_after(&mut app, &wall, 1.0);
    }
    assert_eq!(now(&app), paused_at, "a paused clock does not move");
    let records = &app.world().resource::<Exercise>().session.records;
    assert!(matches!(
        records.last().map(|r| &r.action),
        Some(Action::Pause)
    ));
}

#[test]
fn resuming_after_a_pause_without_redraws_does_not_jump_the_clock() {
    // The reported bug: paused at 60x, no frame drawn for 30 s, then one
    // click on Resume ended the exercise. Bevy's frame time is made to
    // misbehave the way it did (the first frame after the idle pause
    // reports the whole pause): the exercise clock must not care.
    let ex = exercise(Mode::Workshop);
    let (mut app, wall) = app(ex, Duration::from_secs(1));
    app.world_mut().write_message(UiAction::SetSpeed(60));
    frame_after(&mut app, &wall, 0.0);
    frame_after(&mut app, &wall, 1.0);
    app.world_mut().write_message(UiAction::TogglePause);
    frame_after(&mut app, &wall, 0.5);
    let paused_at = now(&app);
    let rate = app.world().resource::<Exercise>().rate();

    // 30 s paused, and the app sleeps: no frames at all.
    *wall.lock().unwrap() += 30.0;
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(30)));
    app.world_mut().write_message(UiAction::TogglePause);
    frame_after(&mut app, &wall, 0.0);
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
    frame_after(&mut app, &wall, 1.0);

    let ex = app.world().resource::<Exercise>();
    assert!(!ex.session.engine.ended(), "the exercise did not run out");
    let moved = now(&app) - paused_at;
    assert!(
        moved <= rate as u32 + 1,
        "one running second moves {rate} minutes, not {moved}"
    );
    assert!(moved > 0, "the clock runs again after Resume");
}

#[test]
fn a_wall_gap_longer_than_any_frame_counts_only_as_the_longest_frame() {
    let ex = exercise(Mode::Workshop);
    let rate = ex.rate();
    let (mut app, wall) = app(ex, Duration::from_secs(1));
    frame_after(&mut app, &wall, 0.0);
    let t0 = now(&app);
    // A laptop asleep for an hour while the exercise ran.
    frame_after(&mut app, &wall, 3600.0);
    assert_eq!(
        f64::from(now(&app) - t0),
        (MAX_FRAME_GAP * rate).floor(),
        "a sleeping machine is not exercise time"
    );
}

#[test]
fn a_solo_clock_pauses_when_something_reaches_the_student() {
    let mut ex = exercise(Mode::Solo);
    ex.pause_on_arrival = true;
    let (mut app, wall) = app(ex, Duration::from_secs(1));
    frame_after(&mut app, &wall, 0.0);
    // Run until the clock stops by itself (bounded).
    for _ in 0..2000 {
        frame_after(&mut app, &wall, 1.0);
        if app
            .world()
            .resource::<Exercise>()
            .session
            .engine
            .state()
            .paused
        {
            break;
        }
    }
    let ex = app.world().resource::<Exercise>();
    let e = &ex.session.engine;
    assert!(
        e.state().paused,
        "something reached DHS and the clock stopped"
    );
    let last = e.events().iter().rev().find(|ev| is_arrival(ev, e, &[0]));
    assert_eq!(
        last.map(|ev| ev.t),
        Some(e.now()),
        "paused at the minute of the arrival, not a frame later"
    );
    assert!(matches!(
        ex.session.records.last().map(|r| &r.action),
        Some(Action::Pause)
    ));
}

#[test]
fn next_event_runs_a_paused_clock_on_to_the_next_arrival_and_journals_it() {
    let mut ex = exercise(Mode::Solo);
    ex.submit(Action::Pause).unwrap();
    let before = ex.now();
    ex.next_event().unwrap();
    let e = &ex.session.engine;
    assert!(e.now() > before, "time moved on");
    assert!(e.state().paused, "still paused: the student reads first");
    assert!(
        e.events()
            .iter()
            .any(|ev| ev.t == e.now() && is_arrival(ev, e, &[0])),
        "stopped where something reached DHS"
    );
    assert!(matches!(
        ex.session.records.last().map(|r| (&r.action, r.t)),
        Some((Action::Tick, t)) if t == ex.now()
    ));
}

#[test]
fn another_teams_message_is_not_an_arrival_for_its_sender() {
    let mut ex = exercise(Mode::Workshop);
    let w = ex.world().clone();
    for t in &w.scenario.teams {
        let p = w.scenario.personas.iter().find(|p| p.team == t.id).unwrap();
        ex.submit(Action::SetPersona {
            team: t.id.clone(),
            persona: Some(p.id.clone()),
        })
        .unwrap();
    }
    ex.session.engine.run_to_end();
    let e = &ex.session.engine;
    let mut checked = 0;
    for ev in e.events() {
        if let EventKind::Readable { msg } = ev.kind {
            let m = e.state().message(msg).unwrap();
            if let (Some(from), Some(to)) = (m.from, m.to) {
                assert!(!is_arrival(ev, e, &[from]) || from == to);
                assert!(is_arrival(ev, e, &[to]));
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the personas wrote to each other");
}

#[test]
fn an_exercise_that_runs_out_journals_its_end() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/wrong-target.ron");
    let (mut ex, _) =
        crate::app::exercise::start_in(&scenario, Mode::Workshop, None, Some(4), tmp.path())
            .unwrap();
    ex.submit(Action::Resume).unwrap();
    ex.submit(Action::SetSpeed(60)).unwrap();
    let journal = ex.journal.clone().unwrap();
    let (mut app, wall) = app(ex, Duration::from_secs(1));
    frame_after(&mut app, &wall, 0.0);
    let mut resumed = 0;
    for _ in 0..2000 {
        frame_after(&mut app, &wall, 1.0);
        let mut ex = app.world_mut().resource_mut::<Exercise>();
        if ex.session.engine.ended() {
            break;
        }
        // The clock stops at each module's end, as a facilitator would
        // want; the facilitator resumes.
        if ex.session.engine.state().paused {
            ex.submit(Action::Resume).unwrap();
            resumed += 1;
        }
    }
    let ex = app.world().resource::<Exercise>();
    assert!(ex.session.engine.ended());
    assert!(resumed > 0, "Wrong Target's modules stop the clock");
    let j = crate::sim::journal::Journal::read(&journal).unwrap();
    let replayed = crate::sim::Session::replay(ex.world().clone(), &j).unwrap();
    assert!(replayed.engine.ended(), "the journal reaches the end");
    assert_eq!(
        crate::sim::state_hash(&replayed.engine),
        crate::sim::state_hash(&ex.session.engine)
    );
}

#[test]
fn next_event_at_the_end_journals_the_end() {
    let mut ex = exercise(Mode::Solo);
    ex.submit(Action::Pause).unwrap();
    for _ in 0..500 {
        if ex.session.engine.ended() {
            break;
        }
        ex.next_event().unwrap();
    }
    assert!(ex.session.engine.ended());
    assert_eq!(ex.session.records.last().map(|r| r.t), Some(ex.now()));
}

#[test]
fn a_workshop_clock_stops_at_a_module_end_for_discussion() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engine/decisions.ron"
    );
    let w = crate::sim::open::open(std::path::Path::new(path))
        .expect("fixture loads")
        .world;
    let mut ex = exercise(Mode::Workshop);
    ex.session = crate::sim::Session::new(w, 1);
    ex.pause_on_arrival = false;
    let (mut app, wall) = app(ex, Duration::from_secs(1));
    frame_after(&mut app, &wall, 0.0);
    for _ in 0..2000 {
        frame_after(&mut app, &wall, 1.0);
        if app
            .world()
            .resource::<Exercise>()
            .session
            .engine
            .state()
            .paused
        {
            break;
        }
    }
    let ex = app.world().resource::<Exercise>();
    assert_eq!(ex.now(), 120, "the module `detect` ends at 2 h");
    assert!(ex.session.engine.state().paused);
    assert!(matches!(
        ex.session.records.last().map(|r| &r.action),
        Some(Action::Pause)
    ));
}
