//! Joining a seat and staying joined: the hello, numbered requests, the
//! seat's picture, and reconnecting with backoff and a resume token so no
//! event is missed or seen twice. No blocking and no threads of its own:
//! the owner calls [`Client::poll`] (each frame in the app, in a loop in a
//! headless seat). The socket is a [`Transport`], so the browser build can
//! bring its own; [`ewebsock_transport`] serves both today.

use std::collections::VecDeque;
use std::sync::Arc;

use super::proto::{
    ClientFrame, ErrorCode, MAX_SERVER_FRAME, PROTOCOL, RefusalCode, Resume, ServerFrame,
};
use super::seat::SeatModel;
use crate::sim::Action;

/// One open socket, as the client sees it.
pub trait Transport: Send {
    fn send(&mut self, text: String);
    /// The next thing that happened, without blocking.
    fn poll(&mut self) -> Option<Incoming>;
}

pub enum Incoming {
    Opened,
    Text(String),
    /// The socket is gone, and why.
    Closed(String),
}

/// Opens a socket to a URL; `wake` is called whenever something arrives.
pub type Connector =
    Box<dyn FnMut(&str, Arc<dyn Fn() + Send + Sync>) -> Result<Box<dyn Transport>, String> + Send>;

/// What happened since the last poll, for the owner to act on.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    /// Joined (again): the seat's picture is in [`Client::model`].
    Joined {
        resumed: bool,
    },
    /// New events, messages or clock in the model.
    Changed,
    /// Headless seats: act now (minute `at`), then declare the next wait.
    Go {
        at: u32,
    },
    Accepted {
        ticket: u64,
    },
    /// Without resending (see [`Client::no_resend`]): this request was not
    /// carried out before the connection dropped, and was not sent again.
    Dropped {
        ticket: u64,
    },
    Refused {
        ticket: u64,
        code: RefusalCode,
        reason: String,
    },
    Ended {
        outcome: Option<String>,
        state_hash: String,
    },
    /// Lost the connection; reconnecting.
    Disconnected(String),
    /// The server will not have this client back (wrong code, replaced,
    /// reissued): it stops.
    Fatal {
        code: ErrorCode,
        message: String,
    },
}

struct Pending {
    ticket: u64,
    /// The request number, once given; kept across a resume.
    req: Option<u64>,
    /// Sent on the current connection.
    sent: bool,
    action: Action,
}

enum Link {
    /// Waiting for the socket to open, then for the welcome.
    Joining(Box<dyn Transport>),
    Joined(Box<dyn Transport>),
    /// Said goodbye; waiting for the server to close.
    Leaving(Box<dyn Transport>),
    /// Reconnect at this time (seconds on the owner's clock).
    Backoff(f64),
    Stopped,
}

pub struct Client {
    url: String,
    code: String,
    headless: bool,
    replica: bool,
    resend: bool,
    connect: Connector,
    wake: Arc<dyn Fn() + Send + Sync>,
    link: Link,
    token: Option<String>,
    model: Option<SeatModel>,
    next_req: u64,
    next_ticket: u64,
    pending: VecDeque<Pending>,
    failures: u32,
    updates: Vec<Update>,
}

impl Client {
    /// A client for the seat `code` opens at `url`; it connects on the
    /// first poll. `headless` seats let the clock jump; `replica` keeps the
    /// facilitator's engine (see [`SeatModel`]).
    pub fn new(url: &str, code: &str, headless: bool, replica: bool, connect: Connector) -> Client {
        Client {
            url: url.to_string(),
            code: code.to_string(),
            headless,
            replica,
            resend: true,
            connect,
            wake: Arc::new(|| {}),
            link: Link::Backoff(f64::NEG_INFINITY),
            token: None,
            model: None,
            next_req: 1,
            next_ticket: 1,
            pending: VecDeque::new(),
            failures: 0,
            updates: Vec::new(),
        }
    }

