//! Semantic checks on a parsed scenario: everything the format's types
//! cannot say (ids that must exist, ranges, who may use which channel,
//! conditions that can never hold). Each finding has its own stable code
//! and points at the offending item through `Spans`.

use super::diag::Diagnostic;
use super::model::Scenario;
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
mod walk;

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
