//! What each action does to the engine.

use std::sync::Arc;

use super::{Engine, Run};
use crate::sim::action::{Action, ActionError, Audience};
use crate::sim::event::{EventKind, Vis};
use crate::sim::state::InjectState;
use crate::sim::world::{CTrigger, Ix, World};

impl Run {
    /// Carries out an action; on a refusal the engine may be half changed,
    /// which is why `apply` first runs it on a copy.
    pub(super) fn apply_inner(&mut self, w: &World, action: &Action) -> Result<(), ActionError> {
        if matches!(action, Action::Tick) {
            return Ok(());
        }
        if self.st.ended() && !matches!(action, Action::Note(_)) {
            return Err(ActionError::Ended);
        }
        let unknown = |kind: &'static str, id: &str| ActionError::Unknown {
            kind,
            id: id.to_string(),
        };
        match action {
            Action::Send {
                team,
                channel,
                msg,
                fields,
                text,
                reply_to,
            } => {
                let t = *w.ids.teams.get(team).ok_or_else(|| unknown("team", team))?;
                let ch = *w
                    .ids
                    .channels
                    .get(channel)
                    .ok_or_else(|| unknown("channel", channel))?;
                let mt = *w
                    .ids
                    .messages
                    .get(msg)
                    .ok_or_else(|| unknown("message type", msg))?;
                super::send::validate_fields(w, mt, fields)?;
                let (fields, text) = (Arc::new(fields.clone()), Arc::from(text.as_str()));
                self.send(w, t, ch, mt, fields, text, *reply_to, false)?;
            }
            Action::Authenticate {
                team,
                message,
                method,
            } => {
                let t = *w.ids.teams.get(team).ok_or_else(|| unknown("team", team))?;
                self.authenticate(w, t, *message, *method)?;
            }
            Action::SetPersona { team, persona } => {
                let t = *w.ids.teams.get(team).ok_or_else(|| unknown("team", team))?;
                let p = match persona {
                    Some(p) => {
                        let ix = *w.ids.personas.get(p).ok_or_else(|| unknown("persona", p))?;
                        if w.personas[ix].team != t {
                            return Err(ActionError::WrongTeam {
                                persona: p.clone(),
                                team: team.clone(),
                            });
                        }
                        Some(ix)
                    }
                    None => None,
                };
                self.emit(
                    Vis::FACILITATOR,
                    EventKind::Action {
                        action: Box::new(action.clone()),
                    },
                );
                self.set_persona(w, t, p);
            }
            Action::Pause | Action::Resume => {
                self.st.paused = matches!(action, Action::Pause);
                self.emit(
                    Vis::PUBLIC,
                    EventKind::Action {
                        action: Box::new(action.clone()),
                    },
                );
            }
            Action::SetSpeed(s) => {
                if !(1..=60).contains(s) {
                    return Err(ActionError::BadSpeed(*s));
                }
                self.st.speed = *s;
                self.emit(
                    Vis::PUBLIC,
                    EventKind::Action {
                        action: Box::new(action.clone()),
                    },
                );
            }
            Action::FireInject(id) => {
                let i = *w.ids.injects.get(id).ok_or_else(|| unknown("inject", id))?;
                if !matches!(w.injects[i].trigger, CTrigger::Reserve) {
                    return Err(ActionError::NotReserve(id.clone()));
                }
                if self.st.injects[i] != InjectState::Waiting {
                    return Err(ActionError::AlreadyFired(id.clone()));
                }
                self.fire_inject(w, i);
            }
            Action::CustomInject { to, title, text } => {
                let vis = super::inject::audience_vis(w, to).ok_or_else(|| match to {
                    Audience::Team(t) => unknown("team", t),
                    _ => ActionError::Ended,
                })?;
                let pick = |x: &crate::scenario::Text| {
                    if x.en.is_empty() {
                        x.zh.clone()
                    } else {
                        x.en.clone()
                    }
                };
                self.emit(
                    vis,
                    EventKind::CustomInject {
                        title: pick(title),
                        text: pick(text),
                    },
                );
            }
            Action::Override { var, value } => {
                let v = *w
                    .ids
                    .vars
                    .get(var)
                    .ok_or_else(|| unknown("variable", var))?;
                let def = &w.scenario.variables[v];
                if !value.is_finite() || *value < def.min || *value > def.max {
                    return Err(ActionError::OutOfRange {
                        var: var.clone(),
                        value: *value,
                    });
                }
                self.emit(
                    Vis::FACILITATOR,
                    EventKind::Action {
                        action: Box::new(action.clone()),
                    },
                );
                self.set_var(w, v, *value);
            }
            Action::Note(_) => self.emit(
                Vis::FACILITATOR,
                EventKind::Action {
                    action: Box::new(action.clone()),
                },
            ),
            Action::Tick => {}
            Action::End => {
                self.emit(
                    Vis::FACILITATOR,
                    EventKind::Action {
                        action: Box::new(action.clone()),
                    },
                );
                self.time_out(w);
            }
        }
        Ok(())
    }
}

impl Engine {
    /// `SetPersona` by indices, as a Monte Carlo run hands each team to a
    /// persona: what applying the action does, without looking its ids up
    /// or copying it into the log.
    pub(crate) fn hand_to_persona(&mut self, team: Ix, persona: Ix) -> Result<(), ActionError> {
        let (w, run) = (&*self.world, &mut self.run);
        if run.st.ended() {
            return Err(ActionError::Ended);
        }
        let s = &w.scenario;
        let (team_id, persona_id) = (s.teams[team].id.clone(), s.personas[persona].id.clone());
        if w.personas[persona].team != team {
            return Err(ActionError::WrongTeam {
                persona: persona_id,
                team: team_id,
            });
        }
        let action = Box::new(Action::SetPersona {
            team: team_id,
            persona: Some(persona_id),
        });
        run.emit(Vis::FACILITATOR, EventKind::Action { action });
        run.set_persona(w, team, Some(persona));
        run.settle(w);
        Ok(())
    }
}
