//! An engine rebuilt from what one seat was shown, not from the actions:
//! a remote team or projector holds only its own events and messages, yet
//! the app's panels read an [`Engine`]. Nothing here runs the exercise (no
//! queue, no randomness that matters): the server's engine decides, this
//! one only answers the questions a panel asks of the state.

use std::sync::Arc;

use super::Engine;
use crate::sim::event::{Event, EventKind};
use crate::sim::rng::Rng;
use crate::sim::state::{InjectState, Message, MsgStatus, State};
use crate::sim::world::World;

/// How the seat's clock stands, as the server last said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenClock {
    pub now: u32,
    pub paused: bool,
    pub speed: u32,
    pub ended: bool,
}

impl Engine {
    /// The state `events` (numbered from 0, in order) and `messages`
    /// describe, at `clock`. Messages the seat never heard of keep their
    /// ids as empty placeholders, since the state finds a message by id.
    pub fn seen(
        world: Arc<World>,
        events: Vec<Event>,
        messages: impl IntoIterator<Item = Message>,
        clock: SeenClock,
    ) -> Engine {
        let mut st = State::new(&world);
        for m in messages {
            let id = m.id as usize;
            while st.messages.len() < id {
                st.messages.push(placeholder(st.messages.len() as u32));
            }
            if id == st.messages.len() {
                st.messages.push(m);
            } else {
                st.messages[id] = m;
            }
        }
        for ev in &events {
            match &ev.kind {
                EventKind::ChannelSuspended { channel, .. } => {
                    set(&mut st.suspended, *channel, true)
                }
                EventKind::ChannelRestored { channel, .. } => {
                    set(&mut st.suspended, *channel, false)
                }
                EventKind::VarChanged { var, to, .. } => set(&mut st.vars, *var, *to),
                EventKind::RungChanged { to, .. } => {
                    st.rung = *to;
                    st.peak_rung = st.peak_rung.max(*to);
                }
                EventKind::InjectFired { inject, .. } => {
                    set(&mut st.injects, *inject, InjectState::Fired(ev.t))
                }
                EventKind::ModuleStarted { module } => st.module = st.module.max(*module),
                EventKind::OutcomeReached { outcome } => st.outcome = Some(*outcome),
                EventKind::Ended { outcome } => {
                    st.outcome = outcome.or(st.outcome);
                    st.ended_at = Some(ev.t);
                }
                _ => {}
            }
        }
        st.now = clock.now;
        st.paused = clock.paused;
        st.speed = clock.speed.max(1);
        if clock.ended && st.ended_at.is_none() {
            st.ended_at = Some(clock.now);
        }
        Engine {
            run: super::Run {
                watch: super::settle::Watch::new(&world),
                st,
                rng: Rng::new(0),
                queue: super::agenda::Agenda::with_capacity(0),
                events,
                seed: 0,
                opening: super::agenda::Agenda::default(),
            },
            world,
        }
    }
}

fn set<T>(v: &mut [T], i: usize, x: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = x;
    }
}

/// A message the seat does not know: nothing on it, nowhere to show.
fn placeholder(id: u32) -> Message {
    Message {
        id,
        mtype: 0,
        channel: 0,
        from: None,
        shown_from: None,
        to: None,
        sent_at: 0,
        reply_to: None,
        spoof: None,
        by_persona: false,
        fields: Default::default(),
        text: Arc::from(""),
        status: MsgStatus::Lost,
        delivered_at: None,
        readable_at: None,
        answered_at: None,
        reply_due: None,
        exposed: false,
        weight: 0.0,
    }
}
