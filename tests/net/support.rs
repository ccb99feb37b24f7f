//! Shared by the network tests: a server on a loopback port, seats played
//! by headless clients on threads, a recording transport, a raw socket.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hotline::net::client::{Client, Connector, Incoming, Transport, ewebsock_transport};
use hotline::net::headless::{self, Finished, Role};
use hotline::net::proto::ServerFrame;
use hotline::net::server::{Hosted, RoomSpec, Server};
use hotline::sim::open::{Opened, open};
use hotline::sim::plan::{Plan, load_plan};
use hotline::sim::session::{Session, state_hash};

/// Every wait in these tests gives up after this long.
pub const LIMIT: Duration = Duration::from_secs(60);

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn scenario(id: &str) -> Opened {
    open(&root().join("scenarios").join(format!("{id}.ron"))).expect("bundled scenario")
}

/// Every bundled plan: (scenario id, path).
pub fn plans() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for sc in hotline::sim::open::ron_files(&root().join("scenarios")) {
        let id = sc.file_stem().unwrap().to_string_lossy().into_owned();
        for p in hotline::sim::open::ron_files(&root().join("tests/plans").join(&id)) {
            out.push((id.clone(), p));
        }
    }
    assert!(!out.is_empty(), "bundled plans");
    out
}

pub fn plan(path: &Path) -> Plan {
    load_plan(path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()))
}

/// The outcome and state hash of the plan played offline, as `hotline run`
/// plays it.
pub fn offline(opened: &Opened, plan: &Plan, seed: u64) -> (Option<String>, String) {
    let mut s = Session::new(opened.world.clone(), seed);
    hotline::sim::plan::run(&mut s, plan).expect("plan runs");
    let e = &s.engine;
    let outcome = e
        .state()
        .outcome
        .map(|o| e.world().scenario.outcomes[o].id.clone());
    (outcome, state_hash(e))
}

/// A server on a free loopback port hosting one exercise.
pub fn host(opened: &Opened, seed: u64, journal: Option<&Path>) -> (Server, Hosted) {
    let session = match journal {
        Some(j) => Session::journalled(opened.world.clone(), &opened.header(seed), j).unwrap(),
        None => Session::new(opened.world.clone(), seed),
    };
    let mut server = Server::start("127.0.0.1:0".parse().unwrap()).expect("listen");
    let hosted = server
        .host(RoomSpec {
            session,
            source: opened.source.clone(),
            store: journal.map(hotline::net::server::store::path_for),
            seats: None,
            autostart: true,
        })
        .expect("room");
    (server, hosted)
}

/// Each seat's part in a plan: the facilitator and the scripted teams play
/// their steps, persona teams and the observer watch.
pub fn roles(opened: &Opened, plan: &Plan) -> Vec<(String, Role)> {
    let mut v = vec![("facilitator".to_string(), Role::Plan(plan.clone()))];
    for t in &opened.world.scenario.teams {
        let role = if plan.personas.contains_key(&t.id) {
            Role::Watch
        } else {
            Role::Plan(plan.clone())
        };
        v.push((t.id.clone(), role));
    }
    v.push(("observer".into(), Role::Watch));
    v
}

/// Every byte text frame a transport received, per seat.
pub type Log = Arc<Mutex<Vec<String>>>;

/// A transport that keeps a copy of every frame it receives.
pub fn recording(log: Log) -> Connector {
    let mut inner = ewebsock_transport();
    Box::new(move |url: &str, wake| {
        let t = inner(url, wake)?;
        Ok(Box::new(Recorder {
            inner: t,
            log: log.clone(),
        }) as Box<dyn Transport>)
    })
}

struct Recorder {
    inner: Box<dyn Transport>,
    log: Log,
}

impl Transport for Recorder {
    fn send(&mut self, text: String) {
        self.inner.send(text);
    }
    fn poll(&mut self) -> Option<Incoming> {
        let i = self.inner.poll()?;
        if let Incoming::Text(t) = &i {
            self.log.lock().unwrap().push(t.clone());
        }
        Some(i)
    }
}

/// What to do to a seat's client after each poll.
pub type Hook = Box<dyn FnMut(&mut Client) + Send>;

/// Plays every seat on a thread of its own, the facilitator first (so it
/// has joined before the teams start the clock), and waits for them all.
pub fn play_all(
    url: &str,
    codes: &BTreeMap<String, String>,
    roles: Vec<(String, Role)>,
    mut connector: impl FnMut(&str) -> Connector,
    mut hook: impl FnMut(&str) -> Hook,
) -> BTreeMap<String, Result<Finished, String>> {
    let mut threads = Vec::new();
    for (seat, role) in roles {
        let (url, code) = (url.to_string(), codes[&seat].clone());
        let connect = connector(&seat);
        let mut each = hook(&seat);
        let (joined_tx, joined_rx) = mpsc::channel();
        let name = seat.clone();
        threads.push((
            seat,
            std::thread::spawn(move || {
                let mut told = false;
                headless::play_with(&url, &code, role, LIMIT, connect, |c| {
                    if !told && c.is_joined() {
                        told = true;
                        let _ = joined_tx.send(());
                    }
                    each(c)
                })
            }),
        ));
        if name == "facilitator" {
            joined_rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the facilitator joins");
        }
    }
    threads
        .into_iter()
        .map(|(s, h)| (s, h.join().expect("seat thread")))
        .collect()
}

