//! A scenario compiled for the engine: ids resolved to indices once, so the
//! hot loop of a Monte Carlo run never compares strings.

use std::collections::HashMap;

use crate::scenario::model::{self as m, Scenario};

pub type Ix = usize;

#[derive(Debug, Clone)]
pub enum CCond {
    Always,
    All(Vec<CCond>),
    Any(Vec<CCond>),
    Not(Box<CCond>),
    Var(Ix, m::Op, f64),
    RungAtLeast(Ix),
    After(u32),
    Sent { msg: Ix, by: Option<Ix>, count: u32 },
    Received { msg: Ix, by: Option<Ix> },
    Fired(Ix),
    Met(Ix),
    Missed(Ix),
    Suspended(Ix),
    SpoofExposed,
    SpoofBelieved,
    NormBroken { norm: Ix, by: Option<Ix> },
    Reached(Ix),
}

#[derive(Debug, Clone)]
pub enum CEffect {
    Add(Ix, f64),
    Set(Ix, f64),
    Suspend(Ix),
    Restore(Ix),
    When(CCond, Vec<CEffect>),
}

#[derive(Debug, Clone)]
pub struct CChannel {
    pub endpoints: Vec<Ix>,
    pub suspendable_by: Vec<Ix>,
    pub answer_slopes: Vec<(Ix, f64)>,
}

#[derive(Debug, Clone)]
pub struct CMessage {
    pub channels: Vec<Ix>,
    pub on_send: Vec<CEffect>,
    pub effects: Vec<CEffect>,
    pub reply_types: Vec<Ix>,
    pub breaks: Vec<Ix>,
}

#[derive(Debug, Clone)]
pub enum CTrigger {
    At(u32),
    When(CCond),
    Reserve,
}

#[derive(Debug, Clone)]
pub enum CAudience {
    Team(Ix),
    Teams,
    Public,
    Facilitator,
}

#[derive(Debug, Clone)]
pub enum CVia {
    News,
    Channel(Ix),
    Spoof { channel: Ix, as_team: Ix, msg: Ix },
}

#[derive(Debug, Clone)]
pub struct CInject {
    pub trigger: CTrigger,
    pub to: CAudience,
    pub via: CVia,
    pub effects: Vec<CEffect>,
    pub exposed: Vec<CEffect>,
}

#[derive(Debug, Clone)]
pub enum CRule {
    ReplyWithin {
        to: Ix,
        reply: Vec<Ix>,
        within: u32,
    },
    SendBy {
        msg: Ix,
        by: u32,
        after: Option<CCond>,
    },
    Avoid {
        msg: Ix,
        before: Option<u32>,
    },
}

#[derive(Debug, Clone)]
pub struct CExpectation {
    pub team: Ix,
    pub rule: CRule,
    pub on_met: Vec<CEffect>,
    pub on_missed: Vec<CEffect>,
}

#[derive(Debug, Clone)]
pub struct COutcome {
    pub timeout: bool,
    pub when: CCond,
}

#[derive(Debug, Clone)]
pub enum CStimulus {
    Start,
    Received(Ix),
    Fired(Ix),
    Every(u32),
    Unanswered,
}

#[derive(Debug, Clone)]
pub enum CAct {
    Nothing,
    Send { msg: Ix, channel: Ix, reply: bool },
    Authenticate(m::AuthMethod),
}

#[derive(Debug, Clone)]
pub struct CChoice {
    pub weight: f64,
    pub when: Option<CCond>,
    pub act: CAct,
}

#[derive(Debug, Clone)]
pub struct CRule2 {
    pub on: CStimulus,
    pub when: Option<CCond>,
    pub choices: Vec<CChoice>,
}

#[derive(Debug, Clone)]
pub struct CPersona {
    pub team: Ix,
    pub rules: Vec<CRule2>,
}

/// The scenario plus its compiled form. Shared read-only by every run.
#[derive(Debug, Clone)]
pub struct World {
    pub s: Scenario,
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

struct Resolver<'a> {
    ids: &'a Ids,
    wakeups: Vec<u32>,
}

fn get(map: &HashMap<String, Ix>, kind: &str, id: &str) -> Result<Ix, String> {
    map.get(id)
        .copied()
        .ok_or_else(|| format!("unknown {kind} `{id}`"))
}

