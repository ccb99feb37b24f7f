//! The host decides: what each kind of seat may not do is refused, logged
//! and changes nothing; codes open only their own seat.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use hotline::net::proto::{ErrorCode, RefusalCode, ServerFrame};
use hotline::net::server::hub::{FREE_TRIES, Throttle, new_code, normalise};
use hotline::scenario::{AuthMethod, Text};
use hotline::sim::{Action, Audience};

use super::support::*;

const WAIT: Duration = Duration::from_secs(5);

fn send(team: &str) -> Action {
    Action::Send {
        team: team.into(),
        channel: "dtl_link".into(),
        msg: "demand".into(),
        fields: BTreeMap::from([("demand".to_string(), "stop".to_string())]),
        text: String::new(),
        reply_to: None,
    }
}

/// What no team may do, acting as `me` against `other`.
fn forbidden_for_a_team(other: &str) -> Vec<Action> {
    vec![
        send(other),
        Action::Authenticate {
            team: other.into(),
            message: 0,
            method: AuthMethod::OutOfBand,
        },
        Action::SetPersona {
            team: other.into(),
            persona: None,
        },
        Action::Pause,
        Action::Resume,
        Action::SetSpeed(2),
        Action::FireInject("i_researcher".into()),
        Action::CustomInject {
            to: Audience::Teams,
            title: Text {
                en: "fake news".into(),
                zh: String::new(),
            },
            text: Text::default(),
        },
        Action::Override {
            var: "tension".into(),
            value: 90.0,
        },
        Action::Note("a team's note".into()),
        Action::End,
        Action::Tick,
    ]
}

struct Table {
    seats: BTreeMap<String, Raw>,
}

impl Table {
    /// Every seat joined over a raw socket, each welcome and backlog read.
    fn sit(url: &str, codes: &BTreeMap<String, String>) -> Table {
        let mut seats = BTreeMap::new();
        for (seat, code) in codes {
            let mut r = Raw::open(url);
            r.text(&hello(code, None));
            assert!(
                r.until(WAIT, |f| matches!(f, ServerFrame::Welcome(_)))
                    .is_some(),
                "{seat} is welcomed"
            );
            seats.insert(seat.clone(), r);
        }
        Table { seats }
    }

    /// Drains every seat; true if any was sent new events.
    fn any_events(&mut self, wait: Duration) -> bool {
        let mut any = false;
        for r in self.seats.values_mut() {
            while let Some(f) = r.next(wait) {
                if let ServerFrame::Events { events, .. } = f {
                    any |= !events.is_empty();
                }
            }
        }
        any
    }

    fn act(&mut self, seat: &str, req: u64, a: &Action) -> ServerFrame {
        let r = self.seats.get_mut(seat).unwrap();
        r.text(&serde_json::json!({"type": "act", "req": req, "action": a}).to_string());
        r.until(WAIT, |f| {
            matches!(f, ServerFrame::Refused { req: q, .. } | ServerFrame::Accepted { req: q } if *q == req)
        })
        .unwrap_or_else(|| panic!("{seat}: no answer to request {req}"))
    }
}

fn journal_lines(p: &std::path::Path) -> usize {
    std::fs::read_to_string(p).unwrap().lines().count()
}

#[test]
fn each_forbidden_action_from_each_kind_of_seat_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("j.journal");
    let opened = scenario("borrowed-flag");
    let (server, hosted) = host(&opened, 1, Some(&journal));
    let mut table = Table::sit(&server.url(), &hosted.codes);
    // Both teams are seated, so the exercise has started; nobody declared
    // a next action, so the clock stands still.
    table.any_events(Duration::from_millis(300));
    let before = journal_lines(&journal);

    let mut cases: Vec<(&str, Action)> = Vec::new();
    for a in forbidden_for_a_team("mnd") {
        cases.push(("dod", a));
    }
    for a in forbidden_for_a_team("dod") {
        cases.push(("mnd", a));
    }
    for a in forbidden_for_a_team("dod") {
        cases.push(("observer", a));
    }
    cases.push(("observer", send("mnd")));
    cases.push(("facilitator", send("dod")));
    cases.push((
        "facilitator",
        Action::Authenticate {
            team: "mnd".into(),
            message: 0,
            method: AuthMethod::CodeWord,
        },
    ));
    cases.push(("facilitator", Action::Tick));
    for (req, (seat, a)) in cases.iter().enumerate() {
        match table.act(seat, req as u64 + 1, a) {
            ServerFrame::Refused { code, reason, .. } => {
                assert_eq!(code, RefusalCode::NotAllowed, "{seat} {a:?}: {reason}");
                assert!(!reason.is_empty());
            }
            other => panic!("{seat} {a:?} was not refused: {other:?}"),
        }
    }
    assert!(
        !table.any_events(Duration::from_millis(200)),
        "refusals make no events"
    );
    assert_eq!(
        journal_lines(&journal),
        before,
        "refusals are not journalled"
    );

    // The same socket may do what its seat may: the check could fail.
    let n = cases.len() as u64 + 1;
    assert!(matches!(
        table.act("dod", n, &send("dod")),
        ServerFrame::Accepted { .. }
    ));
    assert!(matches!(
        table.act("facilitator", n + 1, &Action::Note("ok".into())),
        ServerFrame::Accepted { .. }
    ));
    assert_eq!(journal_lines(&journal), before + 2);
}

