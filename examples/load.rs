//! Load test of the workshop server: N concurrent exercises (default 50),
//! each with two team seats, a facilitator and an observer (4N WebSocket
//! connections, all on loopback), playing for a while at a steady rate.
//! Prints the p50/p99/max latency from an action leaving its seat to its
//! event reaching the last seat allowed to see it, and the server's
//! memory. The server runs in a child process so its memory is its own;
//! the seats are async sockets on two threads (the headless client's
//! socket thread per seat would measure itself, not the server).
//!
//!     cargo run --release --no-default-features --example load -- \
//!         [EXERCISES=50] [SECONDS=20] [ACTIONS_PER_SECOND_PER_EXERCISE=2] [JOURNAL_DIR]

use futures_util::{SinkExt, StreamExt};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use hotline::net::proto::{PROTOCOL, ServerFrame};
use hotline::net::server::{RoomSpec, Server};
use hotline::scenario::Text;
use hotline::sim::{Action, Audience, EventKind, Session};

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/borrowed-flag.ron");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--serve") {
        serve(
            args[1].parse().unwrap(),
            args.get(2).map(std::path::PathBuf::from),
        );
        return;
    }
    let n: usize = args.first().map_or(50, |a| a.parse().unwrap());
    let secs: u64 = args.get(1).map_or(20, |a| a.parse().unwrap());
    let rate: f64 = args.get(2).map_or(2.0, |a| a.parse().unwrap());
    // A fourth argument: a folder to journal every exercise in (fsynced).
    drive(n, secs, rate, args.get(3).cloned());
}

