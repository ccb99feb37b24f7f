//! What the probing team can do: every message it may send (each channel it
//! can use, candidate field values, replies) and every authentication that
//! can matter, read from the scenario so that each generated act is legal in
//! principle. Whether it is legal at its time (a channel suspended, nothing
//! yet to reply to) is the engine's call when the act is played.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::scenario::{AuthMethod, ChannelKind, FieldKind, Role};
use crate::sim::action::{Action, ActionError};
use crate::sim::engine::Engine;
use crate::sim::plan::{MsgRef, PlanAct};
use crate::sim::world::{CEffect, Ix, World};

/// Text fields change nothing in the engine; any words will do.
pub const PLACEHOLDER: &str = "(probe)";
/// Numbers span orders of magnitude so that a threshold anywhere in a
/// sensible range has a value on each side of it.
const NUMBERS: [&str; 6] = ["0", "1", "5", "15", "50", "100"];

/// One act of the probing team, without its time. Indices point into
/// [`Moves`], so an act is small, hashable and ordered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Act {
    Send {
        /// Index into `Moves::sends`.
        menu: usize,
        /// Index into the menu's channels.
        channel: usize,
        /// Per field, the index of its value among the field's candidates.
        values: Vec<usize>,
        /// Index into the menu's replies (0 is "not a reply").
        reply: usize,
    },
    /// Index into `Moves::auths`.
    Authenticate(usize),
}

/// The ways to send one message type.
#[derive(Debug, Clone)]
pub struct SendMenu {
    pub msg: Ix,
    pub channels: Vec<Ix>,
    /// Per field of the type, its candidate values ("" leaves an optional
    /// field out).
    pub values: Vec<Vec<String>>,
    /// None first, then the types this one can answer.
    pub replies: Vec<Option<Ix>>,
}

#[derive(Debug, Clone)]
pub struct Moves {
    pub team: Ix,
    pub sends: Vec<SendMenu>,
    /// Message types to authenticate, with the method.
    pub auths: Vec<(Ix, AuthMethod)>,
    /// Candidate minutes for a step, early ones close together.
    pub times: Vec<u32>,
}

impl Moves {
    pub fn new(w: &Arc<World>, team: Ix) -> Moves {
        let s = &w.scenario;
        // The start itself: a valid UTC time in the scenario's own format.
        let time_value = s.meta.start.to_string();
        let usable = |c: Ix| {
            s.channels[c].kind == ChannelKind::Public || w.channels[c].endpoints.contains(&team)
        };
        // Types that can reach the team: over a channel it is an end of, or
        // in public (from the other team).
        let receivable: Vec<Ix> = (0..s.messages.len())
            .filter(|&m| w.messages[m].channels.iter().any(|&c| usable(c)))
            .collect();
        let mut sends = Vec::new();
        for (m, def) in s.messages.iter().enumerate() {
            let channels: Vec<Ix> = (w.messages[m].channels.iter().copied())
                .filter(|&c| usable(c))
                .collect();
            if channels.is_empty() || !may_touch_channels(w, m, team) {
                continue;
            }
            let values: Vec<Vec<String>> = (def.fields.iter())
                .map(|f| field_values(&f.kind, f.required, &time_value))
                .collect();
            // A required choice with nothing to choose can never be sent.
            if values.iter().any(Vec::is_empty) {
                continue;
            }
            // An acknowledgement may answer anything; other types answer
            // the types that name them as a reply.
            let answers =
                |r: &Ix| def.role == Role::Acknowledge || w.messages[*r].reply_types.contains(&m);
            let replies = std::iter::once(None)
                .chain(receivable.iter().filter(|r| answers(r)).map(|&r| Some(r)))
                .collect();
            sends.push(SendMenu {
                msg: m,
                channels,
                values,
                replies,
            });
        }
        let mut moves = Moves {
            team,
            sends,
            auths: auths(w, team),
            times: time_grid(w.duration),
        };
        moves.keep_accepted(w);
        moves
    }

