//! The hotline protocol: how a message travels its channel, is answered or
//! not, waits for office hours and translation, and is authenticated.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::persona::Stim;
use super::{Due, Run};
use crate::scenario::fields::{FieldProblem, fits, problems};
use crate::scenario::{AuthMethod, Availability, ChannelKind, Role};
use crate::sim::action::ActionError;
use crate::sim::event::{Discount, EventKind, MsgId, Verdict, Vis};
use crate::sim::state::{Message, MsgStatus};
use crate::sim::world::{CRule, Ix, World};

pub fn validate_fields(
    w: &World,
    mt: Ix,
    fields: &BTreeMap<String, String>,
) -> Result<(), ActionError> {
    let def = &w.scenario.messages[mt];
    if fits(def, fields) {
        return Ok(());
    }
    match problems(def, fields).into_iter().next() {
        None => Ok(()),
        Some(FieldProblem::Missing(field)) => Err(ActionError::MissingField {
            msg: def.id.clone(),
            field,
        }),
        Some(FieldProblem::Unknown(field)) => Err(ActionError::BadField {
            field,
            reason: format!("`{}` has no such field", def.id),
        }),
        Some(FieldProblem::Bad { field, reason }) => Err(ActionError::BadField { field, reason }),
    }
}

impl Run {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn send(
        &mut self,
        w: &World,
        team: Ix,
        ch: Ix,
        mt: Ix,
        fields: Arc<BTreeMap<String, String>>,
        text: Arc<str>,
        reply_to: Option<MsgId>,
        by_persona: bool,
    ) -> Result<MsgId, ActionError> {
        let cdef = &w.scenario.channels[ch];
        let cc = &w.channels[ch];
        let public = cdef.kind == ChannelKind::Public;
        if !public && !cc.endpoints.contains(&team) {
            return Err(ActionError::NotEndpoint {
                team: w.scenario.teams[team].id.clone(),
                channel: cdef.id.clone(),
            });
        }
        if !w.messages[mt].channels.contains(&ch) {
            return Err(ActionError::NotCarried {
                msg: w.scenario.messages[mt].id.clone(),
                channel: cdef.id.clone(),
            });
        }
        if self.st.suspended[ch] {
            return Err(ActionError::ChannelSuspended(cdef.id.clone()));
        }
        for e in &w.messages[mt].on_send {
            if let crate::sim::world::CEffect::Suspend(c) | crate::sim::world::CEffect::Restore(c) =
                e
                && !w.channels[*c].suspendable_by.contains(&team)
            {
                return Err(ActionError::NotSuspendable {
                    team: w.scenario.teams[team].id.clone(),
                    channel: w.scenario.channels[*c].id.clone(),
                });
            }
        }
        if let Some(r) = reply_to {
            let orig = self.st.message(r).ok_or(ActionError::NoSuchMessage(r))?;
            let received = orig.to == Some(team) || (orig.to.is_none() && orig.from != Some(team));
            if !received || orig.delivered_at.is_none() {
                return Err(ActionError::NotReceiver {
                    team: w.scenario.teams[team].id.clone(),
                    message: r,
                });
            }
        }
        let to = if public {
            None
        } else {
            cc.endpoints.iter().copied().find(|&t| t != team)
        };
        let (weight, discount) = self.weigh(w, team, mt, reply_to);
        let id = self.st.messages.len() as MsgId;
        self.st.messages.push(Message {
            id,
            mtype: mt,
            channel: ch,
            from: Some(team),
            shown_from: Some(team),
            to,
            sent_at: self.st.now,
            reply_to,
            spoof: None,
            by_persona,
            fields,
            text,
            status: MsgStatus::InFlight,
            delivered_at: None,
            readable_at: None,
            answered_at: None,
            reply_due: None,
            exposed: false,
            weight,
        });
        let n_msg = w.messages.len();
        if weight > 0.0 {
            self.st.sent[team * n_msg + mt] += 1;
            self.st.counted[team * n_msg + mt] += 1;
            self.st.last_counted[team * n_msg + mt] = Some(self.st.now);
        }
        let vis = if public { Vis::PUBLIC } else { Vis::team(team) };
        self.emit(vis, EventKind::Sent { msg: id });
        if let Some(reason) = discount {
            self.emit(
                Vis::FACILITATOR,
                EventKind::Discounted {
                    msg: id,
                    weight,
                    reason,
                },
            );
        }
        for &n in &w.messages[mt].breaks {
            self.st.norms[team * w.scenario.norms.len() + n] += 1;
            self.emit(
                Vis::FACILITATOR,
                EventKind::NormBroken {
                    team,
                    norm: n,
                    msg: id,
                },
            );
        }
        if let Some(r) = reply_to {
            self.note_reply(w, team, mt, r);
        }
        self.check_send_expectations(w, team, mt, weight > 0.0);
        self.apply_effects_of(w, &w.messages[mt].on_send, Some(team), Some(id), weight);
        self.transmit(w, id);
        Ok(id)
    }