impl Resolver<'_> {
    fn team(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.teams, "team", id)
    }
    fn opt_team(&self, id: &Option<String>) -> Result<Option<Ix>, String> {
        id.as_deref().map(|t| self.team(t)).transpose()
    }
    fn var(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.vars, "variable", id)
    }
    fn channel(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.channels, "channel", id)
    }
    fn msg(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.messages, "message type", id)
    }

    fn cond(&mut self, c: &m::Cond) -> Result<CCond, String> {
        use m::Cond as C;
        Ok(match c {
            C::Always => CCond::Always,
            C::All(v) => CCond::All(v.iter().map(|c| self.cond(c)).collect::<Result<_, _>>()?),
            C::Any(v) => CCond::Any(v.iter().map(|c| self.cond(c)).collect::<Result<_, _>>()?),
            C::Not(c) => CCond::Not(Box::new(self.cond(c)?)),
            C::Var(v, op, x) => CCond::Var(self.var(v)?, *op, *x),
            C::RungAtLeast(r) => CCond::RungAtLeast(get(&self.ids.rungs, "rung", r)?),
            C::After(t) => {
                self.wakeups.push(t.0);
                CCond::After(t.0)
            }
            C::Sent { msg, by, count } => CCond::Sent {
                msg: self.msg(msg)?,
                by: self.opt_team(by)?,
                count: *count,
            },
            C::Received { msg, by } => CCond::Received {
                msg: self.msg(msg)?,
                by: self.opt_team(by)?,
            },
            C::Fired(i) => CCond::Fired(get(&self.ids.injects, "inject", i)?),
            C::Met(e) => CCond::Met(get(&self.ids.expectations, "expectation", e)?),
            C::Missed(e) => CCond::Missed(get(&self.ids.expectations, "expectation", e)?),
            C::Suspended(ch) => CCond::Suspended(self.channel(ch)?),
            C::SpoofExposed => CCond::SpoofExposed,
            C::SpoofBelieved => CCond::SpoofBelieved,
            C::NormBroken { norm, by } => CCond::NormBroken {
                norm: get(&self.ids.norms, "norm", norm)?,
                by: self.opt_team(by)?,
            },
            C::Reached(o) => CCond::Reached(get(&self.ids.outcomes, "outcome", o)?),
        })
    }

    fn effects(&mut self, es: &[m::Effect]) -> Result<Vec<CEffect>, String> {
        es.iter().map(|e| self.effect(e)).collect()
    }

    fn effect(&mut self, e: &m::Effect) -> Result<CEffect, String> {
        Ok(match e {
            m::Effect::Add(v, x) => CEffect::Add(self.var(v)?, *x),
            m::Effect::Set(v, x) => CEffect::Set(self.var(v)?, *x),
            m::Effect::Suspend(c) => CEffect::Suspend(self.channel(c)?),
            m::Effect::Restore(c) => CEffect::Restore(self.channel(c)?),
            m::Effect::When(c, es) => CEffect::When(self.cond(c)?, self.effects(es)?),
        })
    }

    fn opt_cond(&mut self, c: &Option<m::Cond>) -> Result<Option<CCond>, String> {
        c.as_ref().map(|c| self.cond(c)).transpose()
    }
}

