//! Hot wash questions that carry a condition are asked only when it held.

mod common;

use std::sync::Arc;

use hotline::scenario::Lang;
use hotline::sim::debrief::hot_wash;
use hotline::sim::{Action, Engine, World};

/// The mechanics fixture with one question always asked and one only if
/// the reserve spoof fired.
fn world() -> Arc<World> {
    let text = common::source("tests/fixtures/engine/mechanics.ron").replace(
        "    personas: [",
        r#"    debrief: (hot_wash: [
        (en: "Who spoke first?", zh: "谁先发言？"),
        (question: (en: "Was the spoofed warning checked?", zh: "伪造警告是否经过核实？"),
         when: Fired("spoof")),
    ]),
    personas: ["#,
    );
    let loaded = hotline::scenario::load_str(&common::path("hot-wash.ron"), &text).unwrap();
    // The fixture's unused actor is its only warning: the questions pass.
    assert!(
        loaded
            .warnings
            .iter()
            .all(|d| d.message.contains("actor `x`")),
        "{:?}",
        loaded.warnings
    );
    Arc::new(World::compile(loaded.scenario))
}

#[test]
fn a_hot_wash_question_about_an_inject_that_fired_is_asked() {
    let mut e = Engine::new(world(), 1);
    e.apply(&Action::FireInject("spoof".into())).unwrap();
    e.apply(&Action::End).unwrap();
    assert_eq!(
        hot_wash(e.world(), e.state(), Lang::En),
        ["Who spoke first?", "Was the spoofed warning checked?"]
    );
    assert_eq!(
        hot_wash(e.world(), e.state(), Lang::Zh),
        ["谁先发言？", "伪造警告是否经过核实？"]
    );
}

#[test]
fn a_hot_wash_question_with_an_unmet_condition_is_left_out() {
    let mut e = Engine::new(world(), 1);
    e.apply(&Action::End).unwrap();
    assert_eq!(
        hot_wash(e.world(), e.state(), Lang::En),
        ["Who spoke first?"]
    );
}

#[test]
fn a_conditional_question_leaves_the_run_unchanged() {
    // Same seed and actions with and without the debrief: same events.
    let run = |w: Arc<World>| {
        let mut e = Engine::new(w, 5);
        e.apply(&Action::FireInject("spoof".into())).unwrap();
        e.run_to_end();
        e.events().to_vec()
    };
    assert_eq!(run(world()), run(common::mechanics()));
}
