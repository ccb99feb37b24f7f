//! One traversal of the whole scenario that reports every id reference,
//! condition and effect with its path, so the checks that care about them
//! cannot forget a place where they occur.

use crate::scenario::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Team,
    /// A channel endpoint: must be a team (actors cannot hold a channel).
    Endpoint,
    /// An inject's sender: a team or an actor.
    Sender,
    Channel,
    Message,
    Variable,
    Inject,
    Outcome,
    Expectation,
    Norm,
    Rung,
    Objective,
    Truth,
    Module,
}

pub trait Visit<'a> {
    fn reference(&mut self, _kind: Kind, _id: &'a str, _path: &str) {}
    /// Every condition, nested ones included.
    fn cond(&mut self, _c: &'a Cond, _path: &str) {}
    /// Every effect, nested ones included.
    fn effect(&mut self, _e: &'a Effect, _path: &str) {}
}

pub fn walk<'a>(s: &'a Scenario, v: &mut impl Visit<'a>) {
    v.reference(Kind::Variable, &s.ladder.variable, "ladder.variable");
    for (i, c) in s.channels.iter().enumerate() {
        for (j, e) in c.endpoints.iter().enumerate() {
            v.reference(Kind::Endpoint, e, &format!("channels[{i}].endpoints[{j}]"));
        }
        for (j, t) in c.suspendable_by.iter().enumerate() {
            v.reference(Kind::Team, t, &format!("channels[{i}].suspendable_by[{j}]"));
        }
        for k in c.answer.iter().flat_map(|a| a.slopes.keys()) {
            v.reference(
                Kind::Variable,
                k,
                &format!("channels[{i}].answer.slopes[{k:?}]"),
            );
        }
    }
    for (i, m) in s.messages.iter().enumerate() {
        let p = format!("messages[{i}]");
        for (j, c) in m.channels.iter().enumerate() {
            v.reference(Kind::Channel, c, &format!("{p}.channels[{j}]"));
        }
        effects(v, &m.on_send, &format!("{p}.on_send"));
        effects(v, &m.effects, &format!("{p}.effects"));
        for (j, t) in m.reply.iter().flat_map(|r| r.types.iter().enumerate()) {
            v.reference(Kind::Message, t, &format!("{p}.reply.types[{j}]"));
        }
        for (j, n) in m.breaks.iter().enumerate() {
            v.reference(Kind::Norm, n, &format!("{p}.breaks[{j}]"));
        }
    }
    for (i, inj) in s.injects.iter().enumerate() {
        let p = format!("injects[{i}]");
        if let Trigger::When(c) = &inj.trigger {
            cond(v, c, &format!("{p}.trigger[0]"));
        }
        if let Some(f) = &inj.from {
            v.reference(Kind::Sender, f, &format!("{p}.from"));
        }
        if let Audience::Team(t) = &inj.to {
            v.reference(Kind::Team, t, &format!("{p}.to[0]"));
        }
        match &inj.via {
            Via::News => {}
            Via::Channel(c) => v.reference(Kind::Channel, c, &format!("{p}.via[0]")),
            Via::Spoof {
                channel,
                as_team,
                msg,
                ..
            } => {
                v.reference(Kind::Channel, channel, &format!("{p}.via.channel"));
                v.reference(Kind::Team, as_team, &format!("{p}.via.as_team"));
                v.reference(Kind::Message, msg, &format!("{p}.via.msg"));
            }
        }
        effects(v, &inj.effects, &format!("{p}.effects"));
        effects(v, &inj.exposed, &format!("{p}.exposed"));
    }
    for (i, e) in s.expectations.iter().enumerate() {
        let p = format!("expectations[{i}]");
        v.reference(Kind::Team, &e.team, &format!("{p}.team"));
        if let Some(o) = &e.objective {
            v.reference(Kind::Objective, o, &format!("{p}.objective"));
        }
        match &e.rule {
            Rule::ReplyWithin { to, reply, .. } => {
                v.reference(Kind::Message, to, &format!("{p}.rule.to"));
                for (j, r) in reply.iter().enumerate() {
                    v.reference(Kind::Message, r, &format!("{p}.rule.reply[{j}]"));
                }
            }
            Rule::SendBy { msg, after, .. } => {
                v.reference(Kind::Message, msg, &format!("{p}.rule.msg"));
                if let Some(c) = after {
                    cond(v, c, &format!("{p}.rule.after"));
                }
            }
            Rule::Avoid { msg, .. } => v.reference(Kind::Message, msg, &format!("{p}.rule.msg")),
        }
        effects(v, &e.on_met, &format!("{p}.on_met"));
        effects(v, &e.on_missed, &format!("{p}.on_missed"));
    }
    for (i, o) in s.outcomes.iter().enumerate() {
        let (OutcomeTrigger::When(c) | OutcomeTrigger::Timeout(c)) = &o.when;
        cond(v, c, &format!("outcomes[{i}].when[0]"));
    }
    for (i, per) in s.personas.iter().enumerate() {
        v.reference(Kind::Team, &per.team, &format!("personas[{i}].team"));
        for (j, r) in per.rules.iter().enumerate() {
            let p = format!("personas[{i}].rules[{j}]");
            match &r.on {
                Stimulus::Received(m) => v.reference(Kind::Message, m, &format!("{p}.on[0]")),
                Stimulus::Fired(inj) => v.reference(Kind::Inject, inj, &format!("{p}.on[0]")),
                Stimulus::Start | Stimulus::Every(_) | Stimulus::Unanswered => {}
            }
            if let Some(c) = &r.when {
                cond(v, c, &format!("{p}.when"));
            }
            for (k, ch) in r.choices.iter().enumerate() {
                let p = format!("{p}.choices[{k}]");
                if let Some(c) = &ch.when {
                    cond(v, c, &format!("{p}.when"));
                }
                if let PersonaAct::Send { msg, channel, .. } = &ch.act {
                    v.reference(Kind::Message, msg, &format!("{p}.act.msg"));
                    v.reference(Kind::Channel, channel, &format!("{p}.act.channel"));
                }
            }
        }
    }
    for (i, q) in s.debrief.hot_wash.iter().enumerate() {
        if let Some(c) = &q.when {
            cond(v, c, &format!("debrief.hot_wash[{i}].when"));
        }
    }
    for (i, m) in s.modules.iter().enumerate() {
        for (j, q) in m.questions.iter().enumerate() {
            if let Some(t) = &q.team {
                v.reference(Kind::Team, t, &format!("modules[{i}].questions[{j}].team"));
            }
        }
    }
    for (i, c) in s.debrief.criteria.iter().enumerate() {
        v.reference(
            Kind::Objective,
            &c.objective,
            &format!("debrief.criteria[{i}].objective"),
        );
    }
}

pub fn effects<'a>(v: &mut impl Visit<'a>, list: &'a [Effect], path: &str) {
    for (i, e) in list.iter().enumerate() {
        effect(v, e, &format!("{path}[{i}]"));
    }
}

