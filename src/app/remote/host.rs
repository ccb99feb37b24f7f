//! This app as a workshop's server: teams join it from their own computers.

use std::net::SocketAddr;

use super::{Mode, Remote, client};
use crate::app::exercise::Exercise;
use crate::net::proto::Seat;
use crate::net::server::{RoomSpec, Server, lan_ip, loopback, store};
use crate::sim::session::Session;

/// The server this app runs for its workshop; dropping it stops it.
pub struct Hosting {
    pub server: Server,
    /// The address other computers join.
    pub lan_url: String,
}

/// Lets teams join this workshop from their own computers: its session
/// moves into a server of this process listening on `bind`, and this
/// screen becomes the facilitator's seat at it.
pub fn share(ex: &mut Exercise, bind: SocketAddr) -> Result<(), String> {
    if ex.remote.is_some() || ex.mode != Mode::Workshop {
        return Err("only a workshop run on this computer can be shared".into());
    }
    let source = std::fs::read_to_string(&ex.scenario_path)
        .map_err(|e| format!("{}: {e}", ex.scenario_path.display()))?;
    // Teams may join in a browser, when the web client is built here.
    let web = crate::net::server::web::default_dir();
    let mut server = Server::start_with_web(bind, Some(&web))
        .or_else(|_| Server::start_with_web(SocketAddr::new(bind.ip(), 0), Some(&web)))
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let world = ex.world().clone();
    let mut stay = Session::new(world, ex.session.engine.seed());
    stay.engine = ex.session.engine.clone();
    let session = std::mem::replace(&mut ex.session, stay);
    let hosted = server
        .host(RoomSpec {
            session,
            source,
            store: ex.journal.as_deref().map(store::path_for),
            seats: None,
            autostart: false,
        })
        .map_err(|e| e.to_string())?;
    let port = server.addr.port();
    let here = format!("ws://{}/ws", SocketAddr::new(loopback(bind), port));
    let lan_url = format!("ws://{}/ws", SocketAddr::new(lan_ip(bind), port));
    let code = hosted.codes.get("facilitator").cloned().unwrap_or_default();
    let hosting = Some(Hosting { server, lan_url });
    let r = Remote::new(client(&here, &code), here, Seat::Facilitator, hosting);
    ex.remote = Some(Box::new(r));
    Ok(())
}
