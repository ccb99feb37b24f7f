//! With a person at a seat the clock is the wall clock: it waits for the
//! facilitator's start, runs at the scenario's speed and stops while paused.

use std::time::{Duration, Instant};

use hotline::net::proto::{ClockState, ServerFrame};

use super::support::*;

/// The latest clock a seat was told of within `wait`.
fn clock_after(r: &mut Raw, wait: Duration) -> Option<ClockState> {
    let t0 = Instant::now();
    let mut last = None;
    while t0.elapsed() < wait {
        match r.next(Duration::from_millis(50)) {
            Some(ServerFrame::Clock(c)) => last = Some(c),
            Some(ServerFrame::Welcome(w)) => last = Some(w.clock),
            _ => {}
        }
    }
    last
}

#[test]
fn with_a_person_at_a_seat_the_clock_waits_for_the_start_runs_with_the_wall_and_stops_when_paused()
{
    let opened = scenario("borrowed-flag");
    let (server, hosted) = host(&opened, 1, None);
    let person =
        |code: &str| hello(code, None).replace(r#""headless":true"#, r#""headless":false"#);
    let mut fac = Raw::open(&server.url());
    fac.text(&person(&hosted.codes["facilitator"]));
    let mut dod = Raw::open(&server.url());
    dod.text(&person(&hosted.codes["dod"]));

    let before = clock_after(&mut dod, Duration::from_millis(600)).expect("a clock");
    assert!(
        !before.started && before.now == 0 && !before.lockstep,
        "{before:?}"
    );

    fac.text(r#"{"type":"start"}"#);
    // borrowed-flag runs at its clock speed in exercise minutes per second.
    let running = clock_after(&mut dod, Duration::from_millis(1500)).expect("a clock");
    assert!(running.started && running.now >= 1, "{running:?}");
    assert!(
        running.now <= 2 * running.clock_speed + 1,
        "not faster than the wall: {running:?}"
    );

    fac.text(r#"{"type":"act","req":1,"action":"Pause"}"#);
    let paused = clock_after(&mut dod, Duration::from_millis(400)).expect("a clock");
    assert!(paused.paused, "{paused:?}");
    let later = clock_after(&mut dod, Duration::from_millis(1200));
    assert!(
        later.is_none_or(|c| c.now == paused.now),
        "the clock stood still while paused: {paused:?} then {later:?}"
    );
}

#[test]
fn with_people_at_the_table_the_clock_stops_at_a_modules_end_for_discussion() {
    let opened = hotline::sim::open::open(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/engine/decisions.ron"),
    )
    .expect("fixture");
    let (server, hosted) = host(&opened, 1, None);
    let person =
        |code: &str| hello(code, None).replace(r#""headless":true"#, r#""headless":false"#);
    let mut fac = Raw::open(&server.url());
    fac.text(&person(&hosted.codes["facilitator"]));
    let mut dhs = Raw::open(&server.url());
    dhs.text(&person(&hosted.codes["dhs"]));
    fac.text(r#"{"type":"start"}"#);
    fac.text(r#"{"type":"act","req":1,"action":{"SetSpeed":60}}"#);
    // 60 exercise minutes a second: the module `detect` ends at 2 h.
    let t0 = Instant::now();
    let mut last = None;
    while t0.elapsed() < Duration::from_secs(10) {
        if let Some(c) = clock_after(&mut dhs, Duration::from_millis(300)) {
            last = Some(c);
            if c.paused {
                break;
            }
        }
    }
    let c = last.expect("a clock");
    assert!(
        c.paused && c.now == 120,
        "paused at the end of the module: {c:?}"
    );
}