    /// How much a message of type `mt` from `team` counts now, and why it
    /// counts for less than a first gesture, if it does.
    fn weigh(
        &self,
        w: &World,
        team: Ix,
        mt: Ix,
        reply_to: Option<MsgId>,
    ) -> (f64, Option<Discount>) {
        let c = &w.messages[mt];
        if c.reply_only && !reply_to.is_some_and(|r| self.is_open_offer(w, r, mt)) {
            return (0.0, Some(Discount::NoOpenOffer));
        }
        let k = team * w.messages.len() + mt;
        let n = self.st.counted[k];
        if c.repeats.limit.is_some_and(|l| n >= l) {
            return (0.0, Some(Discount::Limit));
        }
        let cooling = |cd: crate::scenario::Minutes| {
            self.st.last_counted[k].is_some_and(|t| self.st.now < t.saturating_add(cd.0))
        };
        if c.repeats.cooldown.is_some_and(cooling) {
            return (0.0, Some(Discount::Cooldown));
        }
        if n == 0 || c.repeats.factor == 1.0 {
            return (1.0, None);
        }
        let weight = c.repeats.factor.powi(n.min(i32::MAX as u32) as i32);
        (weight, Some(Discount::Repeat(n)))
    }

    /// Whether message `r` is an offer still open to a reply of type `mt`:
    /// its type lists `mt` among its replies, it counted itself (an offer
    /// repeated past its limit is no offer), nothing answered it yet (an
    /// acceptance, a decline) and it was not exposed as a spoof. A late
    /// answer still answers: the reply deadline is for timeliness (overdue
    /// events, expectations), not an expiry.
    fn is_open_offer(&self, w: &World, r: MsgId, mt: Ix) -> bool {
        self.st.message(r).is_some_and(|o| {
            w.messages[o.mtype].reply_types.contains(&mt)
                && o.weight > 0.0
                && o.answered_at.is_none()
                && !o.exposed
        })
    }

    /// Puts a message on the wire: answered or not, lost or not, and when
    /// it arrives.
    pub(super) fn transmit(&mut self, w: &World, id: MsgId) {
        let m = &self.st.messages[id as usize];
        let (ch, to, from) = (m.channel, m.to, m.from);
        let cdef = &w.scenario.channels[ch];
        if cdef.kind == ChannelKind::Voice
            && let Some(to) = to
        {
            let p = self.answer_probability(w, ch, to);
            if !self.rng.chance(p) {
                self.st.messages[id as usize].status = MsgStatus::Unanswered;
                let mut vis = Vis::team(to);
                if let Some(f) = from {
                    vis = vis.with(f);
                }
                self.emit(vis, EventKind::CallUnanswered { msg: id, p });
                if let Some(f) = from {
                    self.stimulate(w, f, Stim::Unanswered, Some(id));
                }
                return;
            }
        }
        if !self.rng.chance(cdef.reliability) {
            self.st.messages[id as usize].status = MsgStatus::Lost;
            self.emit(Vis::FACILITATOR, EventKind::Lost { msg: id });
            return;
        }
        let mut at = self.st.now.saturating_add(self.rng.delay(&cdef.latency));
        if cdef.availability == Availability::OfficeHours
            && cdef.kind != ChannelKind::Voice
            && let Some(to) = to
        {
            match w.next_opening(to, at) {
                Some(open) => at = open,
                None => return,
            }
        }
        self.schedule(at, Due::Deliver(id));
    }

    /// The chance that a call on `ch` to `to` is answered now.
    pub(super) fn answer_probability(&self, w: &World, ch: Ix, to: Ix) -> f64 {
        let cdef = &w.scenario.channels[ch];
        let open = w.office_open(to, self.st.now);
        let Some(a) = &cdef.answer else {
            return if !open && cdef.availability == Availability::OfficeHours {
                0.0
            } else {
                1.0
            };
        };
        let mut p = a.base;
        for &(v, k) in &w.channels[ch].answer_slopes {
            p += k * self.st.vars[v];
        }
        p = p.clamp(a.min, a.max);
        if !open {
            p *= if cdef.availability == Availability::OfficeHours {
                0.0
            } else {
                a.after_hours
            };
        }
        p.clamp(0.0, 1.0)
    }

