//! Compiling a checked scenario, and the one place that still can fail:
//! plan conditions, which the scenario checks never see.

mod common;

use hotline::scenario::{Cond, IdKind, ids};

#[test]
fn a_plan_condition_naming_an_unknown_id_fails_with_its_kind_and_id() {
    let w = common::mechanics();
    let c = Cond::All(vec![
        Cond::Reached("calm".into()),
        Cond::Fired("no-such-inject".into()),
        Cond::Met("no-such-expectation".into()),
    ]);
    // The first unknown id is the one reported.
    assert_eq!(
        w.compile_cond(&c).unwrap_err(),
        "unknown inject `no-such-inject`"
    );
}

#[test]
fn a_plan_condition_naming_known_ids_compiles() {
    let w = common::mechanics();
    let c = Cond::Not(Box::new(Cond::Reached("calm".into())));
    assert!(w.compile_cond(&c).is_ok());
}

#[test]
fn every_declared_id_maps_to_its_position_among_its_kind() {
    for path in [
        "scenarios/wrong-target.ron",
        "scenarios/borrowed-flag.ron",
        "scenarios/poisoned-update.ron",
        "scenarios/safe-conduct.ron",
        "tests/fixtures/engine/mechanics.ron",
    ] {
        let w = common::world(path);
        for kind in IdKind::ALL {
            let declared = ids::declared(&w.scenario, kind);
            let map = w.ids.of_kind(kind);
            assert_eq!(map.len(), declared.len(), "{path}: {kind:?}");
            for d in declared {
                assert_eq!(map[d.id], d.index, "{path}: {kind:?} `{}`", d.id);
            }
        }
    }
}
