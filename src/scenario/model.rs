//! The scenario format as authors write it in RON.
//!
//! Every struct denies unknown fields so that a misspelt field is an error,
//! not a silently ignored line. Ids are plain strings here; `compile` turns
//! them into indices for the engine.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::question::Question;
use super::time::{Clock, Minutes, Offset, Timestamp};

/// Text in both languages of the exercise. A missing side is a warning.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub zh: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    En,
    Zh,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub meta: Meta,
    pub teams: Vec<Team>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    pub variables: Vec<Variable>,
    pub ladder: Ladder,
    pub channels: Vec<Channel>,
    pub messages: Vec<MessageType>,
    #[serde(default)]
    pub norms: Vec<Norm>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    #[serde(default)]
    pub expectations: Vec<Expectation>,
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub personas: Vec<Persona>,
    #[serde(default)]
    pub debrief: Debrief,
    /// What really happened, one drawn per run and hidden from the teams.
    #[serde(default)]
    pub truths: Vec<Truth>,
    /// Parts of the exercise, each ending in a pause for discussion.
    #[serde(default)]
    pub modules: Vec<Module>,
}

/// One account of what really happened (who is behind the incident). One
/// is drawn from the seed at the start, weighted; the facilitator sees it,
/// the teams learn it only from evidence and the debrief.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Truth {
    pub id: String,
    pub name: Text,
    /// What the debrief tells the teams about it.
    #[serde(default)]
    pub text: Text,
    #[serde(default = "one")]
    pub weight: f64,
}

/// A part of the exercise, after CISA's exercise packages: it opens with a
/// scenario update, and at `until` the clock stops for its discussion
/// questions until the facilitator resumes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub id: String,
    pub title: Text,
    /// Exercise time at which the module ends; it starts where the
    /// previous one ended (the first at T+0).
    pub until: Minutes,
    /// Read to everyone when the module starts.
    #[serde(default)]
    pub update: Text,
    #[serde(default)]
    pub questions: Vec<ModuleQuestion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleQuestion {
    /// The team asked; None asks every team.
    #[serde(default)]
    pub team: Option<String>,
    pub text: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub version: String,
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub objectives: Vec<Text>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// UTC start, e.g. "2026-03-10T14:00:00Z".
    pub start: Timestamp,
    pub duration: Minutes,
    /// Exercise minutes per wall-clock second at 1x in the app.
    #[serde(default = "default_speed")]
    pub clock_speed: u32,
}

fn default_speed() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub agency: Text,
    pub language: Lang,
    /// Fixed offset from UTC in effect during the exercise, e.g. "+08:00".
    pub utc_offset: Offset,
    #[serde(default)]
    pub office_hours: OfficeHours,
    #[serde(default)]
    pub briefing: Text,
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeHours {
    /// Local opening time, "09:00".
    pub open: Clock,
    /// Local closing time, "18:00".
    pub close: Clock,
    /// Working days, Monday first.
    #[serde(default = "weekdays")]
    pub days: Vec<Weekday>,
}

impl Default for OfficeHours {
    fn default() -> Self {
        OfficeHours {
            open: Clock(9 * 60),
            close: Clock(18 * 60),
            days: weekdays(),
        }
    }
}

