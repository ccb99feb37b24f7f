//! A scenario compiled for the engine: ids resolved to indices once, so the
//! hot loop of a Monte Carlo run never compares strings.

use std::collections::HashMap;

use crate::scenario::Checked;
use crate::scenario::ids::{self, IdKind};
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

/// Id-to-index maps, one per kind, read from the scenario's table of id
/// kinds ([`IdKind`]) so they know the same ids the checker knew.
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
    pub objectives: HashMap<String, Ix>,
    pub truths: HashMap<String, Ix>,
    pub modules: HashMap<String, Ix>,
}

impl Ids {
    fn of(s: &Scenario) -> Ids {
        let ix = |kind| ids::index(s, kind);
        Ids {
            teams: ix(IdKind::Team),
            actors: ix(IdKind::Actor),
            vars: ix(IdKind::Variable),
            rungs: ix(IdKind::Rung),
            channels: ix(IdKind::Channel),
            messages: ix(IdKind::Message),
            norms: ix(IdKind::Norm),
            injects: ix(IdKind::Inject),
            expectations: ix(IdKind::Expectation),
            outcomes: ix(IdKind::Outcome),
            personas: ix(IdKind::Persona),
            objectives: ix(IdKind::Objective),
            truths: ix(IdKind::Truth),
            modules: ix(IdKind::Module),
        }
    }

    /// The map for one kind of id.
    pub fn of_kind(&self, kind: IdKind) -> &HashMap<String, Ix> {
        match kind {
            IdKind::Team => &self.teams,
            IdKind::Actor => &self.actors,
            IdKind::Variable => &self.vars,
            IdKind::Rung => &self.rungs,
            IdKind::Channel => &self.channels,
            IdKind::Message => &self.messages,
            IdKind::Norm => &self.norms,
            IdKind::Inject => &self.injects,
            IdKind::Expectation => &self.expectations,
            IdKind::Outcome => &self.outcomes,
            IdKind::Persona => &self.personas,
            IdKind::Objective => &self.objectives,
            IdKind::Truth => &self.truths,
            IdKind::Module => &self.modules,
        }
    }
}

impl World {
    /// Compiles a scenario that passed its checks. It cannot fail: the
    /// checks resolved every id this resolves (see [`Checked`]).
    pub fn compile(checked: Checked) -> World {
        let s = checked.into_inner();
        let ids = Ids::of(&s);
        let mut r = Resolver::new(&ids);
        let ladder_var = r.var(&s.ladder.variable);
        let channels = r.channels(&s.channels);
        let messages = r.messages(&s.messages);
        let injects = r.injects(&s.injects);
        let expectations = r.expectations(&s.expectations);
        let outcomes = r.outcomes(&s.outcomes);
        let personas = r.personas(&s.personas, &s.messages);
        // Hot wash conditions are read once, on the final state: they must
        // not add wakeups, so they go through a resolver of their own.
        let mut q = Resolver::new(&ids);
        let hot_wash = (s.debrief.hot_wash.iter())
            .map(|h| h.when.as_ref().map(|c| q.cond(c)))
            .collect();
        // Relies on `Checked`: a miss here is a bug in the checker.
        let unknown = r.unknown.take().or(q.unknown.take());
        assert!(unknown.is_none(), "a checked scenario has {unknown:?}");
        let wakeups = r.wakeups();
        World {
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
        }
    }

    /// Brings the compiled persona sends up to date with the scenario's,
    /// after those were edited in place (`sim::force`).
    pub fn recompile_persona_sends(&mut self) {
        let defs = &self.scenario.messages;
        for (cp, p) in self.personas.iter_mut().zip(&self.scenario.personas) {
            for (cr, r) in cp.rules.iter_mut().zip(&p.rules) {
                for (cc, c) in cr.choices.iter_mut().zip(&r.choices) {
                    if let (
                        CAct::Send {
                            msg,
                            fields,
                            text,
                            fits,
                            ..
                        },
                        m::PersonaAct::Send {
                            fields: f, text: t, ..
                        },
                    ) = (&mut cc.act, &c.act)
                    {
                        (*fields, *text, *fits) = resolve::payload(defs.get(*msg), f, t);
                    }
                }
            }
        }
    }

    /// Compiles a condition written against this scenario (plans use it;
    /// the scenario checks never saw it, so it may name unknown ids).
    pub fn compile_cond(&self, c: &m::Cond) -> Result<CCond, String> {
        let mut r = Resolver::new(&self.ids);
        let cond = r.cond(c);
        match r.unknown {
            Some(e) => Err(e),
            None => Ok(cond),
        }
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
