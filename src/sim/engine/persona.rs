//! Computer personas: seeded players whose every choice records its rule,
//! the choices it could take, and the draw.

use super::{Due, Run};
use crate::sim::cond::eval;
use crate::sim::event::{EventKind, MsgId, Vis};
use crate::sim::world::{CAct, CStimulus, Ix, World};

/// What a persona reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stim {
    Start,
    Received(Ix),
    Fired(Ix),
    Unanswered,
}

impl Run {
    pub(super) fn set_persona(&mut self, w: &World, team: Ix, persona: Option<Ix>) {
        self.st.personas[team] = persona;
        self.st.persona_gen[team] += 1;
        let Some(p) = persona else { return };
        let era = self.st.persona_gen[team];
        for (r, rule) in w.personas[p].rules.iter().enumerate() {
            if let CStimulus::Every(d) = rule.on {
                self.schedule(
                    self.st.now.saturating_add(d),
                    Due::PersonaTick { team, era, rule: r },
                );
            }
        }
        self.stimulate(w, team, Stim::Start, None);
    }

    /// Offers a stimulus to the persona playing `team`, if any.
    pub(super) fn stimulate(&mut self, w: &World, team: Ix, stim: Stim, msg: Option<MsgId>) {
        let Some(p) = self.st.personas[team] else {
            return;
        };
        for (r, rule) in w.personas[p].rules.iter().enumerate() {
            let hit = match (&rule.on, stim) {
                (CStimulus::Start, Stim::Start) => true,
                (CStimulus::Received(a), Stim::Received(b)) => *a == b,
                (CStimulus::Fired(a), Stim::Fired(b)) => *a == b,
                (CStimulus::Unanswered, Stim::Unanswered) => true,
                _ => false,
            };
            if hit {
                self.decide(w, team, p, r, msg);
            }
        }
    }

    fn decide(&mut self, w: &World, team: Ix, p: Ix, r: Ix, stim: Option<MsgId>) {
        let rule = &w.personas[p].rules[r];
        if rule.when.as_ref().is_some_and(|c| !eval(w, &self.st, c)) {
            return;
        }
        let mut offered = 0u32;
        let mut total = 0.0;
        for (i, c) in rule.choices.iter().enumerate().take(32) {
            if c.weight > 0.0 && c.when.as_ref().is_none_or(|c| eval(w, &self.st, c)) {
                offered |= 1 << i;
                total += c.weight;
            }
        }
        if offered == 0 {
            return;
        }
        let draw = self.rng.unit();
        let mut acc = 0.0;
        let mut choice = offered.trailing_zeros() as usize;
        for (i, c) in rule.choices.iter().enumerate().take(32) {
            if offered & (1 << i) != 0 {
                acc += c.weight / total;
                choice = i;
                if draw < acc {
                    break;
                }
            }
        }
        self.emit(
            Vis::FACILITATOR,
            EventKind::PersonaChose {
                team,
                persona: p,
                rule: r,
                offered,
                draw,
                choice,
            },
        );
        let delay = self
            .rng
            .delay(&w.scenario.personas[p].rules[r].choices[choice].delay);
        let era = self.st.persona_gen[team];
        if delay == 0 {
            self.persona_act(w, team, r, choice, stim);
        } else {
            self.schedule(
                self.st.now.saturating_add(delay),
                Due::PersonaAct {
                    team,
                    era,
                    rule: r as u32,
                    choice: choice as u32,
                    stim,
                },
            );
        }
    }

    pub(super) fn persona_act(
        &mut self,
        w: &World,
        team: Ix,
        r: Ix,
        choice: Ix,
        stim: Option<MsgId>,
    ) {
        let Some(p) = self.st.personas[team] else {
            return;
        };
        let act = &w.personas[p].rules[r].choices[choice].act;
        let result = match act {
            CAct::Nothing => Ok(()),
            CAct::Send {
                msg,
                channel,
                reply,
                fields,
                text: [en, zh],
                fits,
            } => {
                let text = if w.scenario.teams[team].language == crate::scenario::Lang::Zh
                    && !zh.is_empty()
                {
                    zh.clone()
                } else {
                    en.clone()
                };
                let reply_to = if *reply { stim } else { None };
                // A persona plays by the players' rules: a message no
                // player could send is blocked, not sent.
                let valid = if *fits {
                    Ok(())
                } else {
                    super::send::validate_fields(w, *msg, fields)
                };
                valid.and_then(|()| {
                    self.send(
                        w,
                        team,
                        *channel,
                        *msg,
                        fields.clone(),
                        text,
                        reply_to,
                        true,
                    )
                    .map(|_| ())
                })
            }
            CAct::Authenticate(method) => match stim {
                Some(m) => self.authenticate(w, team, m, *method),
                None => Ok(()),
            },
        };
        if let Err(e) = result {
            self.emit(
                Vis::FACILITATOR,
                EventKind::PersonaBlocked {
                    team,
                    persona: p,
                    rule: r,
                    reason: e.to_string(),
                },
            );
        }
    }

    pub(super) fn persona_tick(&mut self, w: &World, team: Ix, r: Ix) {
        let Some(p) = self.st.personas[team] else {
            return;
        };
        if let CStimulus::Every(d) = w.personas[p].rules[r].on {
            let next = self.st.now.saturating_add(d);
            if next <= w.duration {
                let era = self.st.persona_gen[team];
                self.schedule(next, Due::PersonaTick { team, era, rule: r });
            }
        }
        self.decide(w, team, p, r, None);
    }
}
