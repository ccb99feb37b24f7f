//! Seats without a window: a test plan's part for one seat, a computer
//! persona in an empty chair, or a silent watcher. They declare when they
//! next act, so an exercise whose seats are all headless runs at the speed
//! of the engine, and they survive a restarted server by resuming.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::client::{Client, Connector, Update, ewebsock_transport};
use super::proto::{ClientFrame, Seat};
use super::seat::SeatModel;
use crate::sim::plan::{MsgRef, Plan, PlanAct, persona_actions};
use crate::sim::{Action, MsgId};

pub enum Role {
    /// Plays this seat's steps of a test plan: a team's own steps; for the
    /// facilitator, the plan's personas and every step no team makes.
    Plan(Plan),
    /// Hands this seat's team to the named computer persona.
    Persona(String),
    /// Only watches (an observer, or a team the engine plays).
    Watch,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub outcome: Option<String>,
    pub state_hash: String,
    /// Steps or actions the server refused, as it explained them.
    pub refusals: Vec<String>,
}

/// One step of this seat: its minute, its place in the plan, its action.
struct Step {
    at: u32,
    rank: u32,
    act: PlanAct,
}

/// This seat's steps of `plan`, in the order the offline runner makes
/// them: personas first, then by minute and by place in the file.
fn steps_for(plan: &Plan, seat: &Seat) -> Vec<Step> {
    let mut steps = Vec::new();
    if *seat == Seat::Facilitator {
        for (rank, a) in persona_actions(plan).into_iter().enumerate() {
            let act = a
                .try_map_msg(|_, m| Ok::<_, ()>(MsgRef::Id(m)))
                .expect("no refs");
            steps.push(Step {
                at: 0,
                rank: rank as u32,
                act,
            });
        }
    }
    let base = plan.personas.len() as u32;
    for (i, s) in plan.steps.iter().enumerate() {
        let mine = match (s.act.team(), seat) {
            (Some(t), Seat::Team(me)) => t == me,
            (None, Seat::Facilitator) => true,
            _ => false,
        };
        if mine {
            steps.push(Step {
                at: s.at.0,
                rank: base + i as u32,
                act: s.act.clone(),
            });
        }
    }
    steps.sort_by_key(|s| (s.at, s.rank));
    steps
}

/// "The latest message of this type that reached my team", from what the
/// seat was told.
fn resolve(m: &SeatModel, team: &str, r: MsgRef) -> Result<MsgId, String> {
    let ty = match r {
        MsgRef::Id(id) => return Ok(id),
        MsgRef::Last(ty) => ty,
    };
    let t = m.scenario.teams.iter().position(|x| x.id == team);
    let mt = m.scenario.messages.iter().position(|x| x.id == ty);
    m.messages
        .values()
        .rev()
        .find(|msg| {
            Some(msg.mtype) == mt
                && msg.delivered_at.is_some()
                && (msg.to == t || (msg.to.is_none() && msg.from != t))
        })
        .map(|msg| msg.id)
        .ok_or_else(|| format!("no `{ty}` message has reached team `{team}` yet"))
}

/// What reached a seat's team, for scripts watching a seat (`hotline join
/// --print-messages`): one JSON line per message when it is delivered, and
/// another when it becomes readable.
#[derive(Default)]
pub struct MessageLog {
    /// Each message printed, and whether it was readable then.
    printed: std::collections::BTreeMap<MsgId, bool>,
}

impl MessageLog {
    pub fn lines(&mut self, m: &SeatModel) -> Vec<String> {
        let me = match &m.seat {
            Seat::Team(t) => m.scenario.teams.iter().position(|x| &x.id == t),
            _ => None,
        };
        self.lines_of(me, &m.scenario, m.messages.values(), m.clock.now)
    }

    /// For team `me` (None: every message), at minute `now`.
    pub fn lines_of<'a>(
        &mut self,
        me: Option<usize>,
        sc: &crate::scenario::Scenario,
        messages: impl Iterator<Item = &'a crate::sim::Message>,
        now: u32,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for msg in messages {
            let to_me = me.is_none() || msg.to == me || (msg.to.is_none() && msg.from != me);
            let Some(at) = msg
                .delivered_at
                .filter(|_| to_me && msg.from.is_none_or(|f| Some(f) != me))
            else {
                continue;
            };
            let readable = msg.readable_at.is_some_and(|r| r <= now);
            if self
                .printed
                .get(&msg.id)
                .is_some_and(|&was| was || !readable)
            {
                continue;
            }
            self.printed.insert(msg.id, readable);
            let team = |t: Option<usize>| t.map(|t| sc.teams[t].id.clone());
            out.push(
                serde_json::json!({
                    "id": msg.id,
                    "type": sc.messages[msg.mtype].id,
                    "from": team(msg.shown_from),
                    "channel": sc.channels[msg.channel].id,
                    "reply_to": msg.reply_to,
                    "minute": at,
                    "readable": readable,
                    "fields": msg.fields,
                    "text": msg.text,
                })
                .to_string(),
            );
        }
        out
    }
}

/// Plays `role` at the seat `code` opens, until the exercise ends or
/// `limit` passes.
pub fn play(url: &str, code: &str, role: Role, limit: Duration) -> Result<Finished, String> {
    play_with(url, code, role, limit, ewebsock_transport(), |_| {})
}