fn effect<'a>(v: &mut impl Visit<'a>, e: &'a Effect, path: &str) {
    v.effect(e, path);
    match e {
        Effect::Add(var, _) | Effect::Set(var, _) => {
            v.reference(Kind::Variable, var, &format!("{path}[0]"))
        }
        Effect::Suspend(c) | Effect::Restore(c) => {
            v.reference(Kind::Channel, c, &format!("{path}[0]"))
        }
        Effect::When(c, list) => {
            cond(v, c, &format!("{path}[0]"));
            effects(v, list, &format!("{path}[1]"));
        }
        Effect::ByField(_, cases) => {
            for (value, list) in cases {
                effects(v, list, &format!("{path}[1][{value:?}]"));
            }
        }
    }
}

pub fn cond<'a>(v: &mut impl Visit<'a>, c: &'a Cond, path: &str) {
    v.cond(c, path);
    let at = |suffix: &str| format!("{path}{suffix}");
    match c {
        Cond::Always | Cond::After(_) | Cond::SpoofExposed | Cond::SpoofBelieved => {}
        Cond::All(list) | Cond::Any(list) => {
            for (i, c) in list.iter().enumerate() {
                cond(v, c, &at(&format!("[0][{i}]")));
            }
        }
        Cond::Not(inner) => cond(v, inner, &at("[0]")),
        Cond::Var(var, _, _) => v.reference(Kind::Variable, var, &at("[0]")),
        Cond::RungAtLeast(r) => v.reference(Kind::Rung, r, &at("[0]")),
        Cond::Sent { msg, by, .. } | Cond::Received { msg, by, .. } => {
            v.reference(Kind::Message, msg, &at(".msg"));
            if let Some(t) = by {
                v.reference(Kind::Team, t, &at(".by"));
            }
            if let Cond::Sent {
                reply_to: Some(r), ..
            } = c
            {
                v.reference(Kind::Message, r, &at(".reply_to"));
            }
        }
        Cond::Field(_) => {}
        Cond::Truth(t) => v.reference(Kind::Truth, t, &at("[0]")),
        Cond::ModuleEnded(m) => v.reference(Kind::Module, m, &at("[0]")),
        Cond::Fired(i) => v.reference(Kind::Inject, i, &at("[0]")),
        Cond::Met(e) | Cond::Missed(e) => v.reference(Kind::Expectation, e, &at("[0]")),
        Cond::Suspended(ch) => v.reference(Kind::Channel, ch, &at("[0]")),
        Cond::NormBroken { norm, by } => {
            v.reference(Kind::Norm, norm, &at(".norm"));
            if let Some(t) = by {
                v.reference(Kind::Team, t, &at(".by"));
            }
        }
        Cond::Reached(o) => v.reference(Kind::Outcome, o, &at("[0]")),
    }
}
