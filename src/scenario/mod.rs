//! The scenario format: RON model, loading with spans, semantic checks and
//! diagnostics. Nothing here knows about Bevy or the engine.

pub mod check;
mod checked;
pub mod diag;
pub mod fields;
pub mod ids;
pub mod load;
pub mod model;
pub mod question;
pub mod spans;
pub mod template;
mod text;
pub mod time;

pub use checked::Checked;
pub use diag::{Code, Diagnostic, Severity};
pub use ids::IdKind;
pub use load::{Loaded, check_value, load_file, load_str};
pub use model::*;
pub use time::{Clock, Minutes, Offset, Timestamp};
