//! Garbage at the server: random bytes, huge frames, frames of the wrong
//! type or out of place, replayed requests and stale tokens. The server
//! process never dies, the state never changes, each offender is cut off
//! and the seats that behave carry on.

use std::time::Duration;

use hotline::net::proto::{ErrorCode, RefusalCode, ServerFrame};

use super::support::*;

const WAIT: Duration = Duration::from_secs(5);

fn journal_lines(p: &std::path::Path) -> usize {
    std::fs::read_to_string(p).unwrap().lines().count()
}

/// A frame no client should send, chosen by `r`.
fn garbage(r: &mut Rand, code: &str) -> Vec<Result<String, Vec<u8>>> {
    let bytes: Vec<u8> = (0..r.below(300) + 1).map(|_| r.next() as u8).collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let hello = hello(code, None);
    match r.below(12) {
        0 => vec![Err(bytes)],
        1 => vec![Ok(text)],
        2 => vec![Ok("x".repeat(1 << 20))],
        3 => vec![Ok(r#"{"type":"nope"}"#.into())],
        4 => vec![Ok(r#"{"type":"hello","protocol":"one","code":7}"#.into())],
        5 => vec![Ok(r#"[1,2,3]"#.into())],
        6 => vec![Ok(r#"{"type":"act","req":1,"action":"End"}"#.into())],
        7 => vec![Ok(hello.clone()), Ok(hello)],
        8 => vec![Ok(hello), Ok(text)],
        9 => vec![Ok(hello), Err(bytes)],
        10 => vec![
            Ok(hello),
            Ok(r#"{"type":"act","req":5,"action":{"Send":{"team":1}}}"#.into()),
        ],
        _ => {
            let mut big = hello.clone();
            big.pop();
            big.push_str(&format!(r#","pad":"{}"}}"#, "y".repeat(200_000)));
            vec![Ok(big)]
        }
    }
}

#[test]
fn garbage_frames_never_crash_the_server_or_change_the_exercise_and_others_carry_on() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("f.journal");
    let j = journal.to_str().unwrap();
    let sc = root().join("scenarios/borrowed-flag.ron");
    let (mut child, first) = serve_process(
        &[
            sc.to_str().unwrap(),
            "--bind",
            "127.0.0.1:0",
            "--seed",
            "3",
            "--codes-json",
            "--journal",
            j,
        ],
        true,
    );
    let url = first["url"].as_str().unwrap().to_string();
    let codes = codes_of(&first);
    let mut fac = Raw::open(&url);
    fac.text(&hello(&codes["facilitator"], None));
    let Some(ServerFrame::Welcome(w)) = fac.until(WAIT, |f| matches!(f, ServerFrame::Welcome(_)))
    else {
        panic!("welcome")
    };
    let before = journal_lines(&journal);

    let mut r = Rand(0xfeed_beef_1234);
    let mut cut_off = 0;
    for i in 0..60 {
        let code = if i % 2 == 0 {
            &codes["dod"]
        } else {
            &codes["observer"]
        };
        let mut c = Raw::open(&url);
        for frame in garbage(&mut r, code) {
            match frame {
                Ok(t) => c.text(&t),
                Err(b) => c.binary(b),
            }
        }
        // Whatever it got first, the offender is cut off.
        if c.closes(WAIT) {
            cut_off += 1;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "frame set {i} killed the server"
        );
    }
    // Out-of-place but well-formed: a stale token, a replayed request.
    let mut stale = Raw::open(&url);
    stale.text(&hello(&codes["mnd"], Some(("0123456789abcdef", 0))));
    assert!(matches!(
        stale.next(WAIT),
        Some(ServerFrame::Error {
            code: ErrorCode::StaleToken,
            ..
        })
    ));
    let note = |req: u64| {
        serde_json::json!({"type": "act", "req": req, "action": {"Note": "fuzzing"}}).to_string()
    };
    fac.text(&note(1));
    assert!(
        fac.until(WAIT, |f| matches!(f, ServerFrame::Accepted { req: 1 }))
            .is_some()
    );
    fac.text(&note(1));
    let dup = fac.until(WAIT, |f| matches!(f, ServerFrame::Refused { .. }));
    assert!(matches!(
        dup,
        Some(ServerFrame::Refused {
            code: RefusalCode::Duplicate,
            ..
        })
    ));

    assert_eq!(cut_off, 60, "every offender was disconnected");
    assert!(
        !fac.closed,
        "the facilitator who behaved is still connected"
    );
    assert_eq!(
        journal_lines(&journal),
        before + 1,
        "only the facilitator's one note was journalled"
    );
    // The facilitator's own token still resumes its seat.
    let mut again = Raw::open(&url);
    again.text(&hello(&codes["facilitator"], Some((&w.token, 0))));
    assert!(matches!(again.next(WAIT), Some(ServerFrame::Welcome(_))));
    let _ = child.kill();
    let _ = child.wait();
}

/// A WebSocket client written by hand that sends a hello and then never
/// reads another byte.
fn deaf(url: &str, hello: &str) -> std::net::TcpStream {
    use std::io::{Read, Write};
    let addr = url.trim_start_matches("ws://").trim_end_matches("/ws");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .unwrap();
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 4096 {
        s.read_exact(&mut b).unwrap();
        head.push(b[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    let payload = hello.as_bytes();
    let mask = [7u8, 1, 2, 9];
    let mut frame = vec![0x81, 0x80 | 126];
    frame.extend((payload.len() as u16).to_be_bytes());
    frame.extend(mask);
    frame.extend(payload.iter().enumerate().map(|(i, c)| c ^ mask[i % 4]));
    s.write_all(&frame).unwrap();
    s
}

#[test]
fn a_client_that_stops_reading_is_disconnected_and_the_others_carry_on() {
    use std::io::Read;
    let opened = scenario("borrowed-flag");
    let (server, hosted) = host(&opened, 1, None);
    let url = server.url();
    let mut fac = Raw::open(&url);
    fac.text(&hello(&hosted.codes["facilitator"], None).replace("true", "false"));
    fac.until(WAIT, |f| matches!(f, ServerFrame::Welcome(_)))
        .unwrap();
    let observer = hello(&hosted.codes["observer"], None).replace("true", "false");
    let mut sock = deaf(&url, &observer);
    // Public news of 30 KB each: far more than the deaf client's buffers
    // and its queue on the server hold.
    let big = "n".repeat(30_000);
    for req in 1..=1500u64 {
        let a = serde_json::json!({"type": "act", "req": req, "action": {"CustomInject":
            {"to": "Public", "title": {"en": format!("news {req}"), "zh": ""}, "text": {"en": big, "zh": ""}}}});
        fac.text(&a.to_string());
        if req % 100 == 0 {
            let ok = fac.until(
                WAIT,
                |f| matches!(f, ServerFrame::Accepted { req: r } if *r == req),
            );
            assert!(ok.is_some(), "the facilitator's request {req} was answered");
        }
    }
    // The server hangs up on the deaf seat: reading what it had buffered
    // reaches the end of the stream.
    sock.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buf = vec![0u8; 1 << 16];
    let t0 = std::time::Instant::now();
    let closed = loop {
        match sock.read(&mut buf) {
            Ok(0) => break true,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false, // timed out: still open
            Ok(_) if t0.elapsed() > Duration::from_secs(40) => break false,
            Ok(_) => {}
        }
    };
    assert!(closed, "the deaf connection was closed by the server");
    // Its seat is free again.
    let mut obs = Raw::open(&url);
    obs.text(&observer);
    assert!(matches!(obs.next(WAIT), Some(ServerFrame::Welcome(_))));
    assert!(!fac.closed);
}
