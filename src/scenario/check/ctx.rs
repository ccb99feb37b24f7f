//! What every check needs: the scenario, id lookups, where to point and
//! where to put findings.

use std::collections::{BTreeMap, BTreeSet};

use crate::scenario::diag::{Code, Diagnostic, closest};
use crate::scenario::model::*;
use crate::scenario::spans::Spans;

pub struct Ctx<'a> {
    pub s: &'a Scenario,
    spans: &'a Spans<'a>,
    file: &'a str,
    pub out: Vec<Diagnostic>,
    /// First definition of each id; duplicates are reported by `ids`.
    pub teams: BTreeMap<&'a str, &'a Team>,
    pub actors: BTreeMap<&'a str, &'a Actor>,
    pub variables: BTreeMap<&'a str, &'a Variable>,
    pub rungs: BTreeMap<&'a str, &'a Rung>,
    pub channels: BTreeMap<&'a str, &'a Channel>,
    pub messages: BTreeMap<&'a str, &'a MessageType>,
    pub norms: BTreeMap<&'a str, &'a Norm>,
    pub injects: BTreeMap<&'a str, &'a Inject>,
    pub expectations: BTreeMap<&'a str, &'a Expectation>,
    pub outcomes: BTreeMap<&'a str, &'a Outcome>,
    pub objectives: BTreeMap<&'a str, &'a Objective>,
}

fn index<'a, T>(
    items: impl IntoIterator<Item = &'a T>,
    id: impl Fn(&'a T) -> &'a str,
) -> BTreeMap<&'a str, &'a T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.entry(id(item)).or_insert(item);
    }
    map
}

impl<'a> Ctx<'a> {
    pub fn new(s: &'a Scenario, spans: &'a Spans<'a>, file: &'a str) -> Ctx<'a> {
        Ctx {
            s,
            spans,
            file,
            out: Vec::new(),
            teams: index(&s.teams, |t| t.id.as_str()),
            actors: index(&s.actors, |a| a.id.as_str()),
            variables: index(&s.variables, |v| v.id.as_str()),
            rungs: index(&s.ladder.rungs, |r| r.id.as_str()),
            channels: index(&s.channels, |c| c.id.as_str()),
            messages: index(&s.messages, |m| m.id.as_str()),
            norms: index(&s.norms, |n| n.id.as_str()),
            injects: index(&s.injects, |i| i.id.as_str()),
            expectations: index(&s.expectations, |e| e.id.as_str()),
            outcomes: index(&s.outcomes, |o| o.id.as_str()),
            objectives: index(s.teams.iter().flat_map(|t| &t.objectives), |o| {
                o.id.as_str()
            }),
        }
    }

    /// A diagnostic pointing at `path`, or at its nearest written ancestor.
    pub fn diag(&self, code: Code, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, self.file, message).at(self.spans.locate(path))
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// "did you mean `x`?" when an id is a near miss of a known one.
    pub fn suggest<'k>(id: &str, known: impl IntoIterator<Item = &'k str>) -> Option<String> {
        closest(id, known).map(|c| format!("did you mean `{c}`?"))
    }

    /// Teams that can send and receive on a channel.
    pub fn channel_teams(&self, c: &Channel) -> BTreeSet<&'a str> {
        if c.kind == ChannelKind::Public {
            self.teams.keys().copied().collect()
        } else {
            c.endpoints
                .iter()
                .filter_map(|e| self.teams.get_key_value(e.as_str()).map(|(k, _)| *k))
                .collect()
        }
    }

    /// Teams that can send (and receive) a message type over some channel.
    pub fn parties(&self, m: &MessageType) -> BTreeSet<&'a str> {
        m.channels
            .iter()
            .filter_map(|c| self.channels.get(c.as_str()))
            .flat_map(|c| self.channel_teams(c))
            .collect()
    }

    pub fn can_use(&self, team: &str, msg: &str) -> bool {
        self.messages
            .get(msg)
            .is_some_and(|m| self.parties(m).contains(team))
    }

    /// Whether some spoof inject delivers this message type to the team
    /// (any team when `team` is None).
    pub fn spoofed_to(&self, msg: &str, team: Option<&str>) -> bool {
        self.s.injects.iter().any(|i| {
            matches!(&i.via, Via::Spoof { msg: m, .. } if m == msg)
                && match (&i.to, team) {
                    (Audience::Team(t), Some(team)) => t == team,
                    (Audience::Facilitator, _) => false,
                    _ => true,
                }
        })
    }

    /// Whether the team can ever read a message of this type.
    pub fn can_receive(&self, team: &str, msg: &str) -> bool {
        self.can_use(team, msg) || self.spoofed_to(msg, Some(team))
    }

    pub fn duration(&self) -> u32 {
        self.s.meta.duration.0
    }
}