#[test]
fn a_team_cannot_send_before_the_exercise_starts() {
    let opened = scenario("borrowed-flag");
    let (server, hosted) = host(&opened, 1, None);
    // Only DoD is seated: MND is neither seated nor played by a persona.
    let mut r = Raw::open(&server.url());
    r.text(&hello(&hosted.codes["dod"], None));
    r.until(WAIT, |f| matches!(f, ServerFrame::Welcome(_)))
        .unwrap();
    r.text(&serde_json::json!({"type": "act", "req": 1, "action": send("dod")}).to_string());
    let f = r
        .until(WAIT, |f| matches!(f, ServerFrame::Refused { .. }))
        .expect("refused");
    assert!(matches!(
        f,
        ServerFrame::Refused {
            code: RefusalCode::NotStarted,
            ..
        }
    ));
}

#[test]
fn a_wrong_code_is_refused_with_a_clear_message_and_codes_carry_fifty_random_bits() {
    let opened = scenario("borrowed-flag");
    let (server, hosted) = host(&opened, 1, None);
    let mut r = Raw::open(&server.url());
    r.text(&hello("AAAAA-AAAAA", None));
    match r.next(WAIT) {
        Some(ServerFrame::Error { code, message }) => {
            assert_eq!(code, ErrorCode::WrongCode);
            assert!(message.contains("no seat has this code"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(r.closes(WAIT));
    for code in hosted.codes.values() {
        // Ten symbols of a 32-letter alphabet: 50 bits.
        assert_eq!(normalise(code).len(), 10, "{code}");
    }
    let many: std::collections::BTreeSet<String> = (0..1000).map(|_| new_code()).collect();
    assert_eq!(many.len(), 1000, "no two of a thousand codes are equal");
}

#[test]
fn repeated_wrong_codes_from_one_address_wait_longer_and_longer() {
    let mut t = Throttle::default();
    let ip = "127.0.0.1".parse().unwrap();
    let now = Instant::now();
    let waits: Vec<Duration> = (0..10).map(|_| t.fail(ip, now)).collect();
    assert!(waits[..FREE_TRIES as usize].iter().all(Duration::is_zero));
    for w in waits.windows(2).skip(FREE_TRIES as usize) {
        assert!(w[1] >= w[0], "{waits:?}");
    }
    assert!(waits[9] >= Duration::from_secs(4), "{waits:?}");
    let other = "127.0.0.2".parse().unwrap();
    assert!(
        t.fail(other, now).is_zero(),
        "another address is not slowed"
    );
    let later = now + Duration::from_secs(3600);
    assert!(
        t.fail(ip, later).is_zero(),
        "an address that stopped starts afresh"
    );
}

#[test]
fn a_reissued_seat_has_a_new_code_and_the_old_one_stops_working() {
    let opened = scenario("borrowed-flag");
    let (server, hosted) = host(&opened, 1, None);
    let url = server.url();
    let mut fac = Raw::open(&url);
    fac.text(&hello(&hosted.codes["facilitator"], None));
    fac.until(WAIT, |f| matches!(f, ServerFrame::Codes { .. }))
        .unwrap();
    let mut dod = Raw::open(&url);
    dod.text(&hello(&hosted.codes["dod"], None));
    dod.until(WAIT, |f| matches!(f, ServerFrame::Welcome(_)))
        .unwrap();

    fac.text(r#"{"type":"reissue","seat":"dod"}"#);
    let Some(ServerFrame::Codes { codes }) =
        fac.until(WAIT, |f| matches!(f, ServerFrame::Codes { .. }))
    else {
        panic!("new codes")
    };
    assert_ne!(codes["dod"], hosted.codes["dod"]);
    assert_eq!(codes["mnd"], hosted.codes["mnd"], "other seats keep theirs");
    let kicked = dod.until(WAIT, |f| matches!(f, ServerFrame::Error { .. }));
    assert!(matches!(
        kicked,
        Some(ServerFrame::Error {
            code: ErrorCode::Reissued,
            ..
        })
    ));

    let mut old = Raw::open(&url);
    old.text(&hello(&hosted.codes["dod"], None));
    assert!(matches!(
        old.next(WAIT),
        Some(ServerFrame::Error {
            code: ErrorCode::WrongCode,
            ..
        })
    ));
    let mut new = Raw::open(&url);
    new.text(&hello(&codes["dod"], None));
    assert!(matches!(new.next(WAIT), Some(ServerFrame::Welcome(_))));

    // A team cannot reissue.
    new.text(r#"{"type":"reissue","seat":"mnd"}"#);
    let f = new.until(WAIT, |f| matches!(f, ServerFrame::Refused { .. }));
    assert!(matches!(
        f,
        Some(ServerFrame::Refused {
            code: RefusalCode::NotAllowed,
            ..
        })
    ));
}