    pub(super) fn deliver(&mut self, w: &World, id: MsgId) {
        let m = &self.st.messages[id as usize];
        if self.st.suspended[m.channel] {
            self.st.messages[id as usize].status = MsgStatus::Lost;
            self.emit(Vis::FACILITATOR, EventKind::Lost { msg: id });
            return;
        }
        let cdef = &w.scenario.channels[m.channel];
        let to = m.to;
        let sender_lang = m.shown_from.map(|t| w.scenario.teams[t].language);
        let differs = match (to, sender_lang) {
            (Some(to), Some(l)) => w.scenario.teams[to].language != l,
            _ => false,
        };
        let mt = m.mtype;
        let now = self.st.now;
        let wait = if differs {
            self.rng.delay(&cdef.translation)
        } else {
            0
        };
        let msg = &mut self.st.messages[id as usize];
        msg.status = MsgStatus::Delivered;
        msg.delivered_at = Some(now);
        let vis = match to {
            Some(t) => Vis::team(t),
            None => Vis::PUBLIC,
        };
        self.emit(
            vis,
            EventKind::Delivered {
                msg: id,
                translating: wait > 0,
            },
        );
        // A channel's acknowledgement deadline is for substantive traffic: an
        // acknowledgement or a link test owes no acknowledgement itself.
        let plain = w.scenario.messages[mt].role == Role::Plain;
        let within = w.scenario.messages[mt]
            .reply
            .as_ref()
            .map(|r| r.within)
            .or(cdef.ack_deadline.filter(|_| plain));
        if let (Some(within), Some(_)) = (within, to) {
            let due = now.saturating_add(within.0);
            self.st.messages[id as usize].reply_due = Some(due);
            self.schedule(due, Due::ReplyDeadline(id));
        }
        if wait == 0 {
            self.readable(w, id);
        } else {
            self.schedule(now.saturating_add(wait), Due::Readable(id));
        }
    }

    pub(super) fn readable(&mut self, w: &World, id: MsgId) {
        let now = self.st.now;
        let m = &mut self.st.messages[id as usize];
        if m.status != MsgStatus::Delivered {
            return;
        }
        m.status = MsgStatus::Readable;
        m.readable_at = Some(now);
        let (mt, to, from, spoof, exposed, weight) =
            (m.mtype, m.to, m.from, m.spoof, m.exposed, m.weight);
        let vis = match to {
            Some(t) => Vis::team(t),
            None => Vis::PUBLIC,
        };
        self.emit(vis, EventKind::Readable { msg: id });
        let n_msg = w.messages.len();
        // The addressee, or every team but the sender on a public channel,
        // in team order (no list to allocate for every reading).
        let receives = |t: Ix| to.map_or(Some(t) != from, |to| to == t);
        let (lo, hi) = to.map_or((0, w.team_count()), |t| (t, t + 1));
        if weight > 0.0 {
            for r in (lo..hi).filter(|&r| receives(r)) {
                self.st.received[r * n_msg + mt] += 1;
            }
        }
        match spoof {
            Some(inj) if !exposed => {
                self.st.spoofs_believed += 1;
                self.apply_effects(w, &w.injects[inj].effects, None);
            }
            Some(_) => {}
            None => self.apply_effects_of(w, &w.messages[mt].effects, from, Some(id), weight),
        }
        for (e, x) in w.expectations.iter().enumerate() {
            if let CRule::ReplyWithin {
                to: want, within, ..
            } = &x.rule
                && *want == mt
                && receives(x.team)
            {
                let deadline = now.saturating_add(*within);
                self.st.waits.push(crate::sim::state::ReplyWait {
                    exp: e,
                    msg: id,
                    deadline,
                    done: false,
                });
                if self.st.exps[e].status == ExpStatus::Idle {
                    self.st.exps[e].status = ExpStatus::Pending;
                }
                self.schedule(deadline, Due::WaitDeadline(self.st.waits.len() - 1));
            }
        }
        for r in (lo..hi).filter(|&r| receives(r)) {
            self.stimulate(w, r, Stim::Received(mt), Some(id));
        }
    }