    /// Called from the socket's thread whenever something arrives, e.g. to
    /// wake a sleeping loop or repaint a window.
    pub fn with_waker(mut self, wake: Arc<dyn Fn() + Send + Sync>) -> Client {
        self.wake = wake;
        self
    }

    /// Requests cut off by a dropped connection are reported as `Dropped`
    /// instead of sent again: a script that must act at a given minute
    /// asks again when it is told to act.
    pub fn no_resend(mut self) -> Client {
        self.resend = false;
        self
    }

    pub fn model(&self) -> Option<&SeatModel> {
        self.model.as_ref()
    }

    pub fn is_joined(&self) -> bool {
        matches!(self.link, Link::Joined(_))
    }

    pub fn is_stopped(&self) -> bool {
        matches!(self.link, Link::Stopped)
    }

    /// Asks for an action; the answer comes as `Accepted` or `Refused` with
    /// the returned ticket. Held while disconnected, sent once joined.
    pub fn act(&mut self, action: Action) -> u64 {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.pending.push_back(Pending {
            ticket,
            req: None,
            sent: false,
            action,
        });
        self.send_pending();
        ticket
    }

    /// Sends a control frame (start, wait, reissue) if joined; false if
    /// not. Such frames are about the moment they are sent, so they are
    /// not held for a later connection: say it again after `Joined` (a
    /// wait held across a reconnect would be a second turn for one step).
    pub fn control(&mut self, f: ClientFrame) -> bool {
        match &mut self.link {
            Link::Joined(t) => {
                t.send(f.to_json());
                true
            }
            _ => false,
        }
    }

    /// Leaves for good: the server stops waiting for this seat. Keep
    /// polling until [`Client::is_stopped`] so the goodbye gets out.
    pub fn bye(&mut self) {
        self.link = match std::mem::replace(&mut self.link, Link::Stopped) {
            Link::Joined(mut t) => {
                t.send(ClientFrame::Bye.to_json());
                Link::Leaving(t)
            }
            _ => Link::Stopped,
        };
    }

    /// Drops the connection as if the network had (tests of resuming).
    pub fn drop_connection(&mut self, now: f64) {
        self.lost("dropped on purpose".into(), now);
    }

    /// Does what is due: connects, reads every frame that arrived, and
    /// returns what happened. `now` is seconds on any steady clock.
    pub fn poll(&mut self, now: f64) -> Vec<Update> {
        if let Link::Backoff(at) = self.link
            && now >= at
        {
            self.open(now);
        }
        for _ in 0..10_000 {
            let next = match &mut self.link {
                Link::Joining(t) | Link::Joined(t) => t.poll(),
                Link::Leaving(t) => match t.poll() {
                    Some(Incoming::Closed(_)) => {
                        self.link = Link::Stopped;
                        None
                    }
                    Some(_) => continue,
                    None => None,
                },
                _ => None,
            };
            let Some(inc) = next else { break };
            match inc {
                Incoming::Opened => self.hello(),
                Incoming::Text(text) => match serde_json::from_str::<ServerFrame>(&text) {
                    Ok(f) => self.frame(f, now),
                    Err(e) => self.lost(format!("the server sent a bad frame: {e}"), now),
                },
                Incoming::Closed(why) => self.lost(why, now),
            }
        }
        std::mem::take(&mut self.updates)
    }

    fn open(&mut self, now: f64) {
        match (self.connect)(&self.url, self.wake.clone()) {
            Ok(t) => self.link = Link::Joining(t),
            Err(e) => self.lost(e, now),
        }
    }

    fn hello(&mut self) {
        let resume = match (&self.token, &self.model) {
            (Some(token), Some(m)) => Some(Resume {
                token: token.clone(),
                have: m.have(),
            }),
            _ => None,
        };
        let f = ClientFrame::Hello {
            protocol: PROTOCOL,
            code: self.code.clone(),
            headless: self.headless,
            resume,
        };
        if let Link::Joining(t) = &mut self.link {
            t.send(f.to_json());
        }
    }

