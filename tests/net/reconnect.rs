//! Connections cut mid-exercise, by the client or in the network, resume
//! where they stopped: every seat's events arrive exactly once, in order,
//! and the exercise ends as it would have uninterrupted.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hotline::net::client::Client;
use hotline::net::proto::Seat;
use hotline::net::view;
use hotline::sim::Session;
use hotline::sim::journal::Journal;

use super::support::*;

/// Plays a plan through `url_of(server url)` with `hook` on every seat, and
/// checks results and each seat's wire stream against the journal.
fn play_and_check(
    plan_rel: &str,
    scenario_id: &str,
    url_of: impl FnOnce(&str) -> String,
    hook: impl FnMut(&str) -> Hook,
) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("j.journal");
    let opened = scenario(scenario_id);
    let plan = plan(&root().join(plan_rel));
    let seed = plan.seed.unwrap_or(1);
    let want = offline(&opened, &plan, seed);
    let (server, hosted) = host(&opened, seed, Some(&journal));
    let logs: BTreeMap<String, Log> = hosted
        .codes
        .keys()
        .map(|s| (s.clone(), Arc::new(Mutex::new(Vec::new()))))
        .collect();
    let url = url_of(&server.url());
    let results = play_all(
        &url,
        &hosted.codes,
        roles(&opened, &plan),
        |seat| recording(logs[seat].clone()),
        hook,
    );
    drop(server);
    for (seat, r) in &results {
        let f = r.as_ref().unwrap_or_else(|e| panic!("{seat}: {e}"));
        assert_eq!((f.outcome.clone(), f.state_hash.clone()), want, "{seat}");
    }
    let e = Session::replay(opened.world.clone(), &Journal::read(&journal).unwrap())
        .unwrap()
        .engine;
    let mut welcomes = 0;
    for (seat, log) in &logs {
        let log = log.lock().unwrap();
        welcomes += log
            .iter()
            .filter(|t| t.contains(r#""type":"welcome""#))
            .count();
        let s = match seat.as_str() {
            "facilitator" => Seat::Facilitator,
            "observer" => Seat::Observer,
            t => Seat::Team(t.into()),
        };
        let n = e.view(view::viewer(e.world(), &s).unwrap()).count() as u64;
        let got = seqs(&log);
        let exact: Vec<u64> = (0..n).collect();
        assert_eq!(got, exact, "seat {seat}: every event once, in order");
    }
    welcomes
}

#[test]
fn connections_the_clients_cut_mid_exercise_resume_with_no_gap_or_duplicate() {
    let welcomes = play_and_check(
        "tests/plans/borrowed-flag/joint-review.ron",
        "borrowed-flag",
        |u| u.to_string(),
        |_| {
            let mut cuts = vec![60u32, 30, 12, 4];
            let t0 = Instant::now();
            Box::new(move |c: &mut Client| {
                let have = c.model().map_or(0, |m| m.have());
                if c.is_joined() && cuts.last().is_some_and(|&at| have >= at) {
                    cuts.pop();
                    c.drop_connection(t0.elapsed().as_secs_f64());
                }
            })
        },
    );
    // Four seats, each joined once and then again after each of its cuts.
    assert!(welcomes >= 4 + 4 * 3, "{welcomes} welcomes");
}

/// A TCP relay that cuts its `k`th connection `cut(k)` after it opened:
/// both ends see the connection die, wherever the frames were.
struct Relay {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    pub cuts: Arc<AtomicUsize>,
}

impl Relay {
    fn start(target: SocketAddr, cut: fn(usize) -> Option<Duration>) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let cuts = Arc::new(AtomicUsize::new(0));
        let (stop2, cuts2) = (stop.clone(), cuts.clone());
        std::thread::spawn(move || {
            let t0 = Instant::now();
            let mut k = 0;
            while !stop2.load(Ordering::Relaxed) && t0.elapsed() < LIMIT {
                let Ok((client, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(2));
                    continue;
                };
                client.set_nonblocking(false).unwrap();
                let Ok(server) = TcpStream::connect(target) else {
                    continue;
                };
                pump(client.try_clone().unwrap(), server.try_clone().unwrap());
                pump(server.try_clone().unwrap(), client.try_clone().unwrap());
                if let Some(after) = cut(k) {
                    let cuts = cuts2.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(after);
                        let _ = client.shutdown(Shutdown::Both);
                        let _ = server.shutdown(Shutdown::Both);
                        cuts.fetch_add(1, Ordering::Relaxed);
                    });
                }
                k += 1;
            }
        });
        Relay { addr, stop, cuts }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Copies `from` to `to` until either closes.
fn pump(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(got) = from.read(&mut buf) {
            if got == 0 || to.write_all(&buf[..got]).is_err() {
                break;
            }
        }
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    });
}

#[test]
fn connections_cut_in_the_network_mid_exercise_resume_with_no_gap_or_duplicate() {
    let relay: Arc<Mutex<Option<Relay>>> = Arc::new(Mutex::new(None));
    let r2 = relay.clone();
    play_and_check(
        "tests/plans/poisoned-update/joint-fix.ron",
        "poisoned-update",
        move |u| {
            let target: SocketAddr = u
                .trim_start_matches("ws://")
                .trim_end_matches("/ws")
                .parse()
                .unwrap();
            // The first sixteen connections die 40 to 190 ms after they
            // open (a whole exercise takes a few hundred); then the network
            // holds.
            let relay = Relay::start(target, |k| {
                (k < 16).then(|| Duration::from_millis(40 + (k as u64 * 37) % 150))
            });
            let url = format!("ws://{}/ws", relay.addr);
            *r2.lock().unwrap() = Some(relay);
            url
        },
        |_| Box::new(|_| {}),
    );
    let cuts = relay
        .lock()
        .unwrap()
        .as_ref()
        .unwrap()
        .cuts
        .load(Ordering::Relaxed);
    assert!(cuts >= 4, "only {cuts} connections were cut");
}
