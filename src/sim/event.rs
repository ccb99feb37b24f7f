//! What happened, when, and who may see it.

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::world::Ix;
use crate::scenario::AuthMethod;

/// Who may see an event: a bit per team, plus `PUBLIC` for everyone. The
/// facilitator sees everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Vis(pub u16);

impl Vis {
    pub const PUBLIC: Vis = Vis(1 << 15);
    pub const FACILITATOR: Vis = Vis(0);

    pub fn team(t: Ix) -> Vis {
        Vis(1 << t.min(14))
    }
    pub fn teams(n: usize) -> Vis {
        Vis(((1u32 << n.min(15)) - 1) as u16)
    }
    pub fn with(self, t: Ix) -> Vis {
        Vis(self.0 | Vis::team(t).0)
    }
    pub fn allows(self, v: Viewer) -> bool {
        match v {
            Viewer::Facilitator => true,
            Viewer::Team(t) => self.0 & Vis::PUBLIC.0 != 0 || self.0 & Vis::team(t).0 != 0,
            Viewer::Public => self.0 & Vis::PUBLIC.0 != 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    Team(Ix),
    Facilitator,
    Public,
}

pub type MsgId = u32;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u32,
    /// Exercise minute.
    pub t: u32,
    pub vis: Vis,
    pub kind: EventKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Genuine,
    Spoof,
}

/// Why a message counted for less than a first gesture would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Discount {
    /// A reply-only message that answers no open offer of the right type.
    NoOpenOffer,
    /// The type's `repeats.limit` messages already counted.
    Limit,
    /// Within the type's `repeats.cooldown` of the last one that counted.
    Cooldown,
    /// The n-th repeat (1 for the second message), weighed by `factor`^n.
    Repeat(u32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    Started {
        seed: u64,
    },
    /// A team (or a persona for it) sent a message.
    Sent {
        msg: MsgId,
    },
    /// The message just sent counts for `weight` (less than 1), and why.
    Discounted {
        msg: MsgId,
        weight: f64,
        reason: Discount,
    },
    /// The hidden truth of this run (`fixed` when a plan or the host chose
    /// it rather than the seed).
    TruthDrawn {
        truth: Ix,
        fixed: bool,
    },
    /// A module began: its scenario update is read to everyone.
    ModuleStarted {
        module: Ix,
    },
    /// A module ended: the clock stops for its discussion questions.
    ModuleEnded {
        module: Ix,
    },
    CallUnanswered {
        msg: MsgId,
        p: f64,
    },
    Lost {
        msg: MsgId,
    },
    /// Arrived; `translating` when the receiver must wait for a translation.
    Delivered {
        msg: MsgId,
        translating: bool,
    },
    /// Translated and read: the message's effects apply now.
    Readable {
        msg: MsgId,
    },
    ReplyOverdue {
        msg: MsgId,
    },
    AuthStarted {
        msg: MsgId,
        method: AuthMethod,
    },
    AuthResult {
        msg: MsgId,
        method: AuthMethod,
        verdict: Verdict,
    },
    ChannelSuspended {
        channel: Ix,
        by: Option<Ix>,
    },
    ChannelRestored {
        channel: Ix,
        by: Option<Ix>,
    },
    InjectFired {
        inject: Ix,
        msg: Option<MsgId>,
    },
    /// The draw for a probabilistic inject failed: it will not fire.
    InjectSkipped {
        inject: Ix,
    },
    CustomInject {
        title: String,
        text: String,
    },
    VarChanged {
        var: Ix,
        from: f64,
        to: f64,
    },
    RungChanged {
        from: Ix,
        to: Ix,
    },
    NormBroken {
        team: Ix,
        norm: Ix,
        msg: MsgId,
    },
    ExpectationMet {
        exp: Ix,
    },
    ExpectationMissed {
        exp: Ix,
    },
    OutcomeReached {
        outcome: Ix,
    },
    Ended {
        outcome: Option<Ix>,
    },
    /// Why a computer persona did what it did: the rule, the choices it
    /// could take (bit i = choice i offered), the draw and the pick.
    PersonaChose {
        team: Ix,
        persona: Ix,
        rule: Ix,
        offered: u32,
        draw: f64,
        choice: Ix,
    },
    /// A persona's planned act could no longer be carried out.
    PersonaBlocked {
        team: Ix,
        persona: Ix,
        rule: Ix,
        reason: String,
    },
    /// A facilitator or team action that has no event of its own. Boxed:
    /// an action is the largest kind and the rarest, and every event is
    /// as large as its largest kind (a run logs about a hundred).
    Action {
        action: Box<Action>,
    },
}

impl EventKind {
    /// The action this event records, if it records one.
    pub fn action(&self) -> Option<&Action> {
        match self {
            EventKind::Action { action } => Some(action),
            _ => None,
        }
    }
}
