//! Stable diagnostic codes. Never renumber or reuse one: tools, docs and
//! authors' notes refer to them. docs/diagnostics.md explains each.

use serde::{Serialize, Serializer};

use super::Severity;

macro_rules! codes {
    ($($name:ident = $code:literal, $sev:ident, $title:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = concat!($code, ": ", $title)] $name,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }

            /// The severity a diagnostic with this code normally has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$name => Severity::$sev,)* }
            }

            /// A few words saying what the code is about (for docs and `--explain`-like listings).
            pub fn title(self) -> &'static str {
                match self { $(Code::$name => $title,)* }
            }
        }
    };
}

codes! {
    // Reading and parsing.
    Syntax = "HL0001", Error, "RON syntax error";
    UnknownField = "HL0002", Error, "unknown field";
    MissingField = "HL0003", Error, "missing field";
    InvalidValue = "HL0004", Error, "value of the wrong type or form";
    UnknownVariant = "HL0005", Error, "unknown variant";
    DuplicateField = "HL0006", Error, "field given twice";
    NotText = "HL0007", Error, "not UTF-8 text";
    TooLarge = "HL0008", Error, "file too large";
    EmptyFile = "HL0009", Error, "empty file";
    Io = "HL0010", Error, "cannot read the file";
    TooDeep = "HL0011", Error, "nesting too deep";
    NumberTooLarge = "HL0012", Error, "number out of range";
    DuplicateKey = "HL0013", Error, "key given twice in a map";

    // References to ids that do not exist.
    UnknownTeam = "HL0101", Error, "unknown team";
    UnknownChannel = "HL0102", Error, "unknown channel";
    UnknownMessage = "HL0103", Error, "unknown message type";
    UnknownVariable = "HL0104", Error, "unknown variable";
    UnknownInject = "HL0105", Error, "unknown inject";
    UnknownOutcome = "HL0106", Error, "unknown outcome";
    UnknownExpectation = "HL0107", Error, "unknown expectation";
    UnknownNorm = "HL0108", Error, "unknown norm";
    UnknownRung = "HL0109", Error, "unknown rung";
    UnknownObjective = "HL0110", Error, "unknown objective";
    UnknownSender = "HL0111", Error, "unknown team or actor";
    UnknownMessageField = "HL0112", Error, "unknown message field";
    BadChoiceValue = "HL0113", Error, "value not among the field's choices";
    UnknownTruth = "HL0114", Error, "unknown truth";
    UnknownModule = "HL0115", Error, "unknown module";
    UnknownPersona = "HL0116", Error, "unknown persona (in a test plan)";

    // Ids.
    DuplicateId = "HL0201", Error, "duplicate id";
    AmbiguousId = "HL0202", Error, "a team and an actor share an id";
    EmptyId = "HL0203", Error, "empty id";

    // Structure.
    TooFewTeams = "HL0301", Error, "fewer than two teams";
    MessageWithoutChannel = "HL0302", Error, "message type no channel carries";
    ChannelCannotCarry = "HL0303", Error, "message type on a channel that cannot carry it";
    EndpointNotTeam = "HL0304", Error, "channel endpoint is not a team";
    EndpointCount = "HL0305", Error, "private channel without exactly two endpoints";
    PublicWithEndpoints = "HL0306", Warning, "public channel with endpoints";
    AnswerNotVoice = "HL0307", Warning, "answer model on a channel that is not a call";
    NoTimeout = "HL0308", Error, "no Timeout outcome";
    EmptyLadder = "HL0309", Error, "ladder without rungs";
    Unused = "HL0310", Warning, "defined but never used";
    MissingTranslation = "HL0311", Warning, "text missing in one language";
    ListedTwice = "HL0312", Warning, "listed twice";
    ReplyUnreachable = "HL0313", Warning, "reply type the receiver cannot send back";
    FieldOutsideMessage = "HL0314", Error, "field test outside a message type's effects";
    ReplyOnlyUnoffered = "HL0315", Error, "reply-only message type that answers nothing";
    FieldKindMismatch = "HL0316", Error, "field test that does not fit the field's kind";

    // Numbers, ranges and times.
    MinAboveMax = "HL0401", Error, "minimum above maximum";
    InitialOutOfRange = "HL0402", Error, "initial value outside the range";
    Probability = "HL0403", Error, "probability outside [0, 1]";
    RungsNotIncreasing = "HL0404", Error, "rung thresholds not increasing";
    UniformReversed = "HL0405", Error, "Uniform delay with its bounds reversed";
    ValueOutOfRange = "HL0406", Error, "value outside the variable's range";
    BeyondDuration = "HL0407", Error, "time beyond the exercise's duration";
    BadWeight = "HL0408", Error, "weight negative or all weights zero";
    NotFinite = "HL0409", Error, "number not finite";
    FirstRungAboveMin = "HL0410", Warning, "low values of the ladder variable are on no rung";
    OfficeHours = "HL0411", Warning, "office hours that never open";
    ZeroTime = "HL0412", Error, "zero where time must pass";
    RungOutOfRange = "HL0413", Warning, "rung the ladder variable can never reach";
    BadRepeats = "HL0414", Error, "repeat factor outside [0, 1] or a limit of zero";
    ModulesNotIncreasing = "HL0415", Error, "module ends not in increasing order";

    // Conditions decided without playing.
    OutcomeNever = "HL0501", Error, "outcome whose condition can never hold";
    NoSureTimeout = "HL0502", Warning, "no Timeout outcome is sure to match";
    CondNever = "HL0503", Warning, "condition that can never hold";
    OutcomeImmediate = "HL0504", Warning, "outcome that holds at the start";
    OutcomeShadowed = "HL0505", Error, "outcome shadowed by an earlier Timeout that always holds";

    // Who can send, receive, suspend and spoof what.
    PersonaNotEndpoint = "HL0601", Error, "persona sends over a channel its team is not on";
    ChannelDoesNotCarry = "HL0602", Error, "channel does not carry the message type";
    CannotSuspend = "HL0603", Error, "sender cannot suspend the channel";
    NotSpoofable = "HL0604", Error, "spoof over a channel that is not spoofable";
    SpoofMismatch = "HL0605", Error, "spoof that the channel could not carry";
    InjectRouting = "HL0606", Warning, "inject over a channel that does not connect its teams";
    ReplyWithoutStimulus = "HL0607", Warning, "reply to a stimulus that is not a message";
    NeverReceives = "HL0608", Warning, "team can never receive the message type";
    CannotSend = "HL0609", Warning, "team can never send the message type";
    PersonaFields = "HL0610", Error, "persona sends a message no player could send";
    DeadlineTooShort = "HL0611", Warning, "reply deadline shorter than the fastest translation";
    SpoofOfRecipient = "HL0612", Warning, "spoof that impersonates the team it is sent to";
    InjectNeverSeen = "HL0613", Warning, "persona rule on an inject its team never sees";
    NeverSendable = "HL0614", Warning, "message type no team can ever send";
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "{s} used twice");
            assert!(
                s.len() == 6 && s.starts_with("HL") && s[2..].bytes().all(|b| b.is_ascii_digit())
            );
        }
    }
}
