//! A plan played over the wire ends where `hotline run` ends offline.

use std::io::BufRead;
use std::process::{Command, Stdio};

use super::support::*;

#[test]
fn every_bundled_plan_played_by_headless_seats_over_the_wire_ends_in_the_offline_state_hash() {
    for (id, path) in plans() {
        let opened = scenario(&id);
        let plan = plan(&path);
        let seed = plan.seed.unwrap_or(1);
        let want = offline(&opened, &plan, seed);
        let (server, hosted) = host(&opened, seed, None);
        let results = play_all(
            &server.url(),
            &hosted.codes,
            roles(&opened, &plan),
            |_| hotline::net::client::ewebsock_transport(),
            |_| Box::new(|_| {}),
        );
        for (seat, r) in results {
            let f = r.unwrap_or_else(|e| panic!("{}: seat {seat}: {e}", path.display()));
            assert_eq!(
                (f.outcome.clone(), f.state_hash.clone()),
                want,
                "{}: seat {seat}",
                path.display()
            );
            assert!(
                f.refusals.is_empty(),
                "{}: {seat}: {:?}",
                path.display(),
                f.refusals
            );
        }
    }
}

/// `hotline run --quiet`'s closing lines.
fn run_quiet(scenario: &str, plan: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["run", scenario, "--plan", plan, "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    s.lines()
        .filter(|l| l.starts_with("outcome:") || l.starts_with("state hash:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn hotline_serve_and_hotline_join_print_the_state_hash_hotline_run_prints() {
    let root = root();
    let sc = root.join("scenarios/poisoned-update.ron");
    let pl = root.join("tests/plans/poisoned-update/joint-fix.ron");
    let (sc, pl) = (sc.to_str().unwrap(), pl.to_str().unwrap());
    let want = run_quiet(sc, pl);
    let bin = env!("CARGO_BIN_EXE_hotline");
    let mut serve = Command::new(bin)
        .args([
            "serve",
            sc,
            "--bind",
            "127.0.0.1:0",
            "--seed",
            "2",
            "--autostart",
            "--codes-json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(serve.stdout.take().unwrap()).lines();
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let url = first["url"].as_str().unwrap().to_string();
    let code = |seat: &str| first["codes"][seat].as_str().unwrap().to_string();
    let join = |seat: &str, extra: &[&str]| {
        Command::new(bin)
            .args(["join", &url, &code(seat), "--timeout", "60"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let fac = join("facilitator", &["--plan", pl]);
    // The facilitator hands MND to its persona before DoD's seat starts it.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let dod = join("dod", &["--plan", pl]);
    let obs = join("observer", &["--watch"]);
    for child in [fac, dod, obs] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), want);
    }
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert_eq!(rest.join("\n"), want, "the server's own closing lines");
    assert!(
        serve.wait().unwrap().success(),
        "the server exits once every seat has left"
    );
}

#[test]
fn a_wss_address_is_spoken_to_in_tls_so_a_seat_can_join_through_a_tls_reverse_proxy() {
    use hotline::net::client::{Incoming, ewebsock_transport};
    use std::io::Write;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    // Not a TLS server: whatever it answers, the client must have tried a
    // TLS handshake rather than refused the scheme.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = listener.local_addr().expect("address").port();
    listener.set_nonblocking(true).expect("nonblocking");
    let server = std::thread::spawn(move || {
        // Bounded: a client that never connects ends the wait in 10 s.
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((mut s, _)) => {
                    let _ = s.set_nonblocking(false);
                    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
                    let mut first = [0u8; 1];
                    let got = std::io::Read::read(&mut s, &mut first).unwrap_or(0);
                    let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
                    return (got, first[0]);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        (0, 0)
    });
    let mut connect = ewebsock_transport();
    let mut t = connect(&format!("wss://127.0.0.1:{port}/ws"), Arc::new(|| {})).expect("starts");
    let deadline = Instant::now() + Duration::from_secs(10);
    let why = loop {
        match t.poll() {
            Some(Incoming::Closed(e)) => break e,
            Some(_) => {}
            None if Instant::now() > deadline => panic!("no answer within 10 s"),
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    let (got, first) = server.join().expect("server thread");
    assert!(!why.contains("not compiled"), "{why}");
    // 0x16: a TLS handshake record, the ClientHello.
    assert_eq!(
        (got, first),
        (1, 0x16),
        "the client's first byte; error: {why}"
    );
}
