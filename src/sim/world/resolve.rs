//! Resolving a scenario's ids into indices, one section at a time.

use std::collections::HashMap;

use super::{Ids, Ix, compiled::*};
use crate::scenario::model as m;

/// Resolves ids against a scenario's `Ids`, and notes every clock time a
/// condition names: the engine must wake then to re-check it.
pub(super) struct Resolver<'a> {
    ids: &'a Ids,
    wakeups: Vec<u32>,
}

fn get(map: &HashMap<String, Ix>, kind: &str, id: &str) -> Result<Ix, String> {
    map.get(id)
        .copied()
        .ok_or_else(|| format!("unknown {kind} `{id}`"))
}

impl Resolver<'_> {
    pub(super) fn new(ids: &Ids) -> Resolver<'_> {
        Resolver {
            ids,
            wakeups: Vec::new(),
        }
    }

    fn team(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.teams, "team", id)
    }
    fn opt_team(&self, id: &Option<String>) -> Result<Option<Ix>, String> {
        id.as_deref().map(|t| self.team(t)).transpose()
    }
    pub(super) fn var(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.vars, "variable", id)
    }
    fn channel(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.channels, "channel", id)
    }
    fn msg(&self, id: &str) -> Result<Ix, String> {
        get(&self.ids.messages, "message type", id)
    }

    pub(super) fn cond(&mut self, c: &m::Cond) -> Result<CCond, String> {
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

    /// Ids of one kind resolved in order; the first unknown one fails.
    fn all(
        &self,
        ids: &[String],
        one: impl Fn(&Self, &str) -> Result<Ix, String>,
    ) -> Result<Vec<Ix>, String> {
        ids.iter().map(|id| one(self, id)).collect()
    }

    pub(super) fn channels(&mut self, cs: &[m::Channel]) -> Result<Vec<CChannel>, String> {
        cs.iter()
            .map(|c| {
                Ok(CChannel {
                    endpoints: self.all(&c.endpoints, Self::team)?,
                    suspendable_by: self.all(&c.suspendable_by, Self::team)?,
                    answer_slopes: match &c.answer {
                        Some(a) => a
                            .slopes
                            .iter()
                            .map(|(v, k)| Ok((self.var(v)?, *k)))
                            .collect::<Result<_, String>>()?,
                        None => Vec::new(),
                    },
                })
            })
            .collect()
    }

    pub(super) fn messages(&mut self, ms: &[m::MessageType]) -> Result<Vec<CMessage>, String> {
        ms.iter()
            .map(|mt| {
                Ok(CMessage {
                    channels: self.all(&mt.channels, Self::channel)?,
                    on_send: self.effects(&mt.on_send)?,
                    effects: self.effects(&mt.effects)?,
                    reply_types: match &mt.reply {
                        Some(rep) => self.all(&rep.types, Self::msg)?,
                        None => Vec::new(),
                    },
                    breaks: self.all(&mt.breaks, |r, n| get(&r.ids.norms, "norm", n))?,
                })
            })
            .collect()
    }

    pub(super) fn injects(&mut self, is: &[m::Inject]) -> Result<Vec<CInject>, String> {
        is.iter().map(|i| self.inject(i)).collect()
    }

    fn inject(&mut self, i: &m::Inject) -> Result<CInject, String> {
        Ok(CInject {
            trigger: match &i.trigger {
                m::Trigger::At(t) => CTrigger::At(t.0),
                m::Trigger::When(c) => CTrigger::When(self.cond(c)?),
                m::Trigger::Reserve => CTrigger::Reserve,
            },
            to: match &i.to {
                m::Audience::Team(t) => CAudience::Team(self.team(t)?),
                m::Audience::Teams => CAudience::Teams,
                m::Audience::Public => CAudience::Public,
                m::Audience::Facilitator => CAudience::Facilitator,
            },
            via: match &i.via {
                m::Via::News => CVia::News,
                m::Via::Channel(c) => CVia::Channel(self.channel(c)?),
                m::Via::Spoof {
                    channel,
                    as_team,
                    msg,
                    ..
                } => CVia::Spoof {
                    channel: self.channel(channel)?,
                    as_team: self.team(as_team)?,
                    msg: self.msg(msg)?,
                },
            },
            effects: self.effects(&i.effects)?,
            exposed: self.effects(&i.exposed)?,
        })
    }

    pub(super) fn expectations(
        &mut self,
        es: &[m::Expectation],
    ) -> Result<Vec<CExpectation>, String> {
        es.iter().map(|e| self.expectation(e)).collect()
    }

    fn expectation(&mut self, e: &m::Expectation) -> Result<CExpectation, String> {
        let rule = match &e.rule {
            m::Rule::ReplyWithin { to, reply, within } => CRule::ReplyWithin {
                to: self.msg(to)?,
                reply: self.all(reply, Self::msg)?,
                within: within.0,
            },
            m::Rule::SendBy { msg, by, after } => CRule::SendBy {
                msg: self.msg(msg)?,
                by: by.0,
                after: self.opt_cond(after)?,
            },
            m::Rule::Avoid { msg, before } => CRule::Avoid {
                msg: self.msg(msg)?,
                before: before.map(|b| b.0),
            },
        };
        Ok(CExpectation {
            team: self.team(&e.team)?,
            rule,
            on_met: self.effects(&e.on_met)?,
            on_missed: self.effects(&e.on_missed)?,
        })
    }

    pub(super) fn outcomes(&mut self, os: &[m::Outcome]) -> Result<Vec<COutcome>, String> {
        os.iter()
            .map(|o| {
                Ok(match &o.when {
                    m::OutcomeTrigger::When(c) => COutcome {
                        timeout: false,
                        when: self.cond(c)?,
                    },
                    m::OutcomeTrigger::Timeout(c) => COutcome {
                        timeout: true,
                        when: self.cond(c)?,
                    },
                })
            })
            .collect()
    }

    pub(super) fn personas(&mut self, ps: &[m::Persona]) -> Result<Vec<CPersona>, String> {
        ps.iter()
            .map(|p| {
                let rules = p
                    .rules
                    .iter()
                    .map(|rule| self.persona_rule(rule))
                    .collect::<Result<_, String>>()?;
                Ok(CPersona {
                    team: self.team(&p.team)?,
                    rules,
                })
            })
            .collect()
    }

    fn persona_rule(&mut self, rule: &m::PersonaRule) -> Result<CPersonaRule, String> {
        Ok(CPersonaRule {
            on: match &rule.on {
                m::Stimulus::Start => CStimulus::Start,
                m::Stimulus::Received(t) => CStimulus::Received(self.msg(t)?),
                m::Stimulus::Fired(i) => CStimulus::Fired(get(&self.ids.injects, "inject", i)?),
                m::Stimulus::Every(d) => CStimulus::Every(d.0.max(1)),
                m::Stimulus::Unanswered => CStimulus::Unanswered,
            },
            when: self.opt_cond(&rule.when)?,
            choices: rule
                .choices
                .iter()
                .map(|c| self.persona_choice(c))
                .collect::<Result<_, String>>()?,
        })
    }

    fn persona_choice(&mut self, c: &m::Choice) -> Result<CChoice, String> {
        Ok(CChoice {
            weight: c.weight.max(0.0),
            when: self.opt_cond(&c.when)?,
            act: match &c.act {
                m::PersonaAct::Nothing => CAct::Nothing,
                m::PersonaAct::Send {
                    msg,
                    channel,
                    reply,
                    ..
                } => CAct::Send {
                    msg: self.msg(msg)?,
                    channel: self.channel(channel)?,
                    reply: *reply,
                },
                m::PersonaAct::Authenticate(a) => CAct::Authenticate(*a),
            },
        })
    }

    /// Every clock time some condition named, sorted, each once.
    pub(super) fn wakeups(self) -> Vec<u32> {
        let mut w = self.wakeups;
        w.sort_unstable();
        w.dedup();
        w
    }
}
