//! The compiled forms of a scenario's parts: scenario ids replaced by
//! indices into the scenario's lists.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Ix;
use crate::scenario::model as m;

#[derive(Debug, Clone)]
pub enum CCond {
    Always,
    All(Vec<CCond>),
    Any(Vec<CCond>),
    Not(Box<CCond>),
    Var(Ix, m::Op, f64),
    RungAtLeast(Ix),
    After(u32),
    Sent {
        msg: Ix,
        by: Option<Ix>,
        count: u32,
        fields: Vec<m::FieldTest>,
        reply_to: Option<Ix>,
    },
    Received {
        msg: Ix,
        by: Option<Ix>,
        fields: Vec<m::FieldTest>,
    },
    Field(m::FieldTest),
    Truth(Ix),
    ModuleEnded(Ix),
    Fired(Ix),
    Met(Ix),
    Missed(Ix),
    Suspended(Ix),
    SpoofExposed,
    SpoofBelieved,
    NormBroken {
        norm: Ix,
        by: Option<Ix>,
    },
    Reached(Ix),
}

#[derive(Debug, Clone)]
pub enum CEffect {
    Add(Ix, f64),
    Set(Ix, f64),
    Suspend(Ix),
    Restore(Ix),
    When(CCond, Vec<CEffect>),
    ByField(String, Vec<(String, Vec<CEffect>)>),
}

#[derive(Debug, Clone)]
pub struct CChannel {
    pub endpoints: Vec<Ix>,
    pub suspendable_by: Vec<Ix>,
    pub answer_slopes: Vec<(Ix, f64)>,
}

#[derive(Debug, Clone)]
pub struct CMessage {
    pub channels: Vec<Ix>,
    pub on_send: Vec<CEffect>,
    pub effects: Vec<CEffect>,
    pub reply_types: Vec<Ix>,
    pub breaks: Vec<Ix>,
    pub reply_only: bool,
    pub repeats: m::Repeats,
}

#[derive(Debug, Clone)]
pub enum CTrigger {
    At(u32),
    When(CCond),
    Reserve,
}

#[derive(Debug, Clone)]
pub enum CAudience {
    Team(Ix),
    Teams,
    Public,
    Facilitator,
}

#[derive(Debug, Clone)]
pub enum CVia {
    News,
    Channel(Ix),
    Spoof { channel: Ix, as_team: Ix, msg: Ix },
}

#[derive(Debug, Clone)]
pub struct CInject {
    pub trigger: CTrigger,
    pub to: CAudience,
    pub via: CVia,
    pub effects: Vec<CEffect>,
    pub exposed: Vec<CEffect>,
}

#[derive(Debug, Clone)]
pub enum CRule {
    ReplyWithin {
        to: Ix,
        reply: Vec<Ix>,
        within: u32,
    },
    SendBy {
        msg: Ix,
        by: u32,
        after: Option<CCond>,
    },
    Avoid {
        msg: Ix,
        before: Option<u32>,
    },
}

#[derive(Debug, Clone)]
pub struct CExpectation {
    pub team: Ix,
    pub rule: CRule,
    pub on_met: Vec<CEffect>,
    pub on_missed: Vec<CEffect>,
}

#[derive(Debug, Clone)]
pub struct COutcome {
    pub timeout: bool,
    pub when: CCond,
}

#[derive(Debug, Clone)]
pub enum CStimulus {
    Start,
    Received(Ix),
    Fired(Ix),
    Every(u32),
    Unanswered,
}

#[derive(Debug, Clone)]
pub enum CAct {
    Nothing,
    Send {
        msg: Ix,
        channel: Ix,
        reply: bool,
        fields: Arc<BTreeMap<String, String>>,
        /// The text in English and in Chinese (empty: the English).
        text: [Arc<str>; 2],
        /// Whether its fields fit the message type, known when compiled:
        /// a persona's fields never change, and checking them at every
        /// act was a measurable share of a playthrough.
        fits: bool,
    },
    Authenticate(m::AuthMethod),
}

#[derive(Debug, Clone)]
pub struct CChoice {
    pub weight: f64,
    pub when: Option<CCond>,
    pub act: CAct,
}

#[derive(Debug, Clone)]
/// A persona rule: on a stimulus, if its condition holds, one weighted choice.
pub struct CPersonaRule {
    pub on: CStimulus,
    pub when: Option<CCond>,
    pub choices: Vec<CChoice>,
}

#[derive(Debug, Clone)]
pub struct CPersona {
    pub team: Ix,
    pub rules: Vec<CPersonaRule>,
}
