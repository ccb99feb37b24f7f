//! Diagnostic cases, each an edit of tests/fixtures/valid/minimal.ron.
//!
//! An edit is `(find, put)`: `find` must occur exactly once when the edit is
//! applied, so a case cannot silently edit the wrong spot. `«` and `»` in the
//! replacements mark the span the first listed code must underline (`«»` for
//! an empty one); `codes` lists every diagnostic the edited scenario reports,
//! repeats included, so an unexpected extra fails the case. Where an edit has
//! knock-on effects the extra codes are listed and the comment says why.

use hotline::scenario::diag::Code::{self, *};

pub struct Case {
    pub name: &'static str,
    pub edits: &'static [(&'static str, &'static str)],
    pub codes: &'static [Code],
}

/// A third team that is an endpoint of no channel; it can still send
/// `blame` on the public channel, which suspends the hotline, so cases using
/// it also report HL0603.
const NATO: (&str, &str) = (
    "teams: [",
    r#"teams: [(id: "nato", name: (en: "NATO", zh: "北约"), language: En, utc_offset: "+01:00"),"#,
);

const CAC_DUTY_IS_NATO: (&str, &str) = (
    r#"id: "cac_duty",
            team: "cac""#,
    r#"id: "cac_duty",
            team: "nato""#,
);

const ACK_WITHOUT_CHANNELS: (&str, &str) = (
    r#""确认收悉"),
            channels: ["email", "hotline"]"#,
    r#""确认收悉"),
            channels: []"#,
);

