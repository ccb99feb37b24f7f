#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hotline::sim::World;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn world(rel: &str) -> Arc<World> {
    let path = root().join(rel);
    let loaded = hotline::scenario::load_file(&path).unwrap_or_else(|d| panic!("{rel}: {d:?}"));
    Arc::new(World::compile(loaded.scenario))
}

pub fn mechanics() -> Arc<World> {
    world("tests/fixtures/engine/mechanics.ron")
}

pub fn source(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// A team's message, as the app or a plan would submit it.
pub fn send(
    team: &str,
    channel: &str,
    msg: &str,
    fields: &[(&str, &str)],
    reply_to: Option<u32>,
) -> hotline::sim::Action {
    hotline::sim::Action::Send {
        team: team.into(),
        channel: channel.into(),
        msg: msg.into(),
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        text: String::new(),
        reply_to,
    }
}
