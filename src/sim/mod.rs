//! The deterministic, event-sourced exercise engine. No Bevy types here:
//! state is a fold over actions, every random draw comes from `rng`, and
//! every event says who may see it.

pub mod action;
pub mod cond;
pub mod debrief;
pub mod engine;
pub mod event;
pub mod rng;
pub mod state;
pub mod world;

pub use action::{Action, ActionError, ActionOf, Audience};
pub use engine::Engine;
pub use event::{Discount, Event, EventKind, MsgId, Verdict, Viewer, Vis};
pub use state::{ExpStatus, InjectState, Message, MsgStatus, State};
pub use world::World;
pub mod describe;
pub mod journal;
pub mod metrics;
pub mod session;
pub use session::{Session, SessionError, state_hash};
pub mod force;
pub mod montecarlo;
pub mod open;
pub mod pace;
pub mod plan;
pub mod probe;
