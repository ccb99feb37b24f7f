//! What the debrief asks: the hot wash questions that fit how the exercise
//! went. Shared by the after-action report and the app's debrief screen.

use super::cond::eval;
use super::state::State;
use super::world::World;
use crate::scenario::Lang;

/// The hot wash questions in `lang`, in file order, leaving out those
/// whose condition does not hold on `st` (the final state, or the state so
/// far for an interim debrief).
pub fn hot_wash(w: &World, st: &State, lang: Lang) -> Vec<String> {
    w.scenario
        .debrief
        .hot_wash
        .iter()
        .zip(&w.hot_wash)
        .filter(|(_, c)| c.as_ref().is_none_or(|c| eval(w, st, c)))
        .map(|(q, _)| q.get(lang).to_string())
        .collect()
}
