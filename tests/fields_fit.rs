//! `fields::fits`, the engine's quick check of a message's fields, says
//! yes exactly when `fields::problems` finds nothing.

mod common;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use hotline::scenario::fields::{fits, problems};
use hotline::scenario::model::{Field, FieldKind, MessageType};
use proptest::prelude::*;

const IDS: [&str; 4] = ["a", "b", "bb", "c"];
const VALUES: [&str; 7] = ["", " ", "1.5", " 2 ", "x", "yes", "inf"];

fn kind(k: u8) -> FieldKind {
    match k % 4 {
        0 => FieldKind::Text,
        1 => FieldKind::Number,
        2 => FieldKind::Time,
        _ => FieldKind::Choice(vec!["yes".into(), "x".into()]),
    }
}

/// A message type to give test fields to.
static TYPE: LazyLock<MessageType> = LazyLock::new(|| {
    common::world("scenarios/wrong-target.ron")
        .scenario
        .messages[0]
        .clone()
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn fits_exactly_when_nothing_is_wrong(
        defs in prop::collection::vec((0usize..4, any::<u8>(), any::<bool>()), 0..5),
        given in prop::collection::btree_map(0usize..5, 0usize..7, 0..5),
    ) {
        let mut def = TYPE.clone();
        let label = def.name.clone();
        // Duplicate ids on purpose: the checker refuses them, a hot-reloaded
        // world might not.
        def.fields = (defs.iter())
            .map(|&(id, k, required)| Field {
                id: IDS[id].into(),
                label: label.clone(),
                kind: kind(k),
                required,
            })
            .collect();
        let fields: BTreeMap<String, String> = (given.iter())
            .map(|(&k, &v)| (IDS.get(k).copied().unwrap_or("zz").to_string(), VALUES[v].to_string()))
            .collect();
        prop_assert_eq!(fits(&def, &fields), problems(&def, &fields).is_empty());
    }
}
