//! The workshop server: one HTTP listener whose `/ws` path takes seat
//! connections, and any number of rooms (exercises), each found by its
//! seats' codes. `hotline serve` hosts one room; the load test hosts fifty.

use axum::Router;
use axum::routing::get;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

mod clock;
mod handle;
pub mod hub;
mod room;
pub mod store;
pub mod web;
mod ws;

pub use room::{RoomEvent, RoomSpec};

use hub::Hub;
use room::{RoomMsg, RoomTx};

/// A running server; dropping it stops it.
pub struct Server {
    pub addr: SocketAddr,
    hub: Arc<Hub>,
    rooms: Vec<RoomTx>,
    runtime: Option<tokio::runtime::Runtime>,
}

/// A room as its host sees it.
pub struct Hosted {
    /// Seat name (team id, `facilitator`, `observer`) to join code.
    pub codes: BTreeMap<String, String>,
    pub events: Receiver<RoomEvent>,
}

impl Server {
    /// Listens on `addr` (port 0: any free port) on a runtime of its own;
    /// browsers at `/` get a page saying the client is not built.
    pub fn start(addr: SocketAddr) -> std::io::Result<Server> {
        Server::start_with_web(addr, None)
    }

    /// [`Server::start`], serving the browser client built in `web` at `/`.
    pub fn start_with_web(addr: SocketAddr, web: Option<&Path>) -> std::io::Result<Server> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("hotline-net")
            .enable_all()
            .build()?;
        let hub = Arc::new(Hub::default());
        let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
        let addr = listener.local_addr()?;
        let app = Router::new()
            .route("/ws", get(ws::upgrade))
            .with_state(hub.clone())
            .merge(web::routes(web));
        runtime.spawn(async move {
            let make = app.into_make_service_with_connect_info::<SocketAddr>();
            if let Err(e) = axum::serve(listener, make).await {
                eprintln!("hotline serve: the listener stopped: {e}");
            }
        });
        Ok(Server {
            addr,
            hub,
            rooms: Vec::new(),
            runtime: Some(runtime),
        })
    }

    /// The address seats join, e.g. `ws://127.0.0.1:7878/ws`.
    pub fn url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    /// Opens a room for an exercise and returns its seats' codes.
    pub fn host(&mut self, spec: RoomSpec) -> std::io::Result<Hosted> {
        let (tx, events) = std::sync::mpsc::channel();
        let (room, codes) = room::spawn(spec, self.hub.clone(), tx)?;
        self.rooms.push(room);
        Ok(Hosted { codes, events })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        for r in &self.rooms {
            let _ = r.send(RoomMsg::Shutdown);
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// This computer, as the server's own seat reaches it.
pub fn loopback(bind: SocketAddr) -> std::net::IpAddr {
    match bind.ip() {
        ip if ip.is_unspecified() && ip.is_ipv6() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip if ip.is_unspecified() => std::net::Ipv4Addr::LOCALHOST.into(),
        ip => ip,
    }
}

/// The address other computers on the network reach this one at: the one
/// the system would send from. A UDP `connect` only picks a route; no
/// packet leaves.
pub fn lan_ip(bind: SocketAddr) -> std::net::IpAddr {
    if !bind.ip().is_unspecified() {
        return bind.ip();
    }
    std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| {
            s.connect("192.0.2.1:9")?;
            s.local_addr()
        })
        .map(|a| a.ip())
        .unwrap_or_else(|_| loopback(bind))
}
