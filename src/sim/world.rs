//! A scenario compiled for the engine: ids resolved to indices once, so the
//! hot loop of a Monte Carlo run never compares strings.

use std::collections::HashMap;

use crate::scenario::model::{self as m, Scenario};

pub type Ix = usize;

mod compiled;
mod resolve;
pub use compiled::*;
use resolve::Resolver;

/// The scenario plus its compiled form. Shared read-only by every run.
#[derive(Debug, Clone)]
pub struct World {
    pub scenario: Scenario,
    pub duration: u32,
    pub ladder_var: Ix,
    pub channels: Vec<CChannel>,
    pub messages: Vec<CMessage>,
    pub injects: Vec<CInject>,
    pub expectations: Vec<CExpectation>,
    pub outcomes: Vec<COutcome>,
    pub personas: Vec<CPersona>,
    /// Times at which some condition may change by the clock alone.
    pub wakeups: Vec<u32>,
    pub ids: Ids,
    /// Each hot wash question's condition, if it has one.
    pub hot_wash: Vec<Option<CCond>>,
}

/// Id-to-index maps, one per kind.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    pub teams: HashMap<String, Ix>,
    pub actors: HashMap<String, Ix>,
    pub vars: HashMap<String, Ix>,
    pub rungs: HashMap<String, Ix>,
    pub channels: HashMap<String, Ix>,
    pub messages: HashMap<String, Ix>,
    pub norms: HashMap<String, Ix>,
    pub injects: HashMap<String, Ix>,
    pub expectations: HashMap<String, Ix>,
    pub outcomes: HashMap<String, Ix>,
    pub personas: HashMap<String, Ix>,
}

fn index<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, Ix> {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (id(x).to_string(), i))
        .collect()
}

impl Ids {
    fn of(s: &Scenario) -> Ids {
        Ids {
            teams: index(&s.teams, |x| &x.id),
            actors: index(&s.actors, |x| &x.id),
            vars: index(&s.variables, |x| &x.id),
            rungs: index(&s.ladder.rungs, |x| &x.id),
            channels: index(&s.channels, |x| &x.id),
            messages: index(&s.messages, |x| &x.id),
            norms: index(&s.norms, |x| &x.id),
            injects: index(&s.injects, |x| &x.id),
            expectations: index(&s.expectations, |x| &x.id),
            outcomes: index(&s.outcomes, |x| &x.id),
            personas: index(&s.personas, |x| &x.id),
        }
    }
}

impl World {
    pub fn compile(s: Scenario) -> Result<World, String> {
        let ids = Ids::of(&s);
        let mut r = Resolver::new(&ids);
        let ladder_var = r.var(&s.ladder.variable)?;
        if s.ladder.rungs.is_empty() {
            return Err("the ladder has no rungs".into());
        }
        let channels = r.channels(&s.channels)?;
        let messages = r.messages(&s.messages)?;
        let injects = r.injects(&s.injects)?;
        let expectations = r.expectations(&s.expectations)?;
        let outcomes = r.outcomes(&s.outcomes)?;
        let personas = r.personas(&s.personas)?;
        let wakeups = r.wakeups();
        // Hot wash conditions are read once, on the final state: they must
        // not add wakeups, which would change how a run is stepped.
        let hot_wash = s
            .debrief
            .hot_wash
            .iter()
            .map(|q| {
                q.when
                    .as_ref()
                    .map(|c| Resolver::new(&ids).cond(c))
                    .transpose()
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(World {
            duration: s.meta.duration.0,
            ladder_var,
            channels,
            messages,
            injects,
            expectations,
            outcomes,
            personas,
            wakeups,
            ids,
            hot_wash,
            scenario: s,
        })
    }

    /// Compiles a condition written against this scenario (plans use it).
    pub fn compile_cond(&self, c: &m::Cond) -> Result<CCond, String> {
        Resolver::new(&self.ids).cond(c)
    }

    pub fn team_count(&self) -> usize {
        self.scenario.teams.len()
    }

    /// The rung for a value of the ladder variable.
    pub fn rung_for(&self, v: f64) -> Ix {
        let rungs = &self.scenario.ladder.rungs;
        rungs.iter().rposition(|r| v >= r.from).unwrap_or(0)
    }

    /// Whether a team's office is open at exercise minute `t`.
    pub fn office_open(&self, team: Ix, t: u32) -> bool {
        let tm = &self.scenario.teams[team];
        let local = self
            .scenario
            .meta
            .start
            .plus(t as i64 + tm.utc_offset.0 as i64);
        let day = local.weekday();
        let min = local.minute_of_day();
        let oh = &tm.office_hours;
        oh.days.iter().any(|d| *d as u32 == day) && min >= oh.open.0 && min < oh.close.0
    }

    /// The first minute at or after `t` when the team's office is open, or
    /// None if it never opens within a fortnight (then mail waits forever).
    pub fn next_opening(&self, team: Ix, t: u32) -> Option<u32> {
        if self.office_open(team, t) {
            return Some(t);
        }
        let tm = &self.scenario.teams[team];
        let local = self
            .scenario
            .meta
            .start
            .plus(t as i64 + tm.utc_offset.0 as i64);
        let mut day_start = t as i64 - local.minute_of_day() as i64;
        for _ in 0..15 {
            let cand = day_start + tm.office_hours.open.0 as i64;
            if cand >= t as i64 && cand <= u32::MAX as i64 && self.office_open(team, cand as u32) {
                return Some(cand as u32);
            }
            day_start += 1440;
        }
        None
    }
}