    /// Whether the team can do nothing at all.
    pub fn is_empty(&self) -> bool {
        self.sends.is_empty() && self.auths.is_empty()
    }

    /// Drops what the engine refuses at the start for a reason other than
    /// the moment (a suspended channel may be restored later), so that a
    /// rule of the engine this module does not know still holds here.
    fn keep_accepted(&mut self, w: &Arc<World>) {
        let e = Engine::new(w.clone(), 0);
        let team = &w.scenario.teams[self.team].id;
        for menu in &mut self.sends {
            let fields = fields_of(w, menu, &vec![0; menu.values.len()]);
            menu.channels.retain(|&c| {
                let a = Action::Send {
                    team: team.clone(),
                    channel: w.scenario.channels[c].id.clone(),
                    msg: w.scenario.messages[menu.msg].id.clone(),
                    fields: fields.clone(),
                    text: String::new(),
                    reply_to: None,
                };
                matches!(e.check(&a), Ok(()) | Err(ActionError::ChannelSuspended(_)))
            });
        }
        self.sends.retain(|m| !m.channels.is_empty());
    }

    /// The act as a plan states it: ids, and "the latest message of this
    /// type" for what it answers or checks.
    pub fn plan_act(&self, w: &World, act: &Act) -> PlanAct {
        let s = &w.scenario;
        let team = s.teams[self.team].id.clone();
        match act {
            Act::Send {
                menu,
                channel,
                values,
                reply,
            } => {
                let m = &self.sends[*menu];
                PlanAct::Send {
                    team,
                    channel: s.channels[m.channels[*channel]].id.clone(),
                    msg: s.messages[m.msg].id.clone(),
                    fields: fields_of(w, m, values),
                    text: String::new(),
                    reply_to: m.replies[*reply].map(|r| MsgRef::Last(s.messages[r].id.clone())),
                }
            }
            Act::Authenticate(i) => {
                let (m, method) = self.auths[*i];
                PlanAct::Authenticate {
                    team,
                    message: MsgRef::Last(s.messages[m].id.clone()),
                    method,
                }
            }
        }
    }

    /// Every send with no reply, its fields in every combination, or one
    /// field at a time when the combinations are too many: the opening
    /// scan tries each of these alone.
    pub fn singles(&self) -> Vec<Act> {
        const MAX_COMBOS: usize = 48;
        let mut out = Vec::new();
        for (i, m) in self.sends.iter().enumerate() {
            let combos: usize = m.values.iter().map(Vec::len).product();
            let value_sets: Vec<Vec<usize>> = if combos <= MAX_COMBOS {
                (0..combos)
                    .map(|mut k| {
                        (m.values.iter())
                            .map(|v| {
                                let x = k % v.len();
                                k /= v.len();
                                x
                            })
                            .collect()
                    })
                    .collect()
            } else {
                let base = vec![0; m.values.len()];
                let mut sets = vec![base.clone()];
                for (f, v) in m.values.iter().enumerate() {
                    for x in 1..v.len() {
                        let mut s = base.clone();
                        s[f] = x;
                        sets.push(s);
                    }
                }
                sets
            };
            for channel in 0..m.channels.len() {
                for values in &value_sets {
                    out.push(Act::Send {
                        menu: i,
                        channel,
                        values: values.clone(),
                        reply: 0,
                    });
                }
            }
        }
        out
    }
}

/// The fields of a send, as the engine takes them: empty values left out.
fn fields_of(w: &World, m: &SendMenu, values: &[usize]) -> BTreeMap<String, String> {
    let def = &w.scenario.messages[m.msg];
    (def.fields.iter().zip(&m.values).zip(values))
        .filter(|((_, cands), i)| !cands[**i].is_empty())
        .map(|((f, cands), i)| (f.id.clone(), cands[*i].clone()))
        .collect()
}