fn weekdays() -> Vec<Weekday> {
    use Weekday::*;
    vec![Mon, Tue, Wed, Thu, Fri]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub text: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub kind: ActorKind,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorKind {
    #[default]
    ThirdParty,
    Media,
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub id: String,
    pub name: Text,
    pub min: f64,
    pub max: f64,
    pub initial: f64,
    /// Whether teams see the value; the facilitator always does.
    #[serde(default)]
    pub public: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    /// The variable whose value places the exercise on a rung.
    pub variable: String,
    pub rungs: Vec<Rung>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    pub id: String,
    pub name: Text,
    /// Lowest value of the ladder variable on this rung.
    pub from: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelKind {
    /// A call: answered or not at once, no queueing.
    Voice,
    Email,
    /// A dedicated link such as the Defense Telephone Link's message path.
    Link,
    /// A diplomatic note through embassies.
    Note,
    /// CERT-to-CERT technical channel.
    Cert,
    /// Public statements: everyone sees them.
    Public,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub name: Text,
    pub kind: ChannelKind,
    /// Teams that can send and receive on it. Empty for a public channel.
    #[serde(default)]
    pub endpoints: Vec<String>,
    #[serde(default)]
    pub latency: Delay,
    /// Added when sender and receiver languages differ.
    #[serde(default)]
    pub translation: Delay,
    #[serde(default)]
    pub availability: Availability,
    /// Probability that a call is answered; only for voice channels.
    #[serde(default)]
    pub answer: Option<Answer>,
    /// Probability that a message arrives at all (link tests can fail).
    #[serde(default = "one")]
    pub reliability: f64,
    #[serde(default)]
    pub suspendable_by: Vec<String>,
    #[serde(default)]
    pub auth: Auth,
    /// Default time the receiver has to acknowledge a message.
    #[serde(default)]
    pub ack_deadline: Option<Minutes>,
    /// Starts suspended (e.g. channels cut before the exercise).
    #[serde(default)]
    pub suspended: bool,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    #[default]
    Always,
    /// Only while the receiver's office is open: calls go unanswered and
    /// written traffic waits for the next opening.
    OfficeHours,
}

/// A random delay. Authors write `Fixed("10m")`, `Uniform("5m", "2h")` or
/// `Exponential("30m")` (mean).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Delay {
    Fixed(Minutes),
    Uniform(Minutes, Minutes),
    Exponential(Minutes),
}

impl Default for Delay {
    fn default() -> Self {
        Delay::Fixed(Minutes(0))
    }
}

/// p = clamp(base + sum(per_unit * variable), min, max), times `after_hours`
/// when the receiver's office is closed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub base: f64,
    #[serde(default)]
    pub slopes: BTreeMap<String, f64>,
    #[serde(default)]
    pub min: f64,
    #[serde(default = "one")]
    pub max: f64,
    #[serde(default = "one")]
    pub after_hours: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// Pre-agreed code words make an instant check possible.
    #[serde(default)]
    pub code_words: bool,
    /// Probability that a code-word check exposes a spoof.
    #[serde(default = "one")]
    pub code_word_reliability: f64,
    /// Time an out-of-band confirmation takes; it always tells the truth.
    #[serde(default = "default_oob")]
    pub out_of_band: Delay,
    /// Whether a third party can inject messages that look genuine.
    #[serde(default)]
    pub spoofable: bool,
}

fn default_oob() -> Delay {
    Delay::Fixed(Minutes(60))
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            code_words: false,
            code_word_reliability: 1.0,
            out_of_band: default_oob(),
            spoofable: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Escalate,
    #[default]
    Neutral,
    Deescalate,
}

/// What a message type does beyond its effects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[default]
    Plain,
    /// Sent in reply to a message: it acknowledges it.
    Acknowledge,
    /// A link test: its arrival or loss shows whether the channel works.
    LinkTest,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageType {
    pub id: String,
    pub name: Text,
    pub channels: Vec<String>,
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub role: Role,
    /// Applied when the sender sends it (suspending a channel, public moves).
    #[serde(default)]
    pub on_send: Vec<Effect>,
    /// Applied when the receiver can read it (after delivery and translation).
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// The reply the receiver is expected to send, and how soon.
    #[serde(default)]
    pub reply: Option<Reply>,
    /// Norms (by id) that sending this breaks.
    #[serde(default)]
    pub breaks: Vec<String>,
    /// Counts only as the answer to an open message whose `reply.types`
    /// list it (an acceptance needs an offer on the table).
    #[serde(default)]
    pub reply_only: bool,
    /// How repeats by the same team weigh.
    #[serde(default)]
    pub repeats: Repeats,
}

/// Diminishing returns for a gesture made again and again. The k-th
/// message that counts (k = 0 for the first) has its `Add` effects
/// multiplied by `factor`^k; past `limit` or within `cooldown` of the last
/// one that counted, a message counts for nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeats {
    #[serde(default = "one")]
    pub factor: f64,
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cooldown: Option<Minutes>,
}

impl Default for Repeats {
    fn default() -> Self {
        Repeats {
            factor: 1.0,
            limit: None,
            cooldown: None,
        }
    }
}

