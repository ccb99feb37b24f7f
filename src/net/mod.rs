//! Teams on their own computers: the workshop protocol, the server that
//! hosts exercises over WebSocket, and the client that joins one.
//!
//! The host decides: every seat's stream is computed on the server from the
//! engine's visibility tags ([`view`]), and every action is authorised there
//! ([`auth`]). Uses `sim` and `scenario`; neither of them knows this module.
//!
//! - [`proto`]: the frames, shared by server and clients (no I/O, builds
//!   for the web too).
//! - [`view`]: what a seat may see: its events, messages and scenario.
//! - [`seat`]: a seat's picture of the exercise, folded from frames.
//! - [`client`]: joining, reconnecting and resuming, over any transport.
//! - [`local`]: the same picture of an exercise run in this process.
//! - [`server`], [`headless`]: the host and the windowless seats (native only).

pub mod auth;
pub mod client;
pub mod local;
pub mod proto;
pub mod seat;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod headless;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;
