use super::*;
use crate::app::exercise::tests::world;
use crate::sim::Action;

fn engine() -> Engine {
    Engine::new(world(), 3)
}

fn inject_seq(e: &Engine, id: &str) -> u32 {
    let i = e
        .world()
        .scenario
        .injects
        .iter()
        .position(|j| j.id == id)
        .unwrap();
    e.events()
        .iter()
        .find(|ev| matches!(ev.kind, EventKind::InjectFired { inject, .. } if inject == i))
        .map(|ev| ev.seq)
        .unwrap_or_else(|| panic!("{id} fired"))
}

#[test]
fn an_inject_for_one_team_reaches_it_with_its_full_text_and_not_the_other() {
    let mut e = engine();
    e.advance_to(40);
    let seq = inject_seq(&e, "i_indicators");
    let def = e
        .world()
        .scenario
        .injects
        .iter()
        .find(|j| j.id == "i_indicators")
        .unwrap()
        .clone();
    let dhs = news(&e, Viewer::Team(0), Lang::En);
    let item = dhs.iter().find(|n| n.seq == seq).expect("DHS got it");
    assert_eq!(item.title, def.title.en);
    assert_eq!(item.text, def.text.en);
    assert!(!item.text.is_empty(), "the scenario gives it a text");
    assert!(!item.public);
    let zh = news(&e, Viewer::Team(0), Lang::Zh);
    assert_eq!(zh.iter().find(|n| n.seq == seq).unwrap().text, def.text.zh);
    assert!(
        news(&e, Viewer::Team(1), Lang::En)
            .iter()
            .all(|n| n.seq != seq),
        "CAC never sees DHS's analysis"
    );
    assert!(
        news(&e, Viewer::Public, Lang::En)
            .iter()
            .all(|n| n.seq != seq)
    );
}

#[test]
fn public_news_and_a_fired_reserve_reach_both_teams() {
    let mut e = engine();
    e.advance_to(60);
    e.apply(&Action::FireInject("i_second_hospital".into()))
        .unwrap();
    let seq = inject_seq(&e, "i_second_hospital");
    for t in 0..2 {
        let n = news(&e, Viewer::Team(t), Lang::En);
        let item = n.iter().find(|n| n.seq == seq).expect("both teams read it");
        assert!(item.public);
    }
}

#[test]
fn a_facilitators_custom_inject_reaches_only_its_team() {
    let mut e = engine();
    e.apply(&Action::CustomInject {
        to: crate::sim::Audience::Team("cac".into()),
        title: crate::scenario::Text {
            en: "Minister calls".into(),
            zh: String::new(),
        },
        text: crate::scenario::Text {
            en: "The minister wants a briefing in one hour.".into(),
            zh: String::new(),
        },
    })
    .unwrap();
    let cac = news(&e, Viewer::Team(1), Lang::En);
    assert_eq!(
        cac.last().map(|n| n.text.as_str()),
        Some("The minister wants a briefing in one hour.")
    );
    assert!(
        news(&e, Viewer::Team(0), Lang::En)
            .iter()
            .all(|n| n.title != "Minister calls")
    );
}

#[test]
fn a_spoofs_victim_reads_its_body_and_only_the_facilitator_reads_its_purpose() {
    let i = world()
        .scenario
        .injects
        .iter()
        .position(|j| j.id == "i_spoof_warning")
        .unwrap();
    // The spoof fires with probability 0.7: take the first seed where it did.
    let (e, ev, m) = (0..20)
        .find_map(|seed| {
            let mut e = Engine::new(world(), seed);
            e.advance_to(14 * 60);
            let found = e.events().iter().find_map(|ev| match ev.kind {
                EventKind::Readable { msg } if e.state().message(msg)?.spoof == Some(i) => {
                    Some((ev.clone(), msg))
                }
                _ => None,
            });
            found.map(|(ev, m)| (e, ev, m))
        })
        .expect("the spoof reached CAC and was read");
    let body = e.state().message(m).unwrap().text.clone();
    let note = e.world().scenario.injects[i].text.get(Lang::En).to_string();
    let victim = event_text(&e, &ev, Viewer::Team(1), Lang::En).unwrap();
    assert!(victim.contains(&*body));
    assert!(
        !victim.contains(&note),
        "the victim is not told it is a spoof"
    );
    let fac = event_text(&e, &ev, Viewer::Facilitator, Lang::En).unwrap();
    assert!(fac.contains(&note));
    assert_eq!(event_text(&e, &ev, Viewer::Team(0), Lang::En), None);
}

#[test]
fn a_module_end_asks_each_team_its_own_questions_and_the_facilitator_all() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engine/decisions.ron"
    );
    let w = crate::sim::open::open(std::path::Path::new(path))
        .expect("fixture loads")
        .world;
    let mut e = Engine::new(w, 1);
    e.advance_to(130);
    let end = |v: Viewer| {
        news(&e, v, Lang::En)
            .into_iter()
            .find(|n| n.title.starts_with("End of module 1"))
            .expect("the module's end is news")
            .text
    };
    let (cac, dhs, fac) = (
        end(Viewer::Team(0)),
        end(Viewer::Team(1)),
        end(Viewer::Facilitator),
    );
    assert!(
        !cac.contains("Whom do you notify first?"),
        "DHS's question: {cac}"
    );
    assert!(cac.contains("What do you know for sure?"));
    assert!(dhs.contains("Whom do you notify first?"));
    assert!(fac.contains("[DHS] Whom do you notify first?"));
    let update = news(&e, Viewer::Team(0), Lang::En)
        .into_iter()
        .find(|n| n.title.starts_with("Module 1"))
        .expect("the first module's update");
    assert_eq!(update.text, "Hospitals report encrypted servers.");
    assert!(
        !news(&e, Viewer::Team(0), Lang::En)
            .iter()
            .any(|n| n.title.contains("really happened")),
        "the truth is not news for a team"
    );
}