    /// The connection is gone: try again after a backoff that doubles up
    /// to five seconds.
    fn lost(&mut self, why: String, now: f64) {
        if matches!(self.link, Link::Stopped) {
            return;
        }
        let ended = self.model.as_ref().is_some_and(|m| m.ended.is_some());
        if ended {
            self.link = Link::Stopped;
            return;
        }
        self.failures += 1;
        let delay = (0.1 * 2f64.powi(self.failures.min(6) as i32)).min(5.0);
        self.link = Link::Backoff(now + delay);
        self.updates.push(Update::Disconnected(why));
    }

    fn frame(&mut self, f: ServerFrame, now: f64) {
        match f {
            ServerFrame::Welcome(w) => {
                let resumed = self.model.is_some() && self.token.as_deref() == Some(&w.token);
                if !resumed || self.model.is_none() {
                    self.model = Some(SeatModel::new(&w, self.replica));
                }
                self.token = Some(w.token.clone());
                self.failures = 0;
                self.joined(w.last_req, resumed);
                if let Some(m) = &mut self.model {
                    m.clock = w.clock;
                }
                self.updates.push(Update::Joined { resumed });
            }
            ServerFrame::Accepted { req } => {
                if let Some(ticket) = self.answered(req) {
                    self.updates.push(Update::Accepted { ticket });
                }
            }
            ServerFrame::Refused { req, code, reason } => {
                let ticket = self.answered(req).unwrap_or(0);
                self.updates.push(Update::Refused {
                    ticket,
                    code,
                    reason,
                });
            }
            ServerFrame::Go { at } => self.updates.push(Update::Go { at }),
            ServerFrame::Error { code, message } => match code {
                ErrorCode::StaleToken => {
                    // Start the seat's picture afresh on the next join.
                    self.token = None;
                    self.model = None;
                    self.lost(message, now);
                }
                ErrorCode::ServerClosing => self.lost(message, now),
                _ => {
                    self.link = Link::Stopped;
                    self.updates.push(Update::Fatal { code, message });
                }
            },
            other => {
                let Some(m) = &mut self.model else { return };
                if let Err(gap) = m.apply(&other) {
                    let why = format!("events {}..{} went missing", gap.have, gap.from);
                    self.lost(why, now);
                    return;
                }
                if let ServerFrame::Ended {
                    outcome,
                    state_hash,
                } = other
                {
                    self.updates.push(Update::Ended {
                        outcome,
                        state_hash,
                    });
                } else {
                    self.updates.push(Update::Changed);
                }
            }
        }
    }

    /// Joined: requests the server already carried out are done; the rest
    /// go (again): under their own numbers when resuming, under fresh ones
    /// on a new picture (another client may have used the old numbers).
    fn joined(&mut self, last_req: u64, resumed: bool) {
        if let Link::Joining(t) = std::mem::replace(&mut self.link, Link::Stopped) {
            self.link = Link::Joined(t);
        }
        let mut done = Vec::new();
        for p in &mut self.pending {
            p.sent = false;
            match p.req {
                Some(r) if resumed && r <= last_req => done.push(p.ticket),
                Some(_) if resumed => {}
                _ => p.req = None,
            }
        }
        self.pending.retain(|p| !done.contains(&p.ticket));
        for ticket in done {
            self.updates.push(Update::Accepted { ticket });
        }
        if !self.resend {
            for p in self.pending.drain(..) {
                self.updates.push(Update::Dropped { ticket: p.ticket });
            }
        }
        self.next_req = self.next_req.max(last_req + 1);
        self.send_pending();
    }

    fn answered(&mut self, req: u64) -> Option<u64> {
        let i = self.pending.iter().position(|p| p.req == Some(req))?;
        self.pending.remove(i).map(|p| p.ticket)
    }

