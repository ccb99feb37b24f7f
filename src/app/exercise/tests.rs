use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::sim::World;

pub(crate) fn world() -> Arc<World> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");
    crate::sim::open::open(Path::new(path))
        .expect("bundled scenario loads")
        .world
}

pub(crate) fn exercise(mode: Mode) -> Exercise {
    Exercise {
        session: Session::new(world(), 7),
        scenario_path: PathBuf::new(),
        mode,
        team: Some(0),
        journal: None,
        header: session::header(&world(), "", 7, None),
        clock: 0.0,
        last_wall: None,
        pause_on_arrival: false,
        end_journalled: false,
        remote: None,
    }
}

/// A windowless app with the clock plugin and a one-second frame.
fn app(ex: Exercise) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)))
        .add_plugins(plugin)
        .insert_resource(ex);
    app
}

#[test]
fn speed_multiplies_the_rate_and_is_journalled() {
    let ex = exercise(Mode::Solo);
    let base = ex.rate();
    let mut app = app(ex);
    app.world_mut().write_message(UiAction::SetSpeed(10));
    app.update();
    let ex = app.world().resource::<Exercise>();
    // The engine starts at 1x, so 10x is ten times the base rate.
    assert_eq!(ex.rate(), base * 10.0);
    assert!(
        ex.session
            .records
            .iter()
            .any(|r| r.action == Action::SetSpeed(10))
    );
}

#[test]
fn a_refused_action_is_shown_not_journalled() {
    let mut app = app(exercise(Mode::Workshop));
    app.world_mut()
        .write_message(UiAction::Submit(Action::FireInject(
            "no-such-inject".into(),
        )));
    app.update();
    assert!(
        app.world()
            .resource::<Exercise>()
            .session
            .records
            .is_empty()
    );
    let toast = app.world().resource::<UiState>().toast.clone();
    assert!(toast.is_some_and(|t| t.contains("no-such-inject")));
}

#[test]
fn workshop_viewer_is_private_only_after_the_curtain_lifts() {
    let ex = exercise(Mode::Workshop);
    let mut ui = UiState::default();
    assert_eq!(ex.viewer(&ui), Viewer::Facilitator);
    ui.handed_to = Some(1);
    assert_eq!(
        ex.viewer(&ui),
        Viewer::Public,
        "curtain down: nothing private"
    );
    ui.revealed = true;
    assert_eq!(ex.viewer(&ui), Viewer::Team(1));
}

#[test]
fn resuming_from_the_launch_rebuilds_the_exact_state() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/wrong-target.ron");
    let (mut ex, warn) =
        start_in(&scenario, Mode::Solo, Some("cac"), Some(42), tmp.path()).unwrap();
    assert_eq!(warn, None);
    ex.submit(Action::Resume).unwrap();
    // The computer plays DHS: its random choices must replay the same.
    ex.session.engine.advance_to(700);
    ex.submit(Action::SetSpeed(5)).unwrap();
    ex.session.engine.advance_to(1300);
    ex.submit(Action::Note("before the break".into())).unwrap();
    ex.session.engine.advance_to(1333);
    // What closing the window journals, so the clock position survives.
    ex.submit(Action::Tick).unwrap();
    let before = crate::sim::state_hash(&ex.session.engine);
    assert!(
        ex.session.engine.events().len() > 20,
        "the persona acted: the test compares a real run"
    );
    let (journal, team, now) = (ex.journal.clone().unwrap(), ex.team, ex.now());
    drop(ex);

    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(Launch {
            resume: Some(journal.clone()),
            ..Default::default()
        })
        .add_plugins(plugin);
    app.update();
    let ex = app
        .world()
        .get_resource::<Exercise>()
        .expect("the journal reopens");
    assert_eq!(crate::sim::state_hash(&ex.session.engine), before);
    assert_eq!((ex.mode, ex.team, ex.now()), (Mode::Solo, team, now));
    assert_eq!(ex.journal.as_deref(), Some(journal.as_path()));
    assert!(ex.session.engine.state().paused || ex.running());
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Briefing
    );
}

#[test]
fn a_journal_that_cannot_be_read_lands_in_the_library_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.journal");
    std::fs::write(&bad, "not a journal\n").unwrap();
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(Launch {
            resume: Some(bad),
            ..Default::default()
        })
        .add_plugins(plugin);
    app.update();
    assert!(app.world().get_resource::<Exercise>().is_none());
    let ui = app.world().resource::<UiState>();
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Library
    );
    assert!(ui.toast.is_some());
}
