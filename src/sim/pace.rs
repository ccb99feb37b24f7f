//! How a live clock moves an engine: to a target minute, but stopping
//! where people must stop: at a module's end (for its discussion) and,
//! if asked, where something arrives for them. Shared by every live clock
//! (the app's, a server's) so they stop at the same moments; batch runs
//! (plans, Monte Carlo, probe) do not stop at all.

use super::engine::Engine;
use super::event::{Event, EventKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The clock reached the target minute (or the end).
    Reached,
    /// A module ended: the clock should pause for discussion.
    ModuleEnded,
    /// Something `arrival` picked out happened.
    Arrival,
}

/// Runs `e` towards minute `target`, due item by due item, and stops at
/// the first module end or event for which `arrival` is true.
pub fn run_until(
    e: &mut Engine,
    target: u32,
    mut arrival: impl FnMut(&Event, &Engine) -> bool,
) -> Stop {
    while let Some(due) = e.next_due().filter(|&d| d <= target) {
        let seen = e.events().len();
        e.advance_to(due);
        let new = &e.events()[seen..];
        if new
            .iter()
            .any(|ev| matches!(ev.kind, EventKind::ModuleEnded { .. }))
        {
            return Stop::ModuleEnded;
        }
        if new.iter().any(|ev| arrival(ev, e)) {
            return Stop::Arrival;
        }
    }
    e.advance_to(target);
    Stop::Reached
}
