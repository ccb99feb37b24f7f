use bevy::prelude::*;

use super::*;
use crate::app::exercise::tests::exercise;

/// A windowless app with the exercise and screen plugins only: each
/// registers what it uses.
fn app(mode: Mode) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .add_plugins((crate::app::exercise::plugin, plugin))
        .insert_resource(exercise(mode));
    app.update();
    app
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn act(app: &mut App, a: UiAction) {
    app.world_mut().write_message(a);
    // The action is read in Update; the state changes on the next frame.
    app.update();
    app.update();
}

#[test]
fn a_screen_is_a_state_that_goto_changes() {
    let mut app = app(Mode::Workshop);
    act(&mut app, UiAction::Goto(Screen::Timeline));
    assert_eq!(screen(&app), Screen::Timeline);
    act(&mut app, UiAction::Goto(Screen::Debrief));
    assert_eq!(screen(&app), Screen::Debrief);
}

#[test]
fn a_solo_student_cannot_open_the_facilitator_console() {
    let mut app = app(Mode::Solo);
    act(&mut app, UiAction::Goto(Screen::Facilitator));
    assert_ne!(screen(&app), Screen::Facilitator);
    assert!(crate::app::topbar::screens_for(Mode::Solo).contains(&screen(&app)));
}

#[test]
fn a_team_holding_the_workshop_screen_stays_on_its_desk() {
    let mut app = app(Mode::Workshop);
    act(&mut app, UiAction::HandTo(Some(1)));
    assert_eq!(screen(&app), Screen::Team);
    act(&mut app, UiAction::Goto(Screen::Facilitator));
    assert_eq!(
        screen(&app),
        Screen::Team,
        "no way to the console from a team seat"
    );
    act(&mut app, UiAction::HandTo(None));
    assert_eq!(screen(&app), Screen::Facilitator);
}

#[test]
fn leaving_goes_to_the_library_and_keeps_the_exercise_to_come_back_to() {
    let mut app = app(Mode::Solo);
    act(&mut app, UiAction::Goto(Screen::Team));
    act(&mut app, UiAction::CloseExercise);
    assert_eq!(screen(&app), Screen::Library);
    assert!(
        app.world().get_resource::<Exercise>().is_some(),
        "still open"
    );
    act(&mut app, UiAction::ReturnToExercise);
    assert_eq!(screen(&app), Screen::Briefing);
}

#[test]
fn a_notice_does_not_follow_the_screen_to_the_next_team() {
    let mut app = app(Mode::Workshop);
    act(&mut app, UiAction::HandTo(Some(0)));
    app.world_mut().resource_mut::<UiState>().toast = Some("sent at +2 h via email".into());
    app.world_mut().resource_mut::<UiState>().confirm_leave = true;
    act(&mut app, UiAction::HandTo(None));
    act(&mut app, UiAction::HandTo(Some(1)));
    let ui = app.world().resource::<UiState>();
    assert_eq!(ui.toast, None);
    assert!(!ui.confirm_leave, "no dialog of the last seat stays open");
}

#[test]
fn leaving_while_a_team_holds_the_screen_gives_it_back_to_the_facilitator() {
    let mut app = app(Mode::Workshop);
    act(&mut app, UiAction::HandTo(Some(1)));
    act(&mut app, UiAction::CloseExercise);
    act(&mut app, UiAction::ReturnToExercise);
    assert_eq!(app.world().resource::<UiState>().handed_to, None);
    assert_eq!(screen(&app), Screen::Facilitator);
}

#[test]
fn a_new_exercise_starts_with_clean_desks() {
    let mut app = app(Mode::Solo);
    app.add_plugins(crate::app::timeline::plugin);
    app.update();
    app.world_mut()
        .resource_mut::<crate::app::team_view::TeamUi>()
        .get(0)
        .draft
        .text = "half-written reply".into();
    app.world_mut()
        .resource_mut::<crate::app::timeline::TimelineState>()
        .scrub = Some(30);
    // Another exercise replaces the open one in place.
    let mut next = exercise(Mode::Solo);
    next.session = crate::sim::Session::new(next.world().clone(), 99);
    app.insert_resource(next);
    app.update();
    let desk = app
        .world_mut()
        .resource_mut::<crate::app::team_view::TeamUi>()
        .get(0)
        .clone();
    assert_eq!(desk.draft.text, "");
    assert_eq!(
        app.world()
            .resource::<crate::app::timeline::TimelineState>()
            .scrub,
        None
    );
}
