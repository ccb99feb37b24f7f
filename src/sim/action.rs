//! Everything a person can do to an exercise. Actions name things by their
//! scenario ids so a journal reads on its own and survives recompilation.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use super::event::MsgId;
use crate::scenario::{AuthMethod, Text};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Audience {
    Team(String),
    Teams,
    Public,
    Facilitator,
}

/// An action, generic over how it names a message it answers or checks:
/// the engine takes ids ([`Action`]); a test plan says "the latest of this
/// type" and resolves that into an id when its step comes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
// `default` on `reply_to` would otherwise ask for `M: Default`.
#[serde(bound(deserialize = "M: Deserialize<'de>"))]
pub enum ActionOf<M> {
    Send {
        team: String,
        channel: String,
        msg: String,
        #[serde(default)]
        fields: BTreeMap<String, String>,
        #[serde(default)]
        text: String,
        #[serde(default)]
        reply_to: Option<M>,
    },
    Authenticate {
        team: String,
        message: M,
        method: AuthMethod,
    },
    /// Hand a team to a computer persona, or take it back (None).
    SetPersona {
        team: String,
        persona: Option<String>,
    },
    Pause,
    Resume,
    SetSpeed(u32),
    FireInject(String),
    CustomInject {
        to: Audience,
        title: Text,
        #[serde(default)]
        text: Text,
    },
    Override {
        var: String,
        value: f64,
    },
    Note(String),
    End,
    /// The clock reached this record's minute. Changes nothing, but lets a
    /// journal say how far an exercise ran with no other action.
    Tick,
}

/// What the engine applies and the journal records: messages by id.
pub type Action = ActionOf<MsgId>;

impl<M> ActionOf<M> {
    /// The team acting, if a team is.
    pub fn team(&self) -> Option<&str> {
        match self {
            ActionOf::Send { team, .. } | ActionOf::Authenticate { team, .. } => Some(team),
            _ => None,
        }
    }

    /// The same action with each message reference replaced by `f(team,
    /// reference)`; the first error stops it.
    pub fn try_map_msg<N, E>(
        self,
        mut f: impl FnMut(&str, M) -> Result<N, E>,
    ) -> Result<ActionOf<N>, E> {
        use ActionOf as A;
        Ok(match self {
            A::Send {
                team,
                channel,
                msg,
                fields,
                text,
                reply_to,
            } => {
                let reply_to = reply_to.map(|r| f(&team, r)).transpose()?;
                A::Send {
                    team,
                    channel,
                    msg,
                    fields,
                    text,
                    reply_to,
                }
            }
            A::Authenticate {
                team,
                message,
                method,
            } => A::Authenticate {
                message: f(&team, message)?,
                team,
                method,
            },
            A::SetPersona { team, persona } => A::SetPersona { team, persona },
            A::Pause => A::Pause,
            A::Resume => A::Resume,
            A::SetSpeed(s) => A::SetSpeed(s),
            A::FireInject(i) => A::FireInject(i),
            A::CustomInject { to, title, text } => A::CustomInject { to, title, text },
            A::Override { var, value } => A::Override { var, value },
            A::Note(n) => A::Note(n),
            A::End => A::End,
            A::Tick => A::Tick,
        })
    }
}

/// Why the engine refused an action. Refused actions change nothing and are
/// not journalled.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionError {
    Unknown { kind: &'static str, id: String },
    NotEndpoint { team: String, channel: String },
    NotCarried { msg: String, channel: String },
    ChannelSuspended(String),
    MissingField { msg: String, field: String },
    BadField { field: String, reason: String },
    NoSuchMessage(MsgId),
    NotReceiver { team: String, message: MsgId },
    NoCodeWords(String),
    NotSuspendable { team: String, channel: String },
    NotReserve(String),
    AlreadyFired(String),
    Ended,
    OutOfRange { var: String, value: f64 },
    InThePast { at: u32, now: u32 },
    BadSpeed(u32),
    WrongTeam { persona: String, team: String },
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ActionError::*;
        match self {
            Unknown { kind, id } => write!(f, "unknown {kind} `{id}`"),
            NotEndpoint { team, channel } => {
                write!(f, "team `{team}` is not an endpoint of channel `{channel}`")
            }
            NotCarried { msg, channel } => {
                write!(f, "channel `{channel}` does not carry `{msg}` messages")
            }
            ChannelSuspended(c) => write!(f, "channel `{c}` is suspended"),
            MissingField { msg, field } => write!(f, "`{msg}` needs the field `{field}`"),
            BadField { field, reason } => write!(f, "field `{field}`: {reason}"),
            NoSuchMessage(m) => write!(f, "there is no message #{m}"),
            NotReceiver { team, message } => {
                write!(f, "message #{message} was not delivered to team `{team}`")
            }
            NoCodeWords(c) => write!(f, "channel `{c}` has no code words; confirm out of band"),
            NotSuspendable { team, channel } => write!(
                f,
                "team `{team}` cannot suspend or restore channel `{channel}`"
            ),
            NotReserve(i) => write!(f, "inject `{i}` is not a reserve inject"),
            AlreadyFired(i) => write!(f, "inject `{i}` has already fired"),
            Ended => write!(f, "the exercise has ended"),
            OutOfRange { var, value } => write!(f, "{value} is outside the range of `{var}`"),
            InThePast { at, now } => write!(
                f,
                "the action is at minute {at} but the clock is already at {now}"
            ),
            BadSpeed(s) => write!(f, "speed {s} is outside 1..=60"),
            WrongTeam { persona, team } => {
                write!(f, "persona `{persona}` does not play team `{team}`")
            }
        }
    }
}

impl std::error::Error for ActionError {}