    /// Bookkeeping when `team` replies to `orig` with a message of type `mt`.
    fn note_reply(&mut self, w: &World, team: Ix, mt: Ix, orig: MsgId) {
        let now = self.st.now;
        let o = &self.st.messages[orig as usize];
        let expected = &w.messages[o.mtype].reply_types;
        let fits = expected.contains(&mt)
            || (expected.is_empty() && w.scenario.messages[mt].role == Role::Acknowledge);
        if fits && o.answered_at.is_none() {
            self.st.messages[orig as usize].answered_at = Some(now);
        }
        let mut met = Vec::new();
        for wait in self.st.waits.iter_mut() {
            if wait.done || wait.msg != orig || now > wait.deadline {
                continue;
            }
            if let CRule::ReplyWithin { reply, .. } = &w.expectations[wait.exp].rule
                && w.expectations[wait.exp].team == team
                && reply.contains(&mt)
            {
                wait.done = true;
                met.push(wait.exp);
            }
        }
        for e in met {
            self.exp_met(w, e);
        }
    }

    /// A message that counts for nothing meets no SendBy; any message,
    /// counted or not, breaks an Avoid.
    fn check_send_expectations(&mut self, w: &World, team: Ix, mt: Ix, counts: bool) {
        for (e, x) in w.expectations.iter().enumerate() {
            if x.team != team || self.st.exps[e].status != ExpStatus::Pending {
                continue;
            }
            match &x.rule {
                CRule::SendBy { msg, .. }
                    if counts
                        && *msg == mt
                        && self.st.exps[e].deadline.is_some_and(|d| self.st.now <= d) =>
                {
                    self.exp_met(w, e);
                }
                CRule::Avoid { msg, before }
                    if *msg == mt && before.is_none_or(|b| self.st.now < b) =>
                {
                    self.exp_missed(w, e);
                }
                _ => {}
            }
        }
    }

    pub(super) fn reply_deadline(&mut self, id: MsgId) {
        let m = &self.st.messages[id as usize];
        if m.answered_at.is_some() {
            return;
        }
        let mut vis = Vis::FACILITATOR;
        if let Some(t) = m.to {
            vis = vis.with(t);
        }
        if let Some(f) = m.from {
            vis = vis.with(f);
        }
        self.emit(vis, EventKind::ReplyOverdue { msg: id });
    }

    pub(super) fn wait_deadline(&mut self, w: &World, i: usize) {
        if self.st.waits[i].done {
            return;
        }
        self.st.waits[i].done = true;
        let e = self.st.waits[i].exp;
        self.exp_missed(w, e);
    }

    pub(super) fn authenticate(
        &mut self,
        w: &World,
        team: Ix,
        id: MsgId,
        method: AuthMethod,
    ) -> Result<(), ActionError> {
        let m = self.st.message(id).ok_or(ActionError::NoSuchMessage(id))?;
        if m.to != Some(team) || m.delivered_at.is_none() {
            return Err(ActionError::NotReceiver {
                team: w.scenario.teams[team].id.clone(),
                message: id,
            });
        }
        let auth = &w.scenario.channels[m.channel].auth;
        if method == AuthMethod::CodeWord && !auth.code_words {
            return Err(ActionError::NoCodeWords(
                w.scenario.channels[m.channel].id.clone(),
            ));
        }
        let spoof = m.spoof.is_some();
        self.emit(Vis::team(team), EventKind::AuthStarted { msg: id, method });
        match method {
            AuthMethod::CodeWord => {
                // A stolen or guessed code word can let a spoof pass.
                let caught = spoof && self.rng.chance(auth.code_word_reliability);
                self.auth_verdict(w, id, team, method, caught);
            }
            AuthMethod::OutOfBand => {
                let at = self
                    .st
                    .now
                    .saturating_add(self.rng.delay(&auth.out_of_band));
                self.schedule(at, Due::AuthResult { msg: id, team });
            }
        }
        Ok(())
    }

    pub(super) fn auth_result(&mut self, w: &World, id: MsgId, team: Ix) {
        let spoof = self.st.messages[id as usize].spoof.is_some();
        self.auth_verdict(w, id, team, AuthMethod::OutOfBand, spoof);
    }

    fn auth_verdict(&mut self, w: &World, id: MsgId, team: Ix, method: AuthMethod, caught: bool) {
        let verdict = if caught {
            Verdict::Spoof
        } else {
            Verdict::Genuine
        };
        self.emit(
            Vis::team(team),
            EventKind::AuthResult {
                msg: id,
                method,
                verdict,
            },
        );
        let m = &mut self.st.messages[id as usize];
        if !caught || m.exposed {
            return;
        }
        m.exposed = true;
        let (inj, was_read) = (m.spoof, m.readable_at.is_some());
        if was_read {
            self.st.spoofs_believed -= 1;
        }
        self.st.spoofs_exposed += 1;
        if let Some(inj) = inj {
            self.apply_effects(w, &w.injects[inj].exposed, None);
        }
    }
}

use crate::sim::state::ExpStatus;