    fn send_pending(&mut self) {
        let Link::Joined(t) = &mut self.link else {
            return;
        };
        for p in self.pending.iter_mut().filter(|p| !p.sent) {
            let req = *p.req.get_or_insert_with(|| {
                self.next_req += 1;
                self.next_req - 1
            });
            p.sent = true;
            t.send(
                ClientFrame::Act {
                    req,
                    action: p.action.clone(),
                }
                .to_json(),
            );
        }
    }
}

/// The address as people type it: `host:port` means `ws://host:port/ws`,
/// and `ws://host:port` the server's `/ws`.
pub fn join_url(input: &str) -> String {
    let url = input.trim();
    let url = if url.contains("://") {
        url.to_string()
    } else {
        format!("ws://{url}")
    };
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    if rest.contains('/') {
        url
    } else {
        format!("{url}/ws")
    }
}

/// The page a browser opens to join at a seat address (`ws://h:p/ws` →
/// `http://h:p/`): the server serves its web client beside `/ws`.
pub fn page_url(ws_url: &str) -> Option<String> {
    let (scheme, rest) = ws_url.split_once("://")?;
    let scheme = match scheme {
        "ws" => "http",
        "wss" => "https",
        _ => return None,
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return None;
    }
    // Behind a proxy at a path prefix, the page is beside `ws` there.
    let prefix = path
        .strip_suffix("ws")
        .filter(|p| p.is_empty() || p.ends_with('/'));
    Some(format!("{scheme}://{host}/{}", prefix.unwrap_or("")))
}

/// The WebSocket transport of both the desktop and the web build.
pub fn ewebsock_transport() -> Connector {
    Box::new(|url: &str, wake: Arc<dyn Fn() + Send + Sync>| {
        let options = ewebsock::Options {
            max_incoming_frame_size: MAX_SERVER_FRAME,
            ..ewebsock::Options::default()
        };
        let (sender, receiver) = ewebsock::connect_with_wakeup(url, options, move || wake())
            .map_err(|e| format!("cannot connect to {url}: {e}"))?;
        Ok(Box::new(Ewebsock { sender, receiver }) as Box<dyn Transport>)
    })
}

struct Ewebsock {
    sender: ewebsock::WsSender,
    receiver: ewebsock::WsReceiver,
}

// SAFETY: a browser's socket is tied to its JavaScript thread, and the web
// build runs on that one thread only (no threads, no shared memory), so
// nothing holding it is ever moved to another.
#[cfg(target_arch = "wasm32")]
unsafe impl Send for Ewebsock {}

impl Transport for Ewebsock {
    fn send(&mut self, text: String) {
        self.sender.send(ewebsock::WsMessage::Text(text));
    }

    fn poll(&mut self) -> Option<Incoming> {
        loop {
            return match self.receiver.try_recv()? {
                ewebsock::WsEvent::Opened => Some(Incoming::Opened),
                ewebsock::WsEvent::Message(ewebsock::WsMessage::Text(t)) => Some(Incoming::Text(t)),
                ewebsock::WsEvent::Message(_) => continue,
                ewebsock::WsEvent::Error(e) => Some(Incoming::Closed(e)),
                ewebsock::WsEvent::Closed => Some(Incoming::Closed("closed by the server".into())),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_join_page_is_the_seat_address_over_http() {
        assert_eq!(
            page_url("ws://192.168.1.20:7878/ws").as_deref(),
            Some("http://192.168.1.20:7878/")
        );
        assert_eq!(
            page_url("wss://ex.org/hotline/ws").as_deref(),
            Some("https://ex.org/hotline/")
        );
        assert_eq!(page_url("ws://h:1/other").as_deref(), Some("http://h:1/"));
        assert_eq!(
            page_url(&join_url("10.0.0.2:9000")).as_deref(),
            Some("http://10.0.0.2:9000/")
        );
        assert_eq!(page_url("http://x/"), None);
        assert_eq!(page_url("ws:///ws"), None);
    }
}
