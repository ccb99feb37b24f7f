//! Every bundled scenario loads and has what a complete exercise needs: two
//! teams, enough channels and message types, every kind of inject, outcomes of
//! all three valences with a catch-all timeout, personas for both teams,
//! debrief material, and English and Chinese in every text.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hotline::scenario::{
    ChannelKind, Cond, Effect, OutcomeTrigger, Role, Scenario, Trigger, Valence, Via, load_file,
};

fn bundled() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Walks the serialized scenario and collects the paths of texts that have
/// one language but not the other.
fn missing_language(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            let keys: BTreeSet<&str> = m.keys().map(String::as_str).collect();
            if keys == BTreeSet::from(["en", "zh"]) {
                // Both empty is an optional text left out (e.g. a persona
                // message's free text); one side empty is a missing translation.
                let empty = |k: &str| m[k].as_str().is_none_or(|s| s.trim().is_empty());
                if empty("en") != empty("zh") {
                    out.push(path.to_string());
                }
                return;
            }
            for (k, x) in m {
                missing_language(x, &format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                missing_language(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn effects_contain(es: &[Effect], f: &dyn Fn(&Effect) -> bool) -> bool {
    es.iter()
        .any(|e| f(e) || matches!(e, Effect::When(_, inner) if effects_contain(inner, f)))
}

fn check(s: &Scenario, name: &str) {
    let teams: Vec<&str> = s.teams.iter().map(|t| t.id.as_str()).collect();
    assert!(teams.len() >= 2, "{name}: at least two teams");
    for t in &s.teams {
        assert!(
            !t.objectives.is_empty(),
            "{name}: team {} has objectives",
            t.id
        );
        assert!(
            !t.briefing.en.is_empty() && !t.briefing.zh.is_empty(),
            "{name}: team {} has a briefing",
            t.id
        );
    }

    assert!(s.channels.len() >= 3, "{name}: at least three channels");
    assert!(
        s.channels.iter().any(|c| c.kind == ChannelKind::Voice
            && c.answer.as_ref().is_some_and(|a| a.after_hours < 1.0
                && a.slopes.get(&s.ladder.variable).is_some_and(|x| *x < 0.0))),
        "{name}: a voice channel whose answer probability falls with tension and after hours"
    );
    assert!(
        s.channels.iter().any(|c| c.kind == ChannelKind::Public),
        "{name}: a public channel"
    );
    assert!(
        s.channels
            .iter()
            .any(|c| c.kind != ChannelKind::Voice && c.kind != ChannelKind::Public),
        "{name}: a written channel"
    );

    assert!(s.messages.len() >= 12, "{name}: at least 12 message types");
    assert!(
        s.messages.iter().any(|m| m.role == Role::Acknowledge),
        "{name}: an acknowledgement"
    );
    assert!(
        s.messages.iter().any(|m| m.role == Role::LinkTest),
        "{name}: a link test"
    );
    assert!(
        s.messages.iter().any(|m| m.reply.is_some()),
        "{name}: a message that expects a reply"
    );
    assert!(
        s.messages
            .iter()
            .any(|m| effects_contain(&m.on_send, &|e| matches!(e, Effect::Suspend(_)))),
        "{name}: a message that suspends a channel"
    );
    assert!(
        s.messages
            .iter()
            .any(|m| effects_contain(&m.on_send, &|e| matches!(e, Effect::Restore(_)))),
        "{name}: a message that restores a channel"
    );
    assert!(
        s.messages.iter().any(|m| !m.breaks.is_empty()),
        "{name}: a message that breaks a norm"
    );
    assert!(s.norms.len() >= 3, "{name}: at least three GGE 2015 norms");
    for n in &s.norms {
        assert!(
            s.messages.iter().any(|m| m.breaks.contains(&n.id)),
            "{name}: some message breaks norm {}",
            n.id
        );
    }

    assert!(s.ladder.rungs.len() >= 7, "{name}: ladder L0-L6");

    assert!(s.injects.len() >= 10, "{name}: at least 10 injects");
    assert!(
        s.injects
            .iter()
            .any(|i| matches!(i.trigger, Trigger::At(_))),
        "{name}: a timed inject"
    );
    assert!(
        s.injects
            .iter()
            .any(|i| matches!(i.trigger, Trigger::When(_))),
        "{name}: a conditional inject"
    );
    assert!(
        s.injects
            .iter()
            .any(|i| matches!(i.trigger, Trigger::Reserve)),
        "{name}: a reserve inject"
    );
    assert!(
        s.injects.iter().any(|i| i.probability < 1.0),
        "{name}: a probabilistic inject"
    );
    assert!(
        s.injects.iter().any(|i| matches!(i.via, Via::News)),
        "{name}: a news inject"
    );
    assert!(
        s.injects.iter().any(|i| matches!(i.via, Via::Channel(_))),
        "{name}: a channel inject"
    );
    assert!(
        s.injects.iter().any(|i| matches!(i.via, Via::Spoof { .. })),
        "{name}: a spoofed inject"
    );

    assert!(
        s.expectations.len() >= 3,
        "{name}: at least three expectations"
    );
    assert!(
        s.expectations.iter().any(|e| !e.on_missed.is_empty()),
        "{name}: an expectation with on_missed effects"
    );

    assert!(s.outcomes.len() >= 4, "{name}: at least four outcomes");
    for v in [Valence::Good, Valence::Mixed, Valence::Bad] {
        assert!(
            s.outcomes.iter().any(|o| o.valence == v),
            "{name}: an outcome of valence {v:?}"
        );
    }
    let last_timeout = s.outcomes.iter().rev().find_map(|o| match &o.when {
        OutcomeTrigger::Timeout(c) => Some(c),
        OutcomeTrigger::When(_) => None,
    });
    assert!(
        matches!(last_timeout, Some(Cond::Always)),
        "{name}: the last Timeout outcome is Timeout(Always)"
    );

    for t in &teams {
        let n = s.personas.iter().filter(|p| p.team == *t).count();
        assert!(
            n >= 2,
            "{name}: at least two personas for team {t}, found {n}"
        );
    }

    assert!(!s.debrief.hot_wash.is_empty(), "{name}: hot wash questions");
    for t in &s.teams {
        for o in &t.objectives {
            assert!(
                s.debrief.criteria.iter().any(|c| c.objective == o.id),
                "{name}: a criterion for objective {}",
                o.id
            );
        }
    }

    let mut missing = Vec::new();
    missing_language(&serde_json::to_value(s).unwrap(), name, &mut missing);
    assert!(
        missing.is_empty(),
        "{name}: texts without both languages: {missing:#?}"
    );
}

#[test]
fn bundled_scenarios_load_and_are_complete() {
    let files = bundled();
    assert!(files.len() >= 3, "three bundled scenarios, found {files:?}");
    let mut norms = BTreeSet::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let loaded = load_file(f).unwrap_or_else(|d| panic!("{name} does not load: {d:#?}"));
        check(&loaded.scenario, &name);
        norms.extend(loaded.scenario.norms.iter().map(|n| n.id.clone()));
    }
    // Each scenario lists the norms it engages; together they cover the
    // GGE 2015 norms the product is about.
    for n in ["b", "c", "f", "h", "i", "j", "k"] {
        assert!(
            norms.contains(n),
            "no bundled scenario engages GGE 2015 norm ({n})"
        );
    }
}

#[test]
fn bundled_ids_match_file_names() {
    for f in bundled() {
        let loaded = load_file(&f).unwrap();
        assert_eq!(
            loaded.scenario.meta.id,
            f.file_stem().unwrap().to_string_lossy(),
            "{}",
            f.display()
        );
    }
}
