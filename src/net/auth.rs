//! Who may do what. The server asks this before the engine sees an action;
//! a client's own checks are only for its screens.

use super::proto::Seat;
use crate::sim::Action;

/// Ok if `seat` may ask for `action`, else why not (sent back and logged).
pub fn authorise(seat: &Seat, action: &Action) -> Result<(), String> {
    let what = || kind(action);
    match seat {
        Seat::Observer => Err("the observer seat watches; it cannot act".into()),
        _ if matches!(action, Action::Tick) => Err("the server keeps the clock".into()),
        Seat::Team(me) => match action {
            Action::Send { team, .. }
            | Action::Authenticate { team, .. }
            | Action::SetPersona { team, .. } => {
                if team == me {
                    Ok(())
                } else {
                    Err(format!("team `{me}` cannot act as team `{team}`"))
                }
            }
            _ => Err(format!("only the facilitator can {}", what())),
        },
        Seat::Facilitator => match action {
            Action::Send { team, .. } | Action::Authenticate { team, .. } => Err(format!(
                "the facilitator does not act for team `{team}`: its own seat does"
            )),
            _ => Ok(()),
        },
    }
}

/// "pause the clock": an action as the refusal names it.
fn kind(a: &Action) -> &'static str {
    match a {
        Action::Pause => "pause the clock",
        Action::Resume => "resume the clock",
        Action::SetSpeed(_) => "change the clock's speed",
        Action::FireInject(_) => "fire an inject",
        Action::CustomInject { .. } => "write an inject",
        Action::Override { .. } => "set a variable",
        Action::Note(_) => "write a facilitator's note",
        Action::End => "end the exercise",
        Action::Tick => "move the clock",
        Action::Send { .. } => "send a message",
        Action::Authenticate { .. } => "authenticate a message",
        Action::SetPersona { .. } => "hand a team to a persona",
    }
}