/// Candidate values of a field: every Choice, a few Numbers, one valid
/// time, a placeholder text; "" first for an optional field that can
/// matter (an optional Text is just left out).
fn field_values(kind: &FieldKind, required: bool, time: &str) -> Vec<String> {
    let mut v: Vec<String> = if required {
        vec![]
    } else {
        vec![String::new()]
    };
    match kind {
        FieldKind::Choice(opts) => v.extend(opts.iter().cloned()),
        FieldKind::Number => v.extend(NUMBERS.iter().map(|s| s.to_string())),
        FieldKind::Time => v.push(time.to_string()),
        FieldKind::Text if required => v.push(PLACEHOLDER.to_string()),
        FieldKind::Text => {}
    }
    v
}

/// Whether the team may send a type whose `on_send` suspends or restores
/// channels (the engine refuses it otherwise).
fn may_touch_channels(w: &World, m: Ix, team: Ix) -> bool {
    w.messages[m].on_send.iter().all(|e| match e {
        CEffect::Suspend(c) | CEffect::Restore(c) => w.channels[*c].suspendable_by.contains(&team),
        _ => true,
    })
}

/// Authentication changes nothing unless it exposes a spoof, and spoofs
/// come only over spoofable channels: so the types those carry to the team,
/// by code word where the channel has code words, and out of band.
fn auths(w: &World, team: Ix) -> Vec<(Ix, AuthMethod)> {
    let s = &w.scenario;
    let mut out = Vec::new();
    for m in 0..s.messages.len() {
        let chans: Vec<Ix> = (w.messages[m].channels.iter().copied())
            .filter(|&c| s.channels[c].auth.spoofable && w.channels[c].endpoints.contains(&team))
            .collect();
        if chans.is_empty() {
            continue;
        }
        if chans.iter().any(|&c| s.channels[c].auth.code_words) {
            out.push((m, AuthMethod::CodeWord));
        }
        out.push((m, AuthMethod::OutOfBand));
    }
    out
}

/// Step times: every few minutes at first, then hours, then every six
/// hours to the end. Cheap scripts act early, so early times are dense.
fn time_grid(duration: u32) -> Vec<u32> {
    let early = [
        0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 480, 600, 720, 960, 1200,
        1440,
    ];
    // T+0 always, so that even a zero-length exercise has a time.
    let mut v: Vec<u32> = early
        .into_iter()
        .filter(|&t| t == 0 || t < duration)
        .collect();
    let mut t = 1440 + 360;
    while t < duration {
        v.push(t);
        t += 360;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn planted() -> Arc<World> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/probe/planted.ron"
        );
        let loaded = crate::scenario::load_file(std::path::Path::new(path)).expect("loads");
        Arc::new(World::compile(loaded.scenario))
    }

    #[test]
    fn every_choice_value_and_channel_is_tried_alone_in_the_opening_scan() {
        let w = planted();
        let m = Moves::new(&w, w.ids.teams["blue"]);
        let mut seen = BTreeSet::new();
        for act in m.singles() {
            if let PlanAct::Send {
                msg,
                channel,
                fields,
                ..
            } = m.plan_act(&w, &act)
                && msg == "handshake"
            {
                seen.insert((channel, fields["grip"].clone()));
            }
        }
        let want: BTreeSet<(String, String)> = ["courier", "wire"]
            .iter()
            .flat_map(|c| {
                ["limp", "firm", "crushing"]
                    .iter()
                    .map(move |g| (c.to_string(), g.to_string()))
            })
            .collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn a_team_is_offered_only_what_it_may_send() {
        let w = planted();
        let m = Moves::new(&w, w.ids.teams["red"]);
        let e = Engine::new(w.clone(), 1);
        for act in m.singles() {
            let a = m.plan_act(&w, &act).try_map_msg(|_, _| Err(())).unwrap();
            assert_eq!(e.check(&a), Ok(()), "{a:?}");
        }
        // Numbers get a spread of values; optional text is left out.
        let gift = m
            .sends
            .iter()
            .find(|s| s.msg == w.ids.messages["gift"])
            .unwrap();
        assert_eq!(gift.values[0].len(), NUMBERS.len());
    }
}