/// The Events frames of a log, in order.
pub fn event_frames(log: &[String]) -> Vec<serde_json::Value> {
    log.iter()
        .filter_map(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        .filter(|v| v["type"] == "events")
        .collect()
}

/// The seat numbers of every event in every Events frame, in arrival order.
pub fn seqs(log: &[String]) -> Vec<u64> {
    event_frames(log)
        .iter()
        .flat_map(|f| {
            f["events"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e["seq"].as_u64().unwrap())
        })
        .collect()
}

/// A WebSocket with no client logic, for sending what a client never would.
pub struct Raw {
    tx: ewebsock::WsSender,
    rx: ewebsock::WsReceiver,
    pub closed: bool,
}

impl Raw {
    pub fn open(url: &str) -> Raw {
        let (tx, rx) = ewebsock::connect(url, ewebsock::Options::default()).expect("connect");
        let mut r = Raw {
            tx,
            rx,
            closed: false,
        };
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(5) {
            match r.rx.try_recv() {
                Some(ewebsock::WsEvent::Opened) => return r,
                Some(other) => panic!("opening {url}: {other:?}"),
                None => std::thread::sleep(Duration::from_millis(2)),
            }
        }
        r.closed = true;
        r
    }

    pub fn text(&mut self, s: &str) {
        self.tx.send(ewebsock::WsMessage::Text(s.to_string()));
    }

    pub fn binary(&mut self, b: Vec<u8>) {
        self.tx.send(ewebsock::WsMessage::Binary(b));
    }

    /// The next server frame within `wait`; None if none came or the
    /// connection closed.
    pub fn next(&mut self, wait: Duration) -> Option<ServerFrame> {
        let t0 = Instant::now();
        while t0.elapsed() < wait && !self.closed {
            match self.rx.try_recv() {
                Some(ewebsock::WsEvent::Message(ewebsock::WsMessage::Text(t))) => {
                    return Some(serde_json::from_str(&t).expect("server frames parse"));
                }
                Some(ewebsock::WsEvent::Closed) | Some(ewebsock::WsEvent::Error(_)) => {
                    self.closed = true;
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_millis(2)),
            }
        }
        None
    }

    /// Frames until one matches, or None.
    pub fn until(
        &mut self,
        wait: Duration,
        mut f: impl FnMut(&ServerFrame) -> bool,
    ) -> Option<ServerFrame> {
        let t0 = Instant::now();
        while t0.elapsed() < wait {
            let left = wait.saturating_sub(t0.elapsed());
            let fr = self.next(left)?;
            if f(&fr) {
                return Some(fr);
            }
        }
        None
    }

    /// Waits for the server to close this connection.
    pub fn closes(&mut self, wait: Duration) -> bool {
        let t0 = Instant::now();
        while t0.elapsed() < wait && !self.closed {
            let _ = self.next(Duration::from_millis(20));
        }
        self.closed
    }
}

/// A hello frame.
pub fn hello(code: &str, resume: Option<(&str, u32)>) -> String {
    let r = resume.map(|(token, have)| serde_json::json!({"token": token, "have": have}));
    serde_json::json!({"type": "hello", "protocol": hotline::net::proto::PROTOCOL,
        "code": code, "headless": true, "resume": r})
    .to_string()
}

/// `hotline serve` as a child process; its first stdout line (with
/// `--codes-json`) parsed when `json`.
pub fn serve_process(args: &[&str], json: bool) -> (std::process::Child, serde_json::Value) {
    serve_logged(args, json, None)
}

/// [`serve_process`] with its stderr appended to `log`.
pub fn serve_logged(
    args: &[&str],
    json: bool,
    log: Option<&Path>,
) -> (std::process::Child, serde_json::Value) {
    use std::io::BufRead;
    let err = match log {
        Some(p) => std::process::Stdio::from(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .unwrap(),
        ),
        None => std::process::Stdio::null(),
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("serve")
        .args(args)
        .env("HOTLINE_NET_TRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(err)
        .spawn()
        .expect("hotline serve starts");
    let mut first = serde_json::Value::Null;
    let out = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(out).lines();
    if json {
        first = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    }
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    (child, first)
}

/// A loopback port nobody listens on now, below the range the system
/// hands out for port 0, so no other test's listener takes it while a
/// killed server's successor is starting.
pub fn free_port() -> u16 {
    let mut r = Rand(std::process::id() as u64 * 7919 + 1);
    for _ in 0..1000 {
        let port = 20_000 + r.below(10_000) as u16;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port in 20000..30000")
}

/// The codes of a `--codes-json` line.
pub fn codes_of(first: &serde_json::Value) -> BTreeMap<String, String> {
    first["codes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect()
}

/// Numbers that look random but repeat from run to run (xorshift).
pub struct Rand(pub u64);

impl Rand {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
