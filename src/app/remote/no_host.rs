//! A browser page cannot listen for connections: a workshop is hosted by
//! `hotline serve` or the desktop app, and the page joins it.

use std::net::SocketAddr;

use crate::app::exercise::Exercise;

/// Never made in a browser; it keeps [`super::Remote`] the same type.
pub struct Hosting {
    pub lan_url: String,
}

pub fn share(_: &mut Exercise, _: SocketAddr) -> Result<(), String> {
    Err("a browser cannot host a workshop: start it with `hotline serve` and join it here".into())
}
