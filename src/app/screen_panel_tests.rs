//! Panel tests for the frame around the screens: top bar, dialogs, the
//! library's way back, help and the situation feed.

use bevy_egui::egui;
use std::path::PathBuf;

use super::dialogs::{EndVm, end_body, leave_body};
use super::library::{Library, OpenVm, Picker, Unfinished, library_panel};
use super::panel_tests::{click, find_text, frame, world};
use super::topbar::{TopbarVm, topbar};
use super::{Mode, Screen, UiAction};
use crate::scenario::{Lang, Text};
use crate::sim::{Action, Engine};

fn shapes_of(mut f: impl FnMut(&mut egui::Ui)) -> Vec<egui::Shape> {
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    frame(&ctx, vec![], |ui| f(ui));
    frame(&ctx, vec![], |ui| f(ui))
}

fn bar(handed_over: bool) -> TopbarVm {
    TopbarVm {
        lang: Lang::En,
        mode: Mode::Workshop,
        screen: Screen::Facilitator,
        title: "Wrong Target".into(),
        now: 130,
        utc: "2026-02-10 16:10Z".into(),
        paused: true,
        ended: false,
        speed: 1,
        base_rate: 2,
        journalled: true,
        pause_on_arrival: false,
        handed_over,
        outcome: None,
    }
}

#[test]
fn a_team_holding_the_screen_sees_the_clock_but_no_controls_or_tabs() {
    let facilitator = shapes_of(|ui| {
        topbar(ui, &bar(false));
    });
    for t in ["⏏ Library", "▶ Resume", "Facilitator", "2 h / min"] {
        assert!(
            find_text(&facilitator, t).is_some(),
            "the facilitator has {t}"
        );
    }
    let team = shapes_of(|ui| {
        topbar(ui, &bar(true));
    });
    for t in ["⏏ Library", "▶ Resume", "Facilitator", "2 h / min"] {
        assert!(find_text(&team, t).is_none(), "a team seat has no {t}");
    }
    assert!(
        find_text(&team, "PAUSED").is_some(),
        "but it sees the clock stopped"
    );
}

#[test]
fn speeds_are_labelled_in_exercise_time_per_real_minute() {
    assert_eq!(super::topbar::pace_label(2, Lang::En), "2 h / min");
    assert_eq!(super::topbar::pace_label(120, Lang::Zh), "每分钟120小时");
}

#[test]
fn the_end_notice_names_the_outcome_and_leads_to_the_debrief() {
    let mut e = Engine::new(world(), 2);
    e.apply(&Action::End).unwrap();
    let vm = EndVm::build(&e, Lang::En);
    let out = click(
        |ui| {
            let mut out = Vec::new();
            end_body(ui, &vm, &mut out);
            out
        },
        "Open the debrief",
    );
    assert_eq!(
        out,
        vec![UiAction::DismissEnd, UiAction::Goto(Screen::Debrief)]
    );
    if let Some((title, _, _)) = &vm.outcome {
        let shapes = shapes_of(|ui| end_body(ui, &vm, &mut Vec::new()));
        assert!(find_text(&shapes, title).is_some());
    }
}

#[test]
fn leaving_asks_first_and_staying_changes_nothing() {
    let body = |ui: &mut egui::Ui| {
        let mut out = Vec::new();
        leave_body(ui, Lang::En, &mut out);
        out
    };
    assert_eq!(
        click(body, "Go to the library"),
        vec![UiAction::CloseExercise]
    );
    assert_eq!(click(body, "Stay"), vec![UiAction::StayInExercise]);
}

#[test]
fn the_library_leads_back_to_the_open_exercise_and_lists_the_others() {
    let lib = Library {
        entries: Vec::new(),
        unfinished: ["a", "b"]
            .iter()
            .map(|n| Unfinished {
                journal: PathBuf::from(format!("/j/{n}.journal")),
                scenario: format!("s-{n}"),
                title: Text {
                    en: format!("Exercise {n}"),
                    zh: String::new(),
                },
                minute: 90,
                solo_team: None,
                saved: "2026-11-30 09:40".into(),
            })
            .collect(),
        broken: Vec::new(),
    };
    let open = OpenVm {
        title: "Wrong Target".into(),
        minute: 30,
        ended: false,
        journal: Some(PathBuf::from("/j/a.journal")),
    };
    let mut picker = Picker::default();
    let out = click(
        |ui| library_panel(ui, &lib, Some(&open), &mut picker, Lang::En),
        "Back to the exercise",
    );
    assert_eq!(out, vec![UiAction::ReturnToExercise]);
    let shapes = shapes_of(|ui| {
        library_panel(ui, &lib, Some(&open), &mut picker, Lang::En);
    });
    assert!(
        find_text(&shapes, "Unfinished exercises (1)").is_some(),
        "the open one is not listed twice"
    );
    let out = click(
        |ui| library_panel(ui, &lib, None, &mut picker, Lang::En),
        "Resume",
    );
    assert_eq!(out, vec![UiAction::Resume(PathBuf::from("/j/a.journal"))]);
}

#[test]
fn help_opens_on_the_guide_for_the_seat() {
    use super::help::{Seat, help_body};
    let team = shapes_of(|ui| help_body(ui, Lang::En, Seat::Team));
    let first_team_line =
        "1. Read your briefing and objectives first: the clock starts when you press Resume.";
    assert!(find_text(&team, first_team_line).is_some());
    let fac = shapes_of(|ui| help_body(ui, Lang::Zh, Seat::Facilitator));
    assert!(
        find_text(&fac, first_team_line).is_none(),
        "the team guide is folded"
    );
    assert!(find_text(&fac, "玩法：导演").is_some());
}

#[test]
fn news_stays_marked_new_until_its_tab_is_left() {
    use super::team_view::{Desk, Draft, TeamTab, TeamVm, team_panel};
    let mut e = Engine::new(world(), 3);
    e.advance_to(40);
    let vm = TeamVm::build(&e, 0, Lang::En, &Draft::default());
    assert!(!vm.news.is_empty(), "DHS has news by +40 min");
    let mut desk = Desk {
        tab: TeamTab::Situation,
        last_tab: TeamTab::Situation,
        ..Desk::default()
    };
    let shapes = shapes_of(|ui| {
        team_panel(ui, &vm, &mut desk);
    });
    assert!(find_text(&shapes, "NEW").is_some(), "new on first sight");
    let shapes = shapes_of(|ui| {
        team_panel(ui, &vm, &mut desk);
    });
    assert!(
        find_text(&shapes, "NEW").is_some(),
        "still new while the tab is open"
    );
    desk.tab = TeamTab::Inbox;
    shapes_of(|ui| {
        team_panel(ui, &vm, &mut desk);
    });
    desk.tab = TeamTab::Situation;
    let shapes = shapes_of(|ui| {
        team_panel(ui, &vm, &mut desk);
    });
    assert!(
        find_text(&shapes, "NEW").is_none(),
        "read once the tab was left"
    );
}
