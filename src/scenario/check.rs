//! Semantic checks on a parsed scenario: everything the format's types
//! cannot say (ids that must exist, ranges, who may use which channel,
//! conditions that can never hold). Each finding has its own stable code
//! and points at the offending item through `Spans`.

use super::diag::Diagnostic;
use super::model::{Cond, Scenario};
use super::spans::Spans;

mod ctx;
mod ids;
mod logic;
mod mechanics;
mod ranges;
mod reach;
mod refs;
mod routing;
mod structure;
mod text;
pub(crate) mod walk;

/// All findings, errors and warnings, in source order.
pub fn check(s: &Scenario, spans: &Spans, file: &str) -> Vec<Diagnostic> {
    let mut cx = ctx::Ctx::new(s, spans, file);
    ids::check(&mut cx);
    refs::check(&mut cx);
    structure::check(&mut cx);
    ranges::check(&mut cx);
    logic::check(&mut cx);
    mechanics::check(&mut cx);
    routing::check(&mut cx);
    reach::check(&mut cx);
    text::check(&mut cx);
    let mut out = cx.out;
    out.sort_by_key(|d| (d.start.is_none(), d.start, d.code));
    out
}

pub use walk::Kind as RefKind;

/// References from another file into this scenario (a test plan's team,
/// message and outcome ids), each `(kind, id, path in that file)`: the ones
/// the scenario does not declare, located through that file's `spans`, with
/// the closest declared id as help.
pub fn unknown_refs(
    s: &Scenario,
    spans: &Spans,
    file: &str,
    refs: &[(RefKind, &str, String)],
) -> Vec<Diagnostic> {
    let mut cx = ctx::Ctx::new(s, spans, file);
    for (kind, id, path) in refs {
        refs::unknown(&mut cx, *kind, id, path);
    }
    cx.out
}

/// The ids a condition refers to, with their paths under `path`.
pub fn cond_refs<'a>(c: &'a Cond, path: &str) -> Vec<(RefKind, &'a str, String)> {
    #[derive(Default)]
    struct All<'a>(Vec<(RefKind, &'a str, String)>);
    impl<'a> walk::Visit<'a> for All<'a> {
        fn reference(&mut self, kind: RefKind, id: &'a str, path: &str) {
            self.0.push((kind, id, path.to_string()));
        }
    }
    let mut all = All::default();
    walk::cond(&mut all, c, path);
    all.0
}
