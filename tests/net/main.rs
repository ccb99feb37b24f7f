//! The workshop server and its seats, over loopback WebSockets: the same
//! exercise as offline, isolation between seats, who may do what, and
//! surviving cut connections, a killed server and garbage frames.

mod support;

mod authority;
mod clock;
mod fuzz;
mod isolation;
mod kill;
mod reconnect;
mod web;
mod wire;
