//! Playing a strategy: the engine from a seed, the other team silent or
//! handed to a persona at T+0 (as a plan does), the steps applied at their
//! minutes and any the engine refuses skipped, then on to the end.

use std::sync::Arc;

use super::closeness::Closeness;
use super::moves::Moves;
use super::strategy::Strategy;
use crate::scenario::Valence;
use crate::sim::engine::Engine;
use crate::sim::plan::{PlanAct, to_action};
use crate::sim::world::{Ix, World};

/// Who plays the other team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opponent {
    /// Nobody: no persona, no actions.
    Silent,
    Persona(Ix),
}

/// What one playthrough came to.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub outcome: Option<Ix>,
    /// Bit i: step i was accepted.
    pub accepted: u64,
    /// How near a Good outcome came, in thousandths (1000 when reached).
    pub near: u32,
}

/// A strategy ready to play: its steps as plan acts, resolved afresh in
/// each run the way `hotline run` resolves a plan's.
pub struct Ready {
    steps: Vec<(u32, PlanAct)>,
}

impl Ready {
    pub fn from_steps(steps: Vec<(u32, PlanAct)>) -> Ready {
        Ready { steps }
    }

    pub fn new(w: &World, moves: &Moves, s: &Strategy) -> Ready {
        Ready {
            steps: (s.steps.iter())
                .map(|st| (st.at, moves.plan_act(w, &st.act)))
                .collect(),
        }
    }
}

pub fn play(w: &Arc<World>, near: &Closeness, opp: Opponent, ready: &Ready, seed: u64) -> Run {
    play_from_start(&mut Engine::new(w.clone(), seed), near, opp, ready)
}

/// `play` in an engine started over, as a search plays thousands of runs.
pub fn play_in(e: &mut Engine, near: &Closeness, opp: Opponent, ready: &Ready, seed: u64) -> Run {
    e.restart(seed, None);
    play_from_start(e, near, opp, ready)
}

/// Plays `ready` against `opp` in an engine at minute 0.
fn play_from_start(e: &mut Engine, near: &Closeness, opp: Opponent, ready: &Ready) -> Run {
    if let Opponent::Persona(p) = opp {
        // `Action::SetPersona` at T+0, as a plan's `personas` does, by
        // index. A team's own persona is always accepted; if it were not,
        // the opponent would simply be silent.
        let _ = e.hand_to_persona(e.world().personas[p].team, p);
    }
    let mut best = 0;
    let mut accepted = 0u64;
    for (i, (at, act)) in ready.steps.iter().enumerate() {
        e.advance_with(*at, |e| best = best.max(near.now(e)));
        if e.ended() {
            break;
        }
        // A reference that finds nothing, or an act refused now, leaves no
        // trace in the engine: the step is skipped.
        if let Ok(a) = to_action(e, act)
            && e.apply(&a).is_ok()
        {
            accepted |= 1u64.checked_shl(i as u32).unwrap_or(0);
            best = best.max(near.now(e));
        }
    }
    e.advance_with(u32::MAX, |e| best = best.max(near.now(e)));
    Run {
        outcome: e.state().outcome,
        accepted,
        near: best.max(near.at_end(e)),
    }
}

/// The valence of a run's outcome, None for no outcome.
pub fn valence(w: &World, r: &Run) -> Option<Valence> {
    r.outcome.map(|o| w.scenario.outcomes[o].valence)
}
