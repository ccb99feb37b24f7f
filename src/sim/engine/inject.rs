//! Injects: scripted news, channel traffic and spoofs that the scenario, a
//! condition or the facilitator sets off.

use std::sync::Arc;

use super::Run;
use super::persona::Stim;
use crate::sim::action::Audience;
use crate::sim::event::{EventKind, Vis};
use crate::sim::state::{InjectState, Message, MsgStatus};
use crate::sim::world::{CAudience, CVia, Ix, World};

pub fn audience_vis(w: &World, a: &Audience) -> Option<Vis> {
    Some(match a {
        Audience::Team(t) => Vis::team(*w.ids.teams.get(t)?),
        Audience::Teams => Vis::teams(w.team_count()),
        Audience::Public => Vis::PUBLIC,
        Audience::Facilitator => Vis::FACILITATOR,
    })
}

fn compiled_vis(w: &World, a: &CAudience) -> Vis {
    match a {
        CAudience::Team(t) => Vis::team(*t),
        CAudience::Teams => Vis::teams(w.team_count()),
        CAudience::Public => Vis::PUBLIC,
        CAudience::Facilitator => Vis::FACILITATOR,
    }
}

impl Run {
    /// Draws whether a scheduled or conditional inject fires.
    pub(super) fn draw_inject(&mut self, w: &World, i: Ix) {
        let p = w.scenario.injects[i].probability;
        if self.rng.chance(p) {
            self.fire_inject(w, i);
        } else {
            self.st.injects[i] = InjectState::Skipped(self.st.now);
            self.emit(Vis::FACILITATOR, EventKind::InjectSkipped { inject: i });
        }
    }

    pub(super) fn fire_inject(&mut self, w: &World, i: Ix) {
        let inj = &w.injects[i];
        self.st.injects[i] = InjectState::Fired(self.st.now);
        let msg = match inj.via {
            CVia::Spoof {
                channel,
                as_team,
                msg,
            } => {
                let to = match inj.to {
                    CAudience::Team(t) => Some(t),
                    _ => w.channels[channel]
                        .endpoints
                        .iter()
                        .copied()
                        .find(|&t| t != as_team),
                };
                let id = self.st.messages.len() as u32;
                let def = &w.scenario.injects[i];
                self.st.messages.push(Message {
                    id,
                    mtype: msg,
                    channel,
                    from: None,
                    shown_from: Some(as_team),
                    to,
                    sent_at: self.st.now,
                    reply_to: None,
                    spoof: Some(i),
                    by_persona: false,
                    fields: Default::default(),
                    // Written in the language of the team it impersonates,
                    // as a real message from that team would be: the victim
                    // waits for its translation like any other.
                    text: match &def.via {
                        crate::scenario::Via::Spoof { body, .. } => {
                            Arc::from(body.get(w.scenario.teams[as_team].language))
                        }
                        _ => Arc::from(""),
                    },
                    status: MsgStatus::InFlight,
                    delivered_at: None,
                    readable_at: None,
                    answered_at: None,
                    reply_due: None,
                    exposed: false,
                    weight: 1.0,
                });
                Some(id)
            }
            _ => None,
        };
        // The facilitator always learns of a spoof; its victim learns only
        // what the message itself shows.
        let vis = if msg.is_some() {
            Vis::FACILITATOR
        } else {
            compiled_vis(w, &inj.to)
        };
        self.emit(vis, EventKind::InjectFired { inject: i, msg });
        match msg {
            Some(id) => {
                if self.st.suspended[self.st.messages[id as usize].channel] {
                    self.st.messages[id as usize].status = MsgStatus::Lost;
                    self.emit(Vis::FACILITATOR, EventKind::Lost { msg: id });
                } else {
                    self.transmit(w, id);
                }
            }
            None => self.apply_effects(w, &inj.effects, None),
        }
        for t in 0..w.team_count() {
            if vis.allows(crate::sim::event::Viewer::Team(t)) {
                self.stimulate(w, t, Stim::Fired(i), None);
            }
        }
    }
}