impl Repeats {
    pub fn is_default(&self) -> bool {
        *self == Repeats::default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub kind: FieldKind,
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum FieldKind {
    #[default]
    Text,
    Number,
    Time,
    Choice(Vec<String>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub types: Vec<String>,
    pub within: Minutes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    pub id: String,
    pub text: Text,
}

/// A change to the state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Effect {
    Add(String, f64),
    Set(String, f64),
    Suspend(String),
    Restore(String),
    When(Cond, Vec<Effect>),
    /// Effects by the value of a Choice field of the message being applied
    /// (only in a message type's `effects` and `on_send`):
    /// `ByField("scope", {"full_sample": [..], "indicators": [..]})`.
    ByField(String, BTreeMap<String, Vec<Effect>>),
}

/// A test of one field of a message: `Is("scope", "full_sample")`,
/// `OneOf("scope", ["a", "b"])`, `Num("confidence", Ge, 70)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FieldTest {
    Is(String, String),
    OneOf(String, Vec<String>),
    Num(String, Op, f64),
}

impl FieldTest {
    pub fn field(&self) -> &str {
        match self {
            FieldTest::Is(f, _) | FieldTest::OneOf(f, _) | FieldTest::Num(f, _, _) => f,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Op {
    /// `a op b`; equality allows for rounding in sums of effects.
    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
            Op::Eq => (a - b).abs() < 1e-9,
            Op::Ne => (a - b).abs() >= 1e-9,
        }
    }
}

/// A typed condition over the exercise state.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Cond {
    Always,
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// `Var("tension", Ge, 60)`
    Var(String, Op, f64),
    /// The ladder is on this rung or higher.
    RungAtLeast(String),
    /// The exercise clock has reached this time.
    After(Minutes),
    /// `count` messages of this type that count were sent; `by` limits it
    /// to one team, `fields` to messages saying this, `reply_to` to
    /// replies to a message of that type.
    Sent {
        msg: String,
        #[serde(default)]
        by: Option<String>,
        #[serde(default = "one_u32")]
        count: u32,
        #[serde(default)]
        fields: Vec<FieldTest>,
        #[serde(default)]
        reply_to: Option<String>,
    },
    /// A message of this type that counts became readable by a team.
    Received {
        msg: String,
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        fields: Vec<FieldTest>,
    },
    /// The message whose effects are being applied says this (only in a
    /// message type's `effects` and `on_send`).
    Field(FieldTest),
    /// The hidden truth of this run is this one.
    Truth(String),
    /// This module has ended.
    ModuleEnded(String),
    Fired(String),
    Met(String),
    Missed(String),
    Suspended(String),
    /// A spoofed message was exposed by authentication.
    SpoofExposed,
    /// A spoofed message was read and never exposed before this point.
    SpoofBelieved,
    NormBroken {
        norm: String,
        #[serde(default)]
        by: Option<String>,
    },
    Reached(String),
}

fn one_u32() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Trigger {
    At(Minutes),
    When(Cond),
    /// Fires only when the facilitator fires it.
    Reserve,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Audience {
    Team(String),
    Teams,
    Public,
    Facilitator,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Via {
    News,
    Channel(String),
    /// A message that looks as if `as_team` sent it over `channel`.
    Spoof {
        channel: String,
        as_team: String,
        msg: String,
        /// What the victim reads. The inject's own text is the
        /// facilitator's note and must not give the spoof away.
        #[serde(default)]
        body: Text,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub trigger: Trigger,
    #[serde(default = "one")]
    pub probability: f64,
    /// A team or actor id.
    #[serde(default)]
    pub from: Option<String>,
    pub to: Audience,
    #[serde(default = "news")]
    pub via: Via,
    pub title: Text,
    #[serde(default)]
    pub text: Text,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// For spoofs: applied when the receiver exposes it.
    #[serde(default)]
    pub exposed: Vec<Effect>,
    #[serde(default)]
    pub direction: Direction,
}

fn news() -> Via {
    Via::News
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub id: String,
    pub text: Text,
    /// The team held to it.
    pub team: String,
    #[serde(default)]
    pub objective: Option<String>,
    pub rule: Rule,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub on_met: Vec<Effect>,
    #[serde(default)]
    pub on_missed: Vec<Effect>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Rule {
    /// Each time `to` reaches the team, it sends one of `reply` within time.
    ReplyWithin {
        to: String,
        reply: Vec<String>,
        within: Minutes,
    },
    /// The team sends `msg` before `by`, once `after` holds (default: start).
    SendBy {
        msg: String,
        by: Minutes,
        #[serde(default)]
        after: Option<Cond>,
    },
    /// The team never sends `msg` before `before` (or the end).
    Avoid {
        msg: String,
        #[serde(default)]
        before: Option<Minutes>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Valence {
    Good,
    Mixed,
    Bad,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub text: Text,
    pub valence: Valence,
    pub when: OutcomeTrigger,
    #[serde(default = "yes")]
    pub ends: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum OutcomeTrigger {
    When(Cond),
    /// Chosen at the end of the duration, first match in file order.
    Timeout(Cond),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: String,
    pub team: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    pub rules: Vec<PersonaRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonaRule {
    pub id: String,
    pub on: Stimulus,
    #[serde(default)]
    pub when: Option<Cond>,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Stimulus {
    Start,
    /// A message of this type became readable by the persona's team.
    Received(String),
    Fired(String),
    /// Every so often from the start.
    Every(Minutes),
    /// A call this team placed went unanswered.
    Unanswered,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub weight: f64,
    /// Only offered while this holds.
    #[serde(default)]
    pub when: Option<Cond>,
    #[serde(default)]
    pub delay: Delay,
    pub act: PersonaAct,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PersonaAct {
    Nothing,
    Send {
        msg: String,
        channel: String,
        /// Reply to the message that stimulated the rule.
        #[serde(default)]
        reply: bool,
        #[serde(default)]
        fields: BTreeMap<String, String>,
        #[serde(default)]
        text: Text,
    },
    /// Authenticate the stimulating message.
    Authenticate(AuthMethod),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthMethod {
    CodeWord,
    OutOfBand,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debrief {
    #[serde(default)]
    pub hot_wash: Vec<Question>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// A team objective id.
    pub objective: String,
    pub text: Text,
}
