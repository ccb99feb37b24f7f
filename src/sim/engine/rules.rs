//! What follows from the state by itself: conditional injects, deadlines,
//! outcomes and the end, variables and their effects.

use super::Run;
use crate::sim::cond::{eval, eval_in};
use crate::sim::event::MsgId;
use crate::sim::event::{EventKind, Vis};
use crate::sim::state::ExpStatus;
use crate::sim::world::{CEffect, CRule, Ix, World};

impl Run {
    pub(super) fn reach(&mut self, w: &World, o: Ix) {
        self.st.reached[o] = Some(self.st.now);
        self.emit(Vis::PUBLIC, EventKind::OutcomeReached { outcome: o });
        if w.scenario.outcomes[o].ends {
            self.end(w, Some(o));
        }
    }

    pub(super) fn end(&mut self, w: &World, outcome: Option<Ix>) {
        // Expectations still open are judged as they stand: nothing sent
        // that an Avoid forbade means it was kept.
        for (i, x) in w.expectations.iter().enumerate() {
            if matches!(x.rule, CRule::Avoid { .. }) && self.st.exps[i].status == ExpStatus::Pending
            {
                self.exp_met(w, i);
            }
        }
        self.st.outcome = outcome;
        self.st.ended_at = Some(self.st.now);
        self.emit(Vis::PUBLIC, EventKind::Ended { outcome });
    }

    pub(super) fn time_out(&mut self, w: &World) {
        if self.st.ended() {
            return;
        }
        let pick = w
            .outcomes
            .iter()
            .position(|o| o.timeout && eval(w, &self.st, &o.when));
        match pick {
            Some(o) => {
                self.st.reached[o] = Some(self.st.now);
                self.emit(Vis::PUBLIC, EventKind::OutcomeReached { outcome: o });
                self.end(w, Some(o));
            }
            None => self.end(w, None),
        }
    }

    pub(super) fn set_var(&mut self, w: &World, v: Ix, value: f64) {
        let def = &w.scenario.variables[v];
        let to = value.clamp(def.min, def.max);
        let from = self.st.vars[v];
        if to == from {
            return;
        }
        let vis = if def.public {
            Vis::PUBLIC
        } else {
            Vis::FACILITATOR
        };
        self.st.vars[v] = to;
        self.emit(vis, EventKind::VarChanged { var: v, from, to });
        if v == w.ladder_var {
            let rung = w.rung_for(to);
            if rung != self.st.rung {
                let from = self.st.rung;
                self.st.rung = rung;
                self.st.peak_rung = self.st.peak_rung.max(rung);
                self.emit(Vis::PUBLIC, EventKind::RungChanged { from, to: rung });
            }
        }
    }

    pub(super) fn apply_effects(&mut self, w: &World, effects: &[CEffect], by: Option<Ix>) {
        self.apply_effects_of(w, effects, by, None, 1.0);
    }

    /// Effects of message `msg` (if any: its fields decide `Field` tests
    /// and `ByField`), with `Add` amounts weighed by how much it counts.
    /// A message that counts for nothing changes nothing.
    pub(super) fn apply_effects_of(
        &mut self,
        w: &World,
        effects: &[CEffect],
        by: Option<Ix>,
        msg: Option<MsgId>,
        weight: f64,
    ) {
        if weight <= 0.0 {
            return;
        }
        for e in effects {
            match e {
                CEffect::Add(v, x) => self.set_var(w, *v, self.st.vars[*v] + x * weight),
                CEffect::Set(v, x) => self.set_var(w, *v, *x),
                CEffect::Suspend(c) => self.suspend(w, *c, by, true),
                CEffect::Restore(c) => self.suspend(w, *c, by, false),
                CEffect::When(c, es) => {
                    if eval_in(w, &self.st, c, msg) {
                        self.apply_effects_of(w, es, by, msg, weight);
                    }
                }
                CEffect::ByField(field, cases) => {
                    let said = msg
                        .and_then(|m| self.st.message(m))
                        .and_then(|m| m.fields.get(field))
                        .map(|v| v.trim().to_string());
                    let hit = cases.iter().find(|(v, _)| Some(v) == said.as_ref());
                    if let Some((_, es)) = hit {
                        self.apply_effects_of(w, es, by, msg, weight);
                    }
                }
            }
        }
    }

    pub(super) fn suspend(&mut self, w: &World, ch: Ix, by: Option<Ix>, on: bool) {
        if self.st.suspended[ch] == on {
            return;
        }
        self.st.suspended[ch] = on;
        let mut vis = Vis::FACILITATOR;
        for &t in &w.channels[ch].endpoints {
            vis = vis.with(t);
        }
        if w.channels[ch].endpoints.is_empty() {
            vis = Vis::PUBLIC;
        }
        let kind = if on {
            EventKind::ChannelSuspended { channel: ch, by }
        } else {
            EventKind::ChannelRestored { channel: ch, by }
        };
        self.emit(vis, kind);
    }

    pub(super) fn exp_met(&mut self, w: &World, e: Ix) {
        let x = &mut self.st.exps[e];
        x.met += 1;
        if x.status == ExpStatus::Missed || x.status == ExpStatus::Met {
            return;
        }
        x.status = ExpStatus::Met;
        self.emit(Vis::FACILITATOR, EventKind::ExpectationMet { exp: e });
        self.apply_effects(w, &w.expectations[e].on_met, None);
    }

    pub(super) fn exp_missed(&mut self, w: &World, e: Ix) {
        let x = &mut self.st.exps[e];
        x.missed += 1;
        if x.status == ExpStatus::Missed {
            return;
        }
        x.status = ExpStatus::Missed;
        self.emit(Vis::FACILITATOR, EventKind::ExpectationMissed { exp: e });
        self.apply_effects(w, &w.expectations[e].on_missed, None);
    }
}