/// [`play`] over any transport, calling `each` after every poll (tests
/// use it to cut connections).
pub fn play_with(
    url: &str,
    code: &str,
    role: Role,
    limit: Duration,
    connect: Connector,
    mut each: impl FnMut(&mut Client),
) -> Result<Finished, String> {
    let (wake_tx, wake_rx) = mpsc::channel::<()>();
    let wake_tx = std::sync::Mutex::new(wake_tx);
    let waker = Arc::new(move || {
        let _ = wake_tx.lock().map(|t| t.send(()));
    });
    let mut client = Client::new(url, code, true, false, connect)
        .with_waker(waker)
        .no_resend();
    let start = Instant::now();
    let mut steps: Vec<Step> = Vec::new();
    let mut next = 0usize;
    // Ticket of a request to the step it made.
    let mut tickets: Vec<(u64, usize)> = Vec::new();
    let mut first_join = true;
    let mut refusals = Vec::new();
    while start.elapsed() < limit {
        let now = start.elapsed().as_secs_f64();
        for u in client.poll(now) {
            match u {
                Update::Joined { .. } => {
                    let Some(seat) = client.model().map(|m| m.seat.clone()) else {
                        continue;
                    };
                    if first_join {
                        first_join = false;
                        match &role {
                            Role::Plan(p) => steps = steps_for(p, &seat),
                            Role::Persona(p) => {
                                if let Seat::Team(team) = &seat {
                                    client.act(Action::SetPersona {
                                        team: team.clone(),
                                        persona: Some(p.clone()),
                                    });
                                }
                            }
                            Role::Watch => {}
                        }
                    }
                    declare(&mut client, &steps, next);
                }
                Update::Go { .. } => {
                    if let Some(step) = steps.get(next) {
                        let m = client.model().expect("joined");
                        let team = step.act.team().unwrap_or_default().to_string();
                        match step.act.clone().try_map_msg(|_, r| resolve(m, &team, r)) {
                            Ok(a) => tickets.push((client.act(a), next)),
                            Err(why) => refusals.push(format!("step at minute {}: {why}", step.at)),
                        }
                        next += 1;
                    }
                    declare(&mut client, &steps, next);
                }
                Update::Dropped { ticket } => {
                    if let Some(&(_, i)) = tickets.iter().find(|(t, _)| *t == ticket) {
                        next = next.min(i);
                    }
                }
                Update::Refused { reason, .. } => refusals.push(reason),
                Update::Ended {
                    outcome,
                    state_hash,
                } => {
                    client.bye();
                    for _ in 0..50 {
                        if client.is_stopped() {
                            break;
                        }
                        let _ = wake_rx.recv_timeout(Duration::from_millis(20));
                        client.poll(start.elapsed().as_secs_f64());
                    }
                    return Ok(Finished {
                        outcome,
                        state_hash,
                        refusals,
                    });
                }
                Update::Fatal { message, .. } => return Err(message),
                Update::Accepted { .. } | Update::Changed | Update::Disconnected(_) => {}
            }
        }
        each(&mut client);
        let _ = wake_rx.recv_timeout(Duration::from_millis(20));
    }
    Err(format!(
        "the exercise did not end within {} s",
        limit.as_secs()
    ))
}

/// Tells the server when this seat acts next.
fn declare(client: &mut Client, steps: &[Step], next: usize) {
    let (at, rank) = match steps.get(next) {
        Some(s) => (Some(s.at), s.rank),
        None => (None, 0),
    };
    // Not joined: the next `Joined` declares again.
    let _ = client.control(ClientFrame::Wait { at, rank });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Engine;

    #[test]
    fn the_message_log_prints_a_message_on_arrival_and_again_once_readable_only() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");
        let w = crate::sim::open::open(std::path::Path::new(path))
            .unwrap()
            .world;
        let mut e = Engine::new(w.clone(), 15);
        let send = Action::Send {
            team: "cac".into(),
            channel: "hotline_email".into(),
            msg: "request_assistance".into(),
            fields: [
                ("what".to_string(), "logs of the botnet".to_string()),
                ("urgency".to_string(), "urgent / 紧急".to_string()),
            ]
            .into(),
            text: "please confirm".into(),
            reply_to: None,
        };
        e.apply(&send).unwrap();
        let dhs = w.ids.teams["dhs"];
        let cac = w.ids.teams["cac"];
        let (sc, mut log) = (&w.scenario, MessageLog::default());
        let mut seen = Vec::new();
        for t in 0..600 {
            e.advance_to(t);
            let msgs = e.state().messages.iter();
            seen.extend(
                log.lines_of(Some(dhs), sc, msgs, e.now())
                    .into_iter()
                    .map(|l| (t, l)),
            );
        }
        let m = &e.state().messages[0];
        assert_eq!(seen.len(), 2, "{seen:?}");
        let first: serde_json::Value = serde_json::from_str(&seen[0].1).unwrap();
        let second: serde_json::Value = serde_json::from_str(&seen[1].1).unwrap();
        assert_eq!(first["readable"], false);
        assert_eq!(first["from"], "cac");
        assert_eq!(first["type"], "request_assistance");
        assert_eq!(Some(seen[0].0), m.delivered_at);
        assert_eq!(
            (second["readable"].clone(), second["text"].clone()),
            (true.into(), "please confirm".into())
        );
        assert_eq!(Some(seen[1].0), m.readable_at);
        // The sender's own seat never prints what it sent (it may print
        // what injects sent it meanwhile).
        let mut cac_log = MessageLog::default();
        let cac_lines = cac_log.lines_of(Some(cac), sc, e.state().messages.iter(), e.now());
        let ids: Vec<serde_json::Value> = cac_lines
            .iter()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
            .collect();
        assert!(!ids.contains(&first["id"]), "{cac_lines:?}");
    }
}