pub const CASES: &[Case] = &[
    Case {
        name: "syntax: missing comma",
        edits: &[
            (r#""minimal","#, r#""minimal""#),
            ("version:", "«»version:"),
        ],
        codes: &[Syntax],
    },
    Case {
        name: "unknown field",
        edits: &[("latency: Fixed", "«latncy»: Fixed")],
        codes: &[UnknownField],
    },
    Case {
        name: "missing field",
        edits: &[(
            "valence: Mixed, when: Timeout(Always))",
            "when: Timeout(Always)«»)",
        )],
        codes: &[MissingField],
    },
    // A bad value is underlined whole, quotes included.
    Case {
        name: "invalid duration",
        edits: &[(r#""12h""#, r#"«"12 hours"»"#)],
        codes: &[InvalidValue],
    },
    Case {
        name: "unknown variant",
        edits: &[("kind: Voice", "kind: «Phone»")],
        codes: &[UnknownVariant],
    },
    Case {
        name: "duplicate field",
        edits: &[("clock_speed: 1,", "clock_speed: 1, «clock_speed»: 2,")],
        codes: &[DuplicateField],
    },
    // ron stops at the nesting limit, inside the 27th `Not(`.
    Case {
        name: "too deep",
        edits: &[(
            r#"when: Not(Suspended("hotline"))"#,
            r#"when: Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(
                Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(Not(«»Not(Always
                )))))))))))))))))))))))))))"#,
        )],
        codes: &[TooDeep],
    },
    Case {
        name: "number too large",
        edits: &[("clock_speed: 1,", "clock_speed: «99999999999»,")],
        codes: &[NumberTooLarge],
    },
    Case {
        name: "unknown team",
        edits: &[(
            r#"id: "cac_duty",
            team: "cac""#,
            r#"id: "cac_duty",
            team: «"cacc"»"#,
        )],
        codes: &[UnknownTeam],
    },
    Case {
        name: "unknown channel",
        edits: &[(r#"channel: "email", reply"#, r#"channel: «"emial"», reply"#)],
        codes: &[UnknownChannel],
    },
    Case {
        name: "unknown message",
        edits: &[(r#"types: ["ack"]"#, r#"types: [«"akc"»]"#)],
        codes: &[UnknownMessage],
    },
    Case {
        name: "unknown variable",
        edits: &[(r#"slopes: {"tension""#, r#"slopes: {«"tensoin"»"#)],
        codes: &[UnknownVariable],
    },
    Case {
        name: "unknown inject",
        edits: &[(r#"on: Fired("incident")"#, r#"on: Fired(«"incidnet"»)"#)],
        codes: &[UnknownInject],
    },
    Case {
        name: "unknown inject in hot wash",
        edits: &[(
            r#"为什么？")]"#,
            r#"为什么？"), (question: (en: "Was the forgery checked?", zh: "伪造信息是否经过核实？"), when: Fired(«"forgery"»))]"#,
        )],
        codes: &[UnknownInject],
    },
    Case {
        name: "unknown outcome",
        edits: &[(
            r#"when: Not(Suspended("hotline"))"#,
            r#"when: Not(Reached(«"blame_gam"»))"#,
        )],
        codes: &[UnknownOutcome],
    },
    Case {
        name: "unknown expectation",
        edits: &[(r#"Met("ack_notify")"#, r#"Met(«"ack_notfy"»)"#)],
        codes: &[UnknownExpectation],
    },
    Case {
        name: "unknown norm",
        edits: &[(r#"breaks: ["b"]"#, r#"breaks: [«"bb"»]"#)],
        codes: &[UnknownNorm],
    },
    Case {
        name: "unknown rung",
        edits: &[(r#"RungAtLeast("L2")"#, r#"RungAtLeast(«"L3"»)"#)],
        codes: &[UnknownRung],
    },
    Case {
        name: "unknown objective",
        edits: &[(
            r#"(objective: "cac_answer""#,
            r#"(objective: «"cac_answr"»"#,
        )],
        codes: &[UnknownObjective],
    },
    // The actor `crew` was the only sender, so it is now unused as well.
    Case {
        name: "unknown sender",
        edits: &[(r#"from: "crew""#, r#"from: «"crow"»"#)],
        codes: &[UnknownSender, Unused],
    },
    Case {
        name: "unknown message field",
        edits: &[(r#"{"what""#, r#"{«"waht"»"#)],
        codes: &[UnknownMessageField],
    },
    // Map entries are located by their key (src/scenario/spans.rs).
    Case {
        name: "bad choice value",
        edits: &[(r#""confidence": "moderate""#, r#"«"confidence"»: "medium""#)],
        codes: &[BadChoiceValue],
    },
    Case {
        name: "duplicate id",
        edits: &[(r#"(id: "leak""#, r#"(id: «"incident"»"#)],
        codes: &[DuplicateId],
    },
    // Renaming the actor also leaves it unused and its old id unknown.
    Case {
        name: "ambiguous id",
        edits: &[(r#"(id: "crew""#, r#"(id: «"dhs"»"#)],
        codes: &[AmbiguousId, Unused, UnknownSender],
    },
    Case {
        name: "empty id",
        edits: &[(r#"(id: "leak""#, r#"(id: «""»"#)],
        codes: &[EmptyId],
    },
    // Every reference to the removed team is reported too.
    Case {
        name: "too few teams",
        edits: &[
            ("teams: [", "teams: «["),
            (
                r#"        (
            id: "dhs",
            name: (en: "DHS", zh: "美国国土安全部"),
            language: En,
            utc_offset: "-04:00",
            objectives: [(id: "dhs_notify", text: (en: "Notify early.", zh: "尽早通报。"))],
        ),
    ],"#,
                "    ]»,",
            ),
        ],
        codes: &[
            TooFewTeams,
            EndpointNotTeam,
            EndpointNotTeam,
            UnknownTeam,
            UnknownTeam,
            UnknownTeam,
            UnknownTeam,
            UnknownTeam,
            UnknownTeam,
            UnknownTeam,
            UnknownObjective,
        ],
    },
    // `press` carried only `blame`, so it is now unused.
    Case {
        name: "message without channel",
        edits: &[(r#"channels: ["press"]"#, "channels: «[]»")],
        codes: &[MessageWithoutChannel, Unused],
    },
    Case {
        name: "channel cannot carry",
        edits: &[(
            r#""确认收悉"),
            channels: ["email", "hotline"]"#,
            r#""确认收悉"),
            channels: ["email", "hotline", «"press"»]"#,
        )],
        codes: &[ChannelCannotCarry],
    },
    // `dhs` is no longer on the email channel that a spoof and a persona use.
    Case {
        name: "endpoint not team",
        edits: &[(
            r#"kind: Email,
            endpoints: ["cac", "dhs"]"#,
            r#"kind: Email,
            endpoints: ["cac", «"crew"»]"#,
        )],
        codes: &[EndpointNotTeam, SpoofMismatch, PersonaNotEndpoint],
    },
    Case {
        name: "endpoint count",
        edits: &[(
            r#"kind: Voice,
            endpoints: ["cac", "dhs"]"#,
            r#"kind: Voice,
            endpoints: «["cac"]»"#,
        )],
        codes: &[EndpointCount],
    },
    Case {
        name: "public with endpoints",
        edits: &[(
            "kind: Public)",
            r#"kind: Public, endpoints: «["cac", "dhs"]»)"#,
        )],
        codes: &[PublicWithEndpoints],
    },
    Case {
        name: "answer not voice",
        edits: &[
            ("kind: Voice", "kind: Link"),
            ("answer: (", "answer: «("),
            ("after_hours: 0.5)", "after_hours: 0.5)»"),
        ],
        codes: &[AnswerNotVoice],
    },
    Case {
        name: "no timeout",
        edits: &[
            ("outcomes: [", "outcomes: «["),
            ("when: Timeout(All(", "when: When(All("),
            (
                "when: Timeout(Always)),
    ],",
                r#"when: When(After("12h"))),
    ]»,"#,
            ),
        ],
        codes: &[NoTimeout],
    },
    // The outcome on rung `L2` now names a rung that does not exist.
    Case {
        name: "empty ladder",
        edits: &[(
            r#"rungs: [
            (id: "L0", name: (en: "Friction", zh: "摩擦"), from: 0),
            (id: "L2", name: (en: "Public attribution", zh: "公开归因"), from: 50),
        ]"#,
            "rungs: «[]»",
        )],
        codes: &[EmptyLadder, UnknownRung],
    },
    Case {
        name: "unused variable",
        edits: &[(
            "public: true),",
            r#"public: true), (id: «"trust"», name: (en: "Trust", zh: "信任"), min: 0, max: 100, initial: 50),"#,
        )],
        codes: &[Unused],
    },
    Case {
        name: "missing translation",
        edits: &[(
            r#"title: (en: "Leak", zh: "泄密")"#,
            r#"title: «(en: "Leak")»"#,
        )],
        codes: &[MissingTranslation],
    },
    Case {
        name: "listed twice",
        edits: &[(r#"by: ["cac", "dhs"]"#, r#"by: ["cac", "dhs", «"cac"»]"#)],
        codes: &[ListedTwice],
    },
    // With no channel for `ack`, nobody can send it anywhere it is expected.
    Case {
        name: "reply unreachable",
        edits: &[
            (r#"types: ["ack"]"#, r#"types: «["ack"]»"#),
            ACK_WITHOUT_CHANNELS,
        ],
        codes: &[
            ReplyUnreachable,
            MessageWithoutChannel,
            CannotSend,
            ChannelDoesNotCarry,
        ],
    },
    Case {
        name: "min above max",
        edits: &[("min: 0, max: 100,", "min: «100», max: 0,")],
        codes: &[MinAboveMax],
    },
    Case {
        name: "initial out of range",
        edits: &[("initial: 20", "initial: «120»")],
        codes: &[InitialOutOfRange],
    },
    Case {
        name: "probability",
        edits: &[("probability: 0.5", "probability: «1.5»")],
        codes: &[Probability],
    },
    Case {
        name: "rungs not increasing",
        edits: &[(r#""公开归因"), from: 50"#, r#""公开归因"), from: «0»"#)],
        codes: &[RungsNotIncreasing],
    },
    Case {
        name: "uniform reversed",
        edits: &[(
            r#"translation: Uniform("5m", "15m")"#,
            r#"translation: «Uniform("15m", "5m")»"#,
        )],
        codes: &[UniformReversed],
    },
    Case {
        name: "value out of range",
        edits: &[("Lt, 40", "Lt, «140»")],
        codes: &[ValueOutOfRange],
    },
    // The incident never fires, so conditions waiting for it never hold.
    Case {
        name: "beyond duration",
        edits: &[(r#"At("10m")"#, r#"At(«"13h"»)"#)],
        codes: &[BeyondDuration, CondNever, CondNever],
    },
    Case {
        name: "bad weight",
        edits: &[(
            "(weight: 1, act: Nothing),",
            "(weight: «-1», act: Nothing),",
        )],
        codes: &[BadWeight],
    },
    Case {
        name: "not finite",
        edits: &[(r#"Add("tension", -5)"#, r#"Add("tension", «NaN»)"#)],
        codes: &[NotFinite],
    },
    Case {
        name: "first rung above min",
        edits: &[(r#""摩擦"), from: 0"#, r#""摩擦"), from: «10»"#)],
        codes: &[FirstRungAboveMin],
    },
    Case {
        name: "office hours",
        edits: &[(
            r#"(open: "09:00", close: "18:00", days: [Mon, Tue, Wed, Thu, Fri])"#,
            r#"«(open: "18:00", close: "09:00", days: [Mon, Tue, Wed, Thu, Fri])»"#,
        )],
        codes: &[OfficeHours],
    },
    Case {
        name: "zero time",
        edits: &[(r#"Every("3h")"#, r#"Every(«"0m"»)"#)],
        codes: &[ZeroTime],
    },
    Case {
        name: "rung out of range",
        edits: &[(r#""公开归因"), from: 50"#, r#""公开归因"), from: «150»"#)],
        codes: &[RungOutOfRange],
    },
    Case {
        name: "outcome never",
        edits: &[(
            r#"When(Any([RungAtLeast("L2"), NormBroken(norm: "b", by: "dhs"), SpoofBelieved]))"#,
            r#"When(«All([Var("tension", Gt, 60), Var("tension", Lt, 40)])»)"#,
        )],
        codes: &[OutcomeNever],
    },
    Case {
        name: "no sure timeout",
        edits: &[("Timeout(Always)", r#"«Timeout(After("6h"))»"#)],
        codes: &[NoSureTimeout],
    },
    Case {
        name: "condition never holds",
        edits: &[(
            r#"when: Not(Suspended("hotline"))"#,
            r#"when: «Var("tension", Gt, 100)»"#,
        )],
        codes: &[CondNever],
    },
    Case {
        name: "outcome immediate",
        edits: &[(
            r#"When(Any([RungAtLeast("L2"), NormBroken(norm: "b", by: "dhs"), SpoofBelieved]))"#,
            r#"When(«Var("tension", Ge, 0)»)"#,
        )],
        codes: &[OutcomeImmediate],
    },
    // A persona of `nato` can neither receive what it answers nor send it.
    Case {
        name: "persona not endpoint",
        edits: &[
            NATO,
            CAC_DUTY_IS_NATO,
            (r#"channel: "email", reply"#, r#"channel: «"email"», reply"#),
        ],
        codes: &[PersonaNotEndpoint, CannotSuspend, NeverReceives],
    },
    Case {
        name: "never receives",
        edits: &[
            NATO,
            CAC_DUTY_IS_NATO,
            (r#"Received("notify")"#, r#"Received(«"notify"»)"#),
        ],
        codes: &[NeverReceives, CannotSuspend, PersonaNotEndpoint],
    },
    Case {
        name: "channel does not carry",
        edits: &[(
            r#"Send(msg: "ack", channel: "email""#,
            r#"Send(msg: «"ack"», channel: "press""#,
        )],
        codes: &[ChannelDoesNotCarry],
    },
    Case {
        name: "cannot suspend",
        edits: &[
            (r#"by: ["cac", "dhs"]"#, r#"by: ["dhs"]"#),
            (r#"[Suspend("hotline")]"#, r#"[«Suspend("hotline")»]"#),
        ],
        codes: &[CannotSuspend],
    },
    Case {
        name: "not spoofable",
        edits: &[
            ("spoofable: true", "spoofable: false"),
            (r#"Spoof(channel: "email""#, r#"Spoof(channel: «"email"»"#),
        ],
        codes: &[NotSpoofable],
    },
    Case {
        name: "spoof mismatch",
        edits: &[(r#"msg: "notify"),"#, r#"msg: «"blame"»),"#)],
        codes: &[SpoofMismatch],
    },
    Case {
        name: "inject routing",
        edits: &[
            NATO,
            (
                "to: Facilitator, title: (en: \"Leak\", zh: \"泄密\"), via: News",
                "to: Team(«\"nato\"»), title: (en: \"Leak\", zh: \"泄密\"), via: Channel(\"email\")",
            ),
        ],
        codes: &[InjectRouting, CannotSuspend],
    },
    Case {
        name: "reply without stimulus",
        edits: &[(
            "choices: [(weight: 1, act: Nothing)]",
            r#"choices: [(weight: 1, act: Send(msg: "ack", channel: "email", reply: «true»))]"#,
        )],
        codes: &[ReplyWithoutStimulus],
    },
    Case {
        name: "cannot send",
        edits: &[
            NATO,
            (
                r#"team: "dhs",
            objective: "dhs_notify""#,
                r#"team: "nato",
            objective: "dhs_notify""#,
            ),
            (r#"SendBy(msg: "notify""#, r#"SendBy(msg: «"notify"»"#),
        ],
        codes: &[CannotSend, CannotSuspend],
    },
    Case {
        name: "unknown truth",
        edits: &[(
            r#"Sent(msg: "notify", by: "dhs")])"#,
            r#"Sent(msg: "notify", by: "dhs"), Truth(«"crew_did_it"»)])"#,
        )],
        codes: &[UnknownTruth],
    },
    Case {
        name: "unknown module",
        edits: &[(
            r#"Sent(msg: "notify", by: "dhs")])"#,
            r#"Sent(msg: "notify", by: "dhs"), ModuleEnded(«"detection"»)])"#,
        )],
        codes: &[UnknownModule],
    },
    Case {
        name: "field test outside a message type's effects",
        edits: &[(
            r#"Sent(msg: "notify", by: "dhs")])"#,
            r#"Sent(msg: "notify", by: "dhs"), «Field(Is("confidence", "high"))»])"#,
        )],
        codes: &[FieldOutsideMessage],
    },
    Case {
        name: "reply-only message type that answers nothing",
        edits: &[(r#"breaks: ["b"],"#, r#"breaks: ["b"], reply_only: «true»,"#)],
        codes: &[ReplyOnlyUnoffered],
    },
    Case {
        name: "number test on a field that is not a number",
        edits: &[(
            r#"effects: [Add("tension", -5)],"#,
            r#"effects: [Add("tension", -5), When(Field(«Num("what", Ge, 3)»), [Add("tension", -1)])],"#,
        )],
        codes: &[FieldKindMismatch],
    },
    Case {
        name: "repeat factor above one",
        edits: &[(
            r#"effects: [Add("tension", -5)],"#,
            r#"effects: [Add("tension", -5)], repeats: (factor: «1.5»),"#,
        )],
        codes: &[BadRepeats],
    },
    Case {
        name: "modules out of order",
        edits: &[(
            "    debrief: (",
            r#"    modules: [
        (id: "m1", title: (en: "One", zh: "一"), until: "4h"),
        (id: "m2", title: (en: "Two", zh: "二"), until: «"3h"»),
    ],
    debrief: ("#,
        )],
        codes: &[ModulesNotIncreasing],
    },
    Case {
        name: "persona sends without a required field",
        edits: &[
            (
                r#"fields: {"what": "Hospital ransomware", "confidence": "moderate"}"#,
                r#"fields: {"confidence": "moderate"}"#,
            ),
            (
                r#"msg: "notify",
                                channel: "email","#,
                r#"msg: «"notify"»,
                                channel: "email","#,
            ),
        ],
        codes: &[PersonaFields],
    },
    Case {
        name: "duplicate key",
        edits: &[(
            r#"{"what": "Hospital ransomware", "confidence": "moderate"}"#,
            r#"{"what": "Hospital ransomware", «"what"»: "Ransomware", "confidence": "moderate"}"#,
        )],
        codes: &[DuplicateKey],
    },
    Case {
        name: "outcome shadowed",
        edits: &[(
            r#"valence: Mixed, when: Timeout(Always)),"#,
            r#"valence: Mixed, when: Timeout(Always)),
        (id: "late", title: (en: "Late", zh: "迟"), valence: Bad, when: «Timeout(After("11h"))»),"#,
        )],
        codes: &[OutcomeShadowed],
    },
    // Email now translates in 10 minutes at least, the call in 5.
    Case {
        name: "deadline too short",
        edits: &[
            (
                r#"latency: Exponential("10m"),"#,
                r#"latency: Exponential("10m"), translation: Fixed("10m"),"#,
            ),
            (
                r#"reply: (types: ["ack"], within: "2h")"#,
                r#"reply: (types: ["ack"], within: «"3m"»)"#,
            ),
        ],
        codes: &[DeadlineTooShort],
    },
    Case {
        name: "spoof of recipient",
        edits: &[(r#"as_team: "dhs""#, r#"as_team: «"cac"»"#)],
        codes: &[SpoofOfRecipient],
    },
    Case {
        name: "inject never seen",
        edits: &[(r#"on: Fired("incident")"#, r#"on: Fired(«"leak"»)"#)],
        codes: &[InjectNeverSeen],
    },
    Case {
        name: "never sendable",
        edits: &[
            (
                r#"zh: "公开声明"), kind: Public)"#,
                r#"zh: "公开声明"), kind: Public, suspended: true)"#,
            ),
            (r#"channels: ["press"],"#, r#"channels: «["press"]»,"#),
        ],
        codes: &[NeverSendable],
    },
];