/// The child: one server hosting `n` exercises (journalled in `dir` if
/// given); prints the address and codes, then serves until its input
/// closes.
fn serve(n: usize, dir: Option<std::path::PathBuf>) {
    let opened = hotline::sim::open::open(std::path::Path::new(SCENARIO)).unwrap();
    let mut server = Server::start("127.0.0.1:0".parse().unwrap()).unwrap();
    let mut rooms = Vec::new();
    for i in 0..n {
        let hosted = server
            .host(RoomSpec {
                session: match &dir {
                    Some(d) => {
                        let seed = i as u64 + 1;
                        let j = d.join(format!("load-{i}.journal"));
                        let _ = std::fs::remove_file(&j);
                        Session::journalled(opened.world.clone(), &opened.header(seed), &j).unwrap()
                    }
                    None => Session::new(opened.world.clone(), i as u64 + 1),
                },
                source: opened.source.clone(),
                store: None,
                seats: None,
                autostart: false,
            })
            .unwrap();
        rooms.push(hosted.codes);
    }
    println!(
        "{}",
        serde_json::json!({"url": server.url(), "rooms": rooms})
    );
    std::io::stdout().flush().unwrap();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

/// An action in flight: when it left, how many seats must see it, and
/// when the last of them did.
struct Probe {
    sent: Instant,
    want: usize,
    got: usize,
    done: Option<Duration>,
}

type Probes = Arc<Mutex<HashMap<String, Probe>>>;

fn drive(n: usize, secs: u64, rate: f64, journals: Option<String>) {
    let exe = std::env::current_exe().unwrap();
    let mut child = std::process::Command::new(exe)
        .args(["--serve", &n.to_string()])
        .args(journals.as_deref())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let info: serde_json::Value = serde_json::from_str(&first).unwrap();
    let url = info["url"].as_str().unwrap().to_string();
    let rooms: Vec<BTreeMap<String, String>> =
        serde_json::from_value(info["rooms"].clone()).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let probes: Probes = Arc::default();
    let joined = Arc::new(AtomicUsize::new(0));
    let t0 = Instant::now();
    let (connections, actions) = rt.block_on(async {
        // Room, seat name to the seat's outgoing frames.
        let mut out: HashMap<(usize, String), mpsc::UnboundedSender<String>> = HashMap::new();
        for (room, codes) in rooms.iter().enumerate() {
            for (name, code) in codes {
                let (tx, rx) = mpsc::unbounded_channel();
                out.insert((room, name.clone()), tx);
                tokio::spawn(seat(
                    url.clone(),
                    code.clone(),
                    rx,
                    probes.clone(),
                    joined.clone(),
                ));
            }
        }
        let all = out.len();
        while joined.load(Ordering::Relaxed) < all && t0.elapsed() < Duration::from_secs(60) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let connections = joined.load(Ordering::Relaxed);
        println!(
            "{connections} of {all} seats joined in {:.1} s",
            t0.elapsed().as_secs_f64()
        );
        for room in 0..n {
            let _ = out[&(room, "facilitator".to_string())].send(r#"{"type":"start"}"#.into());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let load_start = Instant::now();
        let period = Duration::from_secs_f64(1.0 / rate.max(0.01));
        // Staggered so the rooms do not all act in the same instant.
        let mut next_at: Vec<Instant> = (0..n)
            .map(|r| load_start + period.mul_f64(r as f64 / n as f64))
            .collect();
        let mut count = 0u64;
        while load_start.elapsed() < Duration::from_secs(secs) {
            let now = Instant::now();
            for (room, at) in next_at.iter_mut().enumerate() {
                if now < *at {
                    continue;
                }
                *at += period;
                count += 1;
                let marker = format!("load-{room}-{count}");
                let (seat, action, want) = action(count, &marker);
                probes.lock().unwrap().insert(
                    marker,
                    Probe {
                        sent: Instant::now(),
                        want,
                        got: 0,
                        done: None,
                    },
                );
                let frame = serde_json::json!({"type": "act", "req": count, "action": action});
                let _ = out[&(room, seat.to_string())].send(frame.to_string());
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        (connections, count)
    });
    let rss = memory(child.id());
    drop(child.stdin.take());
    let _ = child.wait();
    let probes = probes.lock().unwrap();
    let mut lat: Vec<f64> = probes
        .values()
        .filter_map(|p| p.done.map(|d| d.as_secs_f64() * 1000.0))
        .collect();
    lat.sort_by(f64::total_cmp);
    let lost = probes.values().filter(|p| p.done.is_none()).count();
    let q = |f: f64| {
        let i = ((lat.len() as f64 * f) as usize).min(lat.len().saturating_sub(1));
        lat.get(i).copied().unwrap_or(f64::NAN)
    };
    println!(
        "{n} exercises, {connections} connections, {secs} s at {rate} actions/s per exercise: {actions} actions, {} reached every allowed seat, {lost} did not",
        lat.len()
    );
    println!(
        "latency, action sent to its event at the last allowed seat: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        q(0.50),
        q(0.99),
        lat.last().copied().unwrap_or(f64::NAN)
    );
    println!("server memory: {rss}");
    if let Some(d) = journals {
        println!("every exercise journalled (fsync before each action) in {d}");
    }
}

/// The `count`th action of a room: a public inject from the facilitator
/// (all four seats see it) or a team's message (its sender and the
/// facilitator see it at once).
fn action(count: u64, marker: &str) -> (&'static str, Action, usize) {
    if count.is_multiple_of(2) {
        let a = Action::CustomInject {
            to: Audience::Public,
            title: Text {
                en: marker.to_string(),
                zh: String::new(),
            },
            text: Text::default(),
        };
        ("facilitator", a, 4)
    } else {
        let a = Action::Send {
            team: "dod".into(),
            channel: "dtl_link".into(),
            msg: "demand".into(),
            fields: BTreeMap::from([("demand".to_string(), "load".to_string())]),
            text: marker.to_string(),
            reply_to: None,
        };
        ("dod", a, 2)
    }
}

/// One seat: joins, sends what the driver gives it, and notes when each
/// probe's event arrives.
async fn seat(
    url: String,
    code: String,
    mut out: mpsc::UnboundedReceiver<String>,
    probes: Probes,
    joined: Arc<AtomicUsize>,
) {
    let Ok((ws, _)) = tokio_tungstenite::connect_async(url.as_str()).await else {
        eprintln!("cannot connect");
        return;
    };
    let (mut tx, mut rx) = ws.split();
    let hello = serde_json::json!({"type": "hello", "protocol": PROTOCOL, "code": code});
    if tx.send(Message::text(hello.to_string())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            m = rx.next() => {
                let Some(Ok(Message::Text(t))) = m else {
                    if matches!(m, Some(Ok(_))) { continue } else { return }
                };
                note(t.as_str(), &probes, &joined);
            }
            f = out.recv() => {
                let Some(f) = f else { return };
                if tx.send(Message::text(f)).await.is_err() {
                    return;
                }
            }
        }
    }
}

fn note(text: &str, probes: &Probes, joined: &AtomicUsize) {
    let Ok(f) = serde_json::from_str::<ServerFrame>(text) else {
        return;
    };
    match f {
        ServerFrame::Welcome(_) => {
            joined.fetch_add(1, Ordering::Relaxed);
        }
        ServerFrame::Events {
            events, messages, ..
        } => {
            let now = Instant::now();
            let mut p = probes.lock().unwrap();
            for ev in events {
                let marker = match &ev.kind {
                    EventKind::CustomInject { title, .. } => Some(title.as_str()),
                    EventKind::Sent { msg } => {
                        messages.iter().find(|m| m.id == *msg).map(|m| &*m.text)
                    }
                    _ => None,
                };
                if let Some(pr) = marker.and_then(|k| p.get_mut(k)) {
                    pr.got += 1;
                    if pr.got == pr.want {
                        pr.done = Some(now - pr.sent);
                    }
                }
            }
        }
        ServerFrame::Refused { reason, .. } => eprintln!("refused: {reason}"),
        _ => {}
    }
}

/// The server's resident memory now and at its peak, from /proc.
fn memory(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |k: &str| {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .map(|l| l[k.len()..].trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!("{} resident, {} at peak", field("VmRSS:"), field("VmHWM:"))
}
