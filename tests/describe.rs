//! The timeline's lines speak the participants' language: names, not ids
//! or debug formatting, in English and Chinese.

mod common;

use hotline::scenario::{AuthMethod, Lang};
use hotline::sim::describe::describe;
use hotline::sim::{Action, Engine, EventKind, Viewer};

use common::send;

fn lines(e: &Engine, lang: Lang) -> Vec<String> {
    let (w, st) = (e.world(), e.state());
    e.events()
        .iter()
        .map(|ev| describe(w, st, ev, Viewer::Facilitator, lang))
        .collect()
}

fn line_of(e: &Engine, lang: Lang, pick: impl Fn(&EventKind) -> bool) -> String {
    let (w, st) = (e.world(), e.state());
    let ev = e.events().iter().find(|ev| pick(&ev.kind)).expect("event");
    describe(w, st, ev, Viewer::Facilitator, lang)
}

/// A notification out, a spoof verified out of band, a persona handed over
/// and the tension overridden: most kinds of line in one run.
fn busy_exercise() -> Engine {
    let mut e = Engine::new(common::mechanics(), 3);
    e.apply(&Action::SetPersona {
        team: "cac".into(),
        persona: Some("coop".into()),
    })
    .unwrap();
    e.apply(&send(
        "dhs",
        "email",
        "notify",
        &[("systems", "hospital")],
        None,
    ))
    .unwrap();
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    e.advance_to(700);
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
        method: AuthMethod::OutOfBand,
    })
    .unwrap();
    e.apply(&Action::Override {
        var: "tension".into(),
        value: 40.0,
    })
    .unwrap();
    e.apply(&Action::SetSpeed(5)).unwrap();
    e.advance_to(800);
    e
}

#[test]
fn verifying_a_message_names_the_team_the_message_and_the_method() {
    let e = busy_exercise();
    let started = |k: &EventKind| matches!(k, EventKind::AuthStarted { .. });
    assert_eq!(
        line_of(&e, Lang::En, started),
        "CAC began verifying message 1 (“Warning”) by calling a known number"
    );
    assert_eq!(
        line_of(&e, Lang::Zh, started),
        "网信办开始通过已知电话号码核实第1号消息（“警告”）"
    );
}

#[test]
fn handing_a_team_to_the_computer_names_the_team_and_the_persona() {
    let e = busy_exercise();
    let handed = |k: &EventKind| matches!(k.action(), Some(Action::SetPersona { .. }));
    assert_eq!(
        line_of(&e, Lang::En, handed),
        "CAC is now played by the computer (persona “Cooperative”)"
    );
    assert_eq!(
        line_of(&e, Lang::Zh, handed),
        "网信办现由电脑扮演（角色“合作”）"
    );
}

#[test]
fn an_override_names_the_variable_not_its_id() {
    let e = busy_exercise();
    let set = |k: &EventKind| matches!(k.action(), Some(Action::Override { .. }));
    assert_eq!(line_of(&e, Lang::En, set), "Facilitator set Tension to 40");
    assert_eq!(line_of(&e, Lang::Zh, set), "导演将紧张设为40");
}

#[test]
fn a_persona_choice_says_what_it_chose_and_out_of_how_many_options() {
    let e = busy_exercise();
    let chose = |k: &EventKind| matches!(k, EventKind::PersonaChose { .. });
    let en = line_of(&e, Lang::En, chose);
    assert!(
        en.starts_with(
            "CAC’s computer player (“Cooperative”) chose to send “Acknowledgement” via Hotline email (rule “ack”, 1 of 1 options offered, random draw 0."
        ),
        "{en}"
    );
    let zh = line_of(&e, Lang::Zh, chose);
    assert!(
        zh.starts_with("网信办的电脑角色（“合作”）选择通过热线邮件发送“确认”（规则“ack”"),
        "{zh}"
    );
}

#[test]
fn no_line_leaks_debug_formatting_or_ids() {
    let e = busy_exercise();
    for lang in [Lang::En, Lang::Zh] {
        let all = lines(&e, lang);
        assert!(all.len() > 10, "{all:#?}");
        for l in &all {
            for leak in [
                "OutOfBand",
                "CodeWord",
                "`",
                "#",
                "Some(",
                " cac",
                " dhs",
                "coop",
                "x]",
            ] {
                assert!(!l.contains(leak), "{leak:?} in {l:?}");
            }
        }
    }
}

#[test]
fn a_speed_change_says_how_fast_the_clock_now_runs() {
    let e = busy_exercise();
    let speed = |k: &EventKind| matches!(k.action(), Some(Action::SetSpeed(_)));
    assert_eq!(
        line_of(&e, Lang::En, speed),
        "Clock speed set to 5× (5 exercise minutes per second)"
    );
    assert_eq!(
        line_of(&e, Lang::Zh, speed),
        "时钟调为5倍速（每秒5分钟演练时间）"
    );
}
