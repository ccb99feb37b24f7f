//! What every check needs: the scenario, id lookups (from the shared
//! table of id kinds, `scenario::ids`), where to point and where to put
//! findings.

use std::collections::{BTreeMap, BTreeSet};

use crate::scenario::diag::{Code, Diagnostic, closest};
use crate::scenario::ids::{self, IdKind};
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
    pub outcomes: BTreeMap<&'a str, &'a Outcome>,
    /// Every declared id of each kind, sorted.
    known: BTreeMap<IdKind, BTreeSet<&'a str>>,
}

/// The first declaration of each id of `kind`, with the item declaring it
/// (`item` maps a declaration's index to its item).
fn first<'a, T>(
    s: &'a Scenario,
    kind: IdKind,
    item: impl Fn(usize) -> &'a T,
) -> BTreeMap<&'a str, &'a T> {
    let mut map = BTreeMap::new();
    for d in ids::declared(s, kind) {
        map.entry(d.id).or_insert_with(|| item(d.index));
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
            teams: first(s, IdKind::Team, |i| &s.teams[i]),
            actors: first(s, IdKind::Actor, |i| &s.actors[i]),
            variables: first(s, IdKind::Variable, |i| &s.variables[i]),
            rungs: first(s, IdKind::Rung, |i| &s.ladder.rungs[i]),
            channels: first(s, IdKind::Channel, |i| &s.channels[i]),
            messages: first(s, IdKind::Message, |i| &s.messages[i]),
            norms: first(s, IdKind::Norm, |i| &s.norms[i]),
            injects: first(s, IdKind::Inject, |i| &s.injects[i]),
            outcomes: first(s, IdKind::Outcome, |i| &s.outcomes[i]),
            known: IdKind::ALL
                .into_iter()
                .map(|k| (k, ids::declared(s, k).iter().map(|d| d.id).collect()))
                .collect(),
        }
    }

    /// A diagnostic pointing at `path`, or at its nearest written ancestor.
    pub fn diag(&self, code: Code, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, self.file, message).at(self.spans.locate(path))
    }

    /// The ids declared for `kind`, sorted, each once.
    pub fn known(&self, kind: IdKind) -> impl Iterator<Item = &'a str> + '_ {
        self.known[&kind].iter().copied()
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
