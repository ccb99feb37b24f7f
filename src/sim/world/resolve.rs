//! Resolving a scenario's ids into indices, one section at a time.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Ids, Ix, compiled::*};
use crate::scenario::IdKind;
use crate::scenario::model as m;

/// Resolves ids against a scenario's `Ids`, and notes every clock time a
/// condition names: the engine must wake then to re-check it.
///
/// A lookup never fails: an unknown id resolves to index 0 and is noted in
/// `unknown` (the first one only). A checked scenario has none; a plan's
/// condition may, and its caller turns the note into an error.
pub(super) struct Resolver<'a> {
    ids: &'a Ids,
    wakeups: Vec<u32>,
    pub(super) unknown: Option<String>,
}

impl Resolver<'_> {
    pub(super) fn new(ids: &Ids) -> Resolver<'_> {
        Resolver {
            ids,
            wakeups: Vec::new(),
            unknown: None,
        }
    }

    fn get(&mut self, kind: IdKind, id: &str) -> Ix {
        if let Some(&ix) = self.ids.of_kind(kind).get(id) {
            return ix;
        }
        self.unknown
            .get_or_insert_with(|| format!("unknown {} `{id}`", kind.noun()));
        0
    }

    fn team(&mut self, id: &str) -> Ix {
        self.get(IdKind::Team, id)
    }
    fn opt_team(&mut self, id: &Option<String>) -> Option<Ix> {
        id.as_deref().map(|t| self.team(t))
    }
    pub(super) fn var(&mut self, id: &str) -> Ix {
        self.get(IdKind::Variable, id)
    }
    fn channel(&mut self, id: &str) -> Ix {
        self.get(IdKind::Channel, id)
    }
    fn msg(&mut self, id: &str) -> Ix {
        self.get(IdKind::Message, id)
    }

    pub(super) fn cond(&mut self, c: &m::Cond) -> CCond {
        use m::Cond as C;
        match c {
            C::Always => CCond::Always,
            C::All(v) => CCond::All(v.iter().map(|c| self.cond(c)).collect()),
            C::Any(v) => CCond::Any(v.iter().map(|c| self.cond(c)).collect()),
            C::Not(c) => CCond::Not(Box::new(self.cond(c))),
            C::Var(v, op, x) => CCond::Var(self.var(v), *op, *x),
            C::RungAtLeast(r) => CCond::RungAtLeast(self.get(IdKind::Rung, r)),
            C::After(t) => {
                self.wakeups.push(t.0);
                CCond::After(t.0)
            }
            C::Sent {
                msg,
                by,
                count,
                fields,
                reply_to,
            } => CCond::Sent {
                msg: self.msg(msg),
                by: self.opt_team(by),
                count: *count,
                fields: fields.clone(),
                reply_to: reply_to.as_deref().map(|r| self.msg(r)),
            },
            C::Received { msg, by, fields } => CCond::Received {
                msg: self.msg(msg),
                by: self.opt_team(by),
                fields: fields.clone(),
            },
            C::Field(t) => CCond::Field(t.clone()),
            C::Truth(t) => CCond::Truth(self.get(IdKind::Truth, t)),
            C::ModuleEnded(id) => CCond::ModuleEnded(self.get(IdKind::Module, id)),
            C::Fired(i) => CCond::Fired(self.get(IdKind::Inject, i)),
            C::Met(e) => CCond::Met(self.get(IdKind::Expectation, e)),
            C::Missed(e) => CCond::Missed(self.get(IdKind::Expectation, e)),
            C::Suspended(ch) => CCond::Suspended(self.channel(ch)),
            C::SpoofExposed => CCond::SpoofExposed,
            C::SpoofBelieved => CCond::SpoofBelieved,
            C::NormBroken { norm, by } => CCond::NormBroken {
                norm: self.get(IdKind::Norm, norm),
                by: self.opt_team(by),
            },
            C::Reached(o) => CCond::Reached(self.get(IdKind::Outcome, o)),
        }
    }

    fn effects(&mut self, es: &[m::Effect]) -> Vec<CEffect> {
        es.iter().map(|e| self.effect(e)).collect()
    }

    fn effect(&mut self, e: &m::Effect) -> CEffect {
        match e {
            m::Effect::Add(v, x) => CEffect::Add(self.var(v), *x),
            m::Effect::Set(v, x) => CEffect::Set(self.var(v), *x),
            m::Effect::Suspend(c) => CEffect::Suspend(self.channel(c)),
            m::Effect::Restore(c) => CEffect::Restore(self.channel(c)),
            m::Effect::When(c, es) => CEffect::When(self.cond(c), self.effects(es)),
            m::Effect::ByField(f, cases) => CEffect::ByField(
                f.clone(),
                cases
                    .iter()
                    .map(|(v, es)| (v.clone(), self.effects(es)))
                    .collect(),
            ),
        }
    }

    fn opt_cond(&mut self, c: &Option<m::Cond>) -> Option<CCond> {
        c.as_ref().map(|c| self.cond(c))
    }

    /// Ids of one kind resolved in order.
    fn all(&mut self, kind: IdKind, ids: &[String]) -> Vec<Ix> {
        ids.iter().map(|id| self.get(kind, id)).collect()
    }

    pub(super) fn channels(&mut self, cs: &[m::Channel]) -> Vec<CChannel> {
        cs.iter()
            .map(|c| CChannel {
                endpoints: self.all(IdKind::Team, &c.endpoints),
                suspendable_by: self.all(IdKind::Team, &c.suspendable_by),
                answer_slopes: match &c.answer {
                    Some(a) => a.slopes.iter().map(|(v, k)| (self.var(v), *k)).collect(),
                    None => Vec::new(),
                },
            })
            .collect()
    }

    pub(super) fn messages(&mut self, ms: &[m::MessageType]) -> Vec<CMessage> {
        ms.iter()
            .map(|mt| CMessage {
                channels: self.all(IdKind::Channel, &mt.channels),
                on_send: self.effects(&mt.on_send),
                effects: self.effects(&mt.effects),
                reply_types: match &mt.reply {
                    Some(rep) => self.all(IdKind::Message, &rep.types),
                    None => Vec::new(),
                },
                breaks: self.all(IdKind::Norm, &mt.breaks),
                reply_only: mt.reply_only,
                repeats: mt.repeats.clone(),
            })
            .collect()
    }

    pub(super) fn injects(&mut self, is: &[m::Inject]) -> Vec<CInject> {
        is.iter().map(|i| self.inject(i)).collect()
    }

    fn inject(&mut self, i: &m::Inject) -> CInject {
        CInject {
            trigger: match &i.trigger {
                m::Trigger::At(t) => CTrigger::At(t.0),
                m::Trigger::When(c) => CTrigger::When(self.cond(c)),
                m::Trigger::Reserve => CTrigger::Reserve,
            },
            to: match &i.to {
                m::Audience::Team(t) => CAudience::Team(self.team(t)),
                m::Audience::Teams => CAudience::Teams,
                m::Audience::Public => CAudience::Public,
                m::Audience::Facilitator => CAudience::Facilitator,
            },
            via: match &i.via {
                m::Via::News => CVia::News,
                m::Via::Channel(c) => CVia::Channel(self.channel(c)),
                m::Via::Spoof {
                    channel,
                    as_team,
                    msg,
                    ..
                } => CVia::Spoof {
                    channel: self.channel(channel),
                    as_team: self.team(as_team),
                    msg: self.msg(msg),
                },
            },
            effects: self.effects(&i.effects),
            exposed: self.effects(&i.exposed),
        }
    }

    pub(super) fn expectations(&mut self, es: &[m::Expectation]) -> Vec<CExpectation> {
        es.iter().map(|e| self.expectation(e)).collect()
    }

    fn expectation(&mut self, e: &m::Expectation) -> CExpectation {
        let rule = match &e.rule {
            m::Rule::ReplyWithin { to, reply, within } => CRule::ReplyWithin {
                to: self.msg(to),
                reply: self.all(IdKind::Message, reply),
                within: within.0,
            },
            m::Rule::SendBy { msg, by, after } => CRule::SendBy {
                msg: self.msg(msg),
                by: by.0,
                after: self.opt_cond(after),
            },
            m::Rule::Avoid { msg, before } => CRule::Avoid {
                msg: self.msg(msg),
                before: before.map(|b| b.0),
            },
        };
        CExpectation {
            team: self.team(&e.team),
            rule,
            on_met: self.effects(&e.on_met),
            on_missed: self.effects(&e.on_missed),
        }
    }

    pub(super) fn outcomes(&mut self, os: &[m::Outcome]) -> Vec<COutcome> {
        os.iter()
            .map(|o| match &o.when {
                m::OutcomeTrigger::When(c) => COutcome {
                    timeout: false,
                    when: self.cond(c),
                },
                m::OutcomeTrigger::Timeout(c) => COutcome {
                    timeout: true,
                    when: self.cond(c),
                },
            })
            .collect()
    }

    /// `defs`: the message types, against which a persona's fields are
    /// checked once here.
    pub(super) fn personas(&mut self, ps: &[m::Persona], defs: &[m::MessageType]) -> Vec<CPersona> {
        ps.iter()
            .map(|p| {
                let rules = (p.rules.iter())
                    .map(|rule| self.persona_rule(rule, defs))
                    .collect();
                CPersona {
                    team: self.team(&p.team),
                    rules,
                }
            })
            .collect()
    }

    fn persona_rule(&mut self, rule: &m::PersonaRule, defs: &[m::MessageType]) -> CPersonaRule {
        CPersonaRule {
            on: match &rule.on {
                m::Stimulus::Start => CStimulus::Start,
                m::Stimulus::Received(t) => CStimulus::Received(self.msg(t)),
                m::Stimulus::Fired(i) => CStimulus::Fired(self.get(IdKind::Inject, i)),
                m::Stimulus::Every(d) => CStimulus::Every(d.0.max(1)),
                m::Stimulus::Unanswered => CStimulus::Unanswered,
            },
            when: self.opt_cond(&rule.when),
            choices: rule
                .choices
                .iter()
                .map(|c| self.persona_choice(c, defs))
                .collect(),
        }
    }

    fn persona_choice(&mut self, c: &m::Choice, defs: &[m::MessageType]) -> CChoice {
        CChoice {
            weight: c.weight.max(0.0),
            when: self.opt_cond(&c.when),
            act: match &c.act {
                m::PersonaAct::Nothing => CAct::Nothing,
                m::PersonaAct::Send {
                    msg,
                    channel,
                    reply,
                    fields,
                    text,
                } => {
                    let msg = self.msg(msg);
                    let (fields, text, fits) = payload(defs.get(msg), fields, text);
                    CAct::Send {
                        msg,
                        channel: self.channel(channel),
                        reply: *reply,
                        fields,
                        text,
                        fits,
                    }
                }
                m::PersonaAct::Authenticate(a) => CAct::Authenticate(*a),
            },
        }
    }

    /// Every clock time some condition named, sorted, each once.
    pub(super) fn wakeups(self) -> Vec<u32> {
        let mut w = self.wakeups;
        w.sort_unstable();
        w.dedup();
        w
    }
}

/// What a persona's send carries, shared by every run, and whether its
/// fields fit its message type `def`.
pub(super) fn payload(
    def: Option<&m::MessageType>,
    fields: &BTreeMap<String, String>,
    text: &m::Text,
) -> (Arc<BTreeMap<String, String>>, [Arc<str>; 2], bool) {
    (
        Arc::new(fields.clone()),
        [Arc::from(text.en.as_str()), Arc::from(text.zh.as_str())],
        def.is_some_and(|d| crate::scenario::fields::fits(d, fields)),
    )
}