impl World {
    pub fn compile(s: Scenario) -> Result<World, String> {
        let ids = Ids {
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
        };
        let mut r = Resolver {
            ids: &ids,
            wakeups: Vec::new(),
        };
        let ladder_var = r.var(&s.ladder.variable)?;
        if s.ladder.rungs.is_empty() {
            return Err("the ladder has no rungs".into());
        }
        let channels = s
            .channels
            .iter()
            .map(|c| {
                Ok(CChannel {
                    endpoints: c
                        .endpoints
                        .iter()
                        .map(|t| r.team(t))
                        .collect::<Result<_, String>>()?,
                    suspendable_by: c
                        .suspendable_by
                        .iter()
                        .map(|t| r.team(t))
                        .collect::<Result<_, String>>()?,
                    answer_slopes: match &c.answer {
                        Some(a) => a
                            .slopes
                            .iter()
                            .map(|(v, k)| Ok((r.var(v)?, *k)))
                            .collect::<Result<_, String>>()?,
                        None => Vec::new(),
                    },
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let messages = s
            .messages
            .iter()
            .map(|mt| {
                Ok(CMessage {
                    channels: mt
                        .channels
                        .iter()
                        .map(|c| r.channel(c))
                        .collect::<Result<_, String>>()?,
                    on_send: r.effects(&mt.on_send)?,
                    effects: r.effects(&mt.effects)?,
                    reply_types: match &mt.reply {
                        Some(rep) => rep
                            .types
                            .iter()
                            .map(|t| r.msg(t))
                            .collect::<Result<_, String>>()?,
                        None => Vec::new(),
                    },
                    breaks: mt
                        .breaks
                        .iter()
                        .map(|n| get(&ids.norms, "norm", n))
                        .collect::<Result<_, String>>()?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let injects = s
            .injects
            .iter()
            .map(|i| {
                Ok(CInject {
                    trigger: match &i.trigger {
                        m::Trigger::At(t) => CTrigger::At(t.0),
                        m::Trigger::When(c) => CTrigger::When(r.cond(c)?),
                        m::Trigger::Reserve => CTrigger::Reserve,
                    },
                    to: match &i.to {
                        m::Audience::Team(t) => CAudience::Team(r.team(t)?),
                        m::Audience::Teams => CAudience::Teams,
                        m::Audience::Public => CAudience::Public,
                        m::Audience::Facilitator => CAudience::Facilitator,
                    },
                    via: match &i.via {
                        m::Via::News => CVia::News,
                        m::Via::Channel(c) => CVia::Channel(r.channel(c)?),
                        m::Via::Spoof {
                            channel,
                            as_team,
                            msg,
                            ..
                        } => CVia::Spoof {
                            channel: r.channel(channel)?,
                            as_team: r.team(as_team)?,
                            msg: r.msg(msg)?,
                        },
                    },
                    effects: r.effects(&i.effects)?,
                    exposed: r.effects(&i.exposed)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let expectations = s
            .expectations
            .iter()
            .map(|e| {
                let rule = match &e.rule {
                    m::Rule::ReplyWithin { to, reply, within } => CRule::ReplyWithin {
                        to: r.msg(to)?,
                        reply: reply
                            .iter()
                            .map(|t| r.msg(t))
                            .collect::<Result<_, String>>()?,
                        within: within.0,
                    },
                    m::Rule::SendBy { msg, by, after } => CRule::SendBy {
                        msg: r.msg(msg)?,
                        by: by.0,
                        after: r.opt_cond(after)?,
                    },
                    m::Rule::Avoid { msg, before } => CRule::Avoid {
                        msg: r.msg(msg)?,
                        before: before.map(|b| b.0),
                    },
                };
                Ok(CExpectation {
                    team: r.team(&e.team)?,
                    rule,
                    on_met: r.effects(&e.on_met)?,
                    on_missed: r.effects(&e.on_missed)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let outcomes = s
            .outcomes
            .iter()
            .map(|o| {
                Ok(match &o.when {
                    m::OutcomeTrigger::When(c) => COutcome {
                        timeout: false,
                        when: r.cond(c)?,
                    },
                    m::OutcomeTrigger::Timeout(c) => COutcome {
                        timeout: true,
                        when: r.cond(c)?,
                    },
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let personas = s
            .personas
            .iter()
            .map(|p| {
                let rules = p
                    .rules
                    .iter()
                    .map(|rule| {
                        Ok(CRule2 {
                            on: match &rule.on {
                                m::Stimulus::Start => CStimulus::Start,
                                m::Stimulus::Received(t) => CStimulus::Received(r.msg(t)?),
                                m::Stimulus::Fired(i) => {
                                    CStimulus::Fired(get(&ids.injects, "inject", i)?)
                                }
                                m::Stimulus::Every(d) => CStimulus::Every(d.0.max(1)),
                                m::Stimulus::Unanswered => CStimulus::Unanswered,
                            },
                            when: r.opt_cond(&rule.when)?,
                            choices: rule
                                .choices
                                .iter()
                                .map(|c| {
                                    Ok(CChoice {
                                        weight: c.weight.max(0.0),
                                        when: r.opt_cond(&c.when)?,
                                        act: match &c.act {
                                            m::PersonaAct::Nothing => CAct::Nothing,
                                            m::PersonaAct::Send {
                                                msg,
                                                channel,
                                                reply,
                                                ..
                                            } => CAct::Send {
                                                msg: r.msg(msg)?,
                                                channel: r.channel(channel)?,
                                                reply: *reply,
                                            },
                                            m::PersonaAct::Authenticate(a) => {
                                                CAct::Authenticate(*a)
                                            }
                                        },
                                    })
                                })
                                .collect::<Result<_, String>>()?,
                        })
                    })
                    .collect::<Result<_, String>>()?;
                Ok(CPersona {
                    team: r.team(&p.team)?,
                    rules,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        // Hot wash conditions are read once, on the final state: they must
        // not add wakeups, which would change how a run is stepped.
        let hot_wash = s
            .debrief
            .hot_wash
            .iter()
            .map(|q| {
                let mut own = Resolver {
                    ids: &ids,
                    wakeups: Vec::new(),
                };
                q.when.as_ref().map(|c| own.cond(c)).transpose()
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut wakeups = r.wakeups;
        wakeups.sort_unstable();
        wakeups.dedup();
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
            s,
        })
    }

    /// Compiles a condition written against this scenario (plans use it).
    pub fn compile_cond(&self, c: &m::Cond) -> Result<CCond, String> {
        Resolver {
            ids: &self.ids,
            wakeups: Vec::new(),
        }
        .cond(c)
    }

    pub fn team_count(&self) -> usize {
        self.s.teams.len()
    }

    /// The rung for a value of the ladder variable.
    pub fn rung_for(&self, v: f64) -> Ix {
        let rungs = &self.s.ladder.rungs;
        rungs.iter().rposition(|r| v >= r.from).unwrap_or(0)
    }

    /// Whether a team's office is open at exercise minute `t`.
    pub fn office_open(&self, team: Ix, t: u32) -> bool {
        let tm = &self.s.teams[team];
        let local = self.s.meta.start.plus(t as i64 + tm.utc_offset.0 as i64);
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
        let tm = &self.s.teams[team];
        let local = self.s.meta.start.plus(t as i64 + tm.utc_offset.0 as i64);
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
