use bevy::prelude::*;
use bevy_egui::egui;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use super::*;
use crate::app::panel_tests::{click, find_text, frame};
use crate::app::team_view::{Draft, TeamVm};
use crate::net::client::{Client, ewebsock_transport, join_url};
use crate::net::server::{RoomSpec, Server};

fn codes() -> CodesVm {
    CodesVm {
        url: "ws://192.168.1.20:7878/ws".into(),
        codes: vec![
            ("cac".into(), "k3qa-77cd-p2xe".into()),
            ("dhs".into(), "m9v4-tt2a-c8wn".into()),
            ("facilitator".into(), "f00d-aa11-bb22".into()),
            ("observer".into(), "o8s2-lq3z-ee71".into()),
        ],
        started: false,
        joined: true,
        hosting: true,
    }
}

#[test]
fn the_join_form_sends_the_address_and_code_it_was_given() {
    let mut form = JoinForm {
        url: " 192.168.1.20:7878 ".into(),
        code: "k3qa-77cd-p2xe".into(),
    };
    let got = click(|ui| join_panel(ui, &mut form, false, Lang::En), "Join");
    assert_eq!(
        got,
        vec![UiAction::Join {
            url: "192.168.1.20:7878".into(),
            code: "k3qa-77cd-p2xe".into()
        }]
    );
}

#[test]
fn the_join_form_sends_nothing_without_a_code_or_with_a_wrong_address() {
    let mut form = JoinForm {
        url: "ws://192.168.1.20:7878/ws".into(),
        code: " ".into(),
    };
    assert!(click(|ui| join_panel(ui, &mut form, false, Lang::En), "Join").is_empty());
    let ctx = egui::Context::default();
    let shapes = frame(&ctx, vec![], |ui| {
        join_panel(ui, &mut form, false, Lang::En);
    });
    assert!(find_text(&shapes, "Type your seat's code.").is_some());
    let mut form = JoinForm {
        url: "http://192.168.1.20:7878".into(),
        code: "k3qa".into(),
    };
    assert!(click(|ui| join_panel(ui, &mut form, false, Lang::En), "Join").is_empty());
}

#[test]
fn while_a_join_is_under_way_the_button_says_so_and_sends_nothing() {
    let mut form = JoinForm {
        url: "127.0.0.1:7878".into(),
        code: "k3qa".into(),
    };
    let got = click(|ui| join_panel(ui, &mut form, true, Lang::En), "Joining…");
    assert!(got.is_empty());
}

#[test]
fn an_address_typed_without_scheme_or_path_means_the_servers_ws() {
    assert_eq!(join_url("192.168.1.20:7878"), "ws://192.168.1.20:7878/ws");
    assert_eq!(join_url("ws://h:1"), "ws://h:1/ws");
    assert_eq!(join_url("wss://h/hotline/ws"), "wss://h/hotline/ws");
}

#[test]
fn a_workshop_on_one_computer_offers_to_let_teams_join() {
    let got = click(
        |ui| codes_panel(ui, None, None, Lang::En),
        "Let teams join from their own computers",
    );
    assert_eq!(got, vec![UiAction::ShareWorkshop]);
}

#[test]
fn the_codes_panel_shows_the_address_and_every_code_and_reissues_the_one_clicked() {
    let vm = codes();
    let ctx = egui::Context::default();
    let shapes = frame(&ctx, vec![], |ui| {
        codes_panel(ui, Some(&vm), None, Lang::En);
    });
    assert!(find_text(&shapes, &vm.url).is_some());
    for (_, code) in &vm.codes {
        assert!(find_text(&shapes, code).is_some(), "{code} shown");
    }
    // The first "New code" is the first seat's, in the order shown.
    let got = click(|ui| codes_panel(ui, Some(&vm), None, Lang::En), "New code");
    assert_eq!(got, vec![UiAction::Reissue("cac".into())]);
}

#[test]
fn the_codes_panel_starts_the_exercise_once_and_only_when_connected() {
    let mut vm = codes();
    let start = |vm: &CodesVm| {
        click(
            |ui| codes_panel(ui, Some(vm), None, Lang::En),
            "Start the exercise",
        )
    };
    assert_eq!(start(&vm), vec![UiAction::StartRemote]);
    vm.started = true;
    assert!(start(&vm).is_empty());
    vm.started = false;
    vm.joined = false;
    assert!(start(&vm).is_empty());
}

#[test]
fn the_join_address_becomes_a_square_qr_code_with_a_quiet_zone() {
    let img = qr_image("ws://192.168.1.20:7878/ws").expect("fits a QR code");
    let [w, h] = img.size;
    assert_eq!(w, h);
    // Version 2 (25 modules) or more, plus four light modules each side.
    assert!(w >= 25 + 8, "{w}");
    let at = |x: usize, y: usize| img.pixels[y * w + x];
    assert_eq!(at(0, 0), egui::Color32::WHITE);
    assert_eq!(at(3, 3), egui::Color32::WHITE);
    // The top-left finder pattern starts right after the quiet zone.
    assert_eq!(at(4, 4), egui::Color32::BLACK);
    assert_eq!(at(w - 5, 4), egui::Color32::BLACK);
}

/// A windowless app with the plugins a remote seat needs.
fn app() -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).add_plugins((
        crate::app::exercise::plugin,
        crate::app::clock::plugin,
        super::plugin,
    ));
    app
}

const LIMIT: Duration = Duration::from_secs(60);

fn inbox(app: &App) -> Vec<crate::app::team_view::vm::MsgVm> {
    let Some(ex) = app.world().get_resource::<Exercise>() else {
        return Vec::new();
    };
    TeamVm::build(&ex.session.engine, 0, Lang::En, &Draft::default()).inbox
}

#[test]
fn a_remote_team_desk_reads_the_other_teams_message_and_its_reply_reaches_them() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/wrong-target.ron"
    ));
    let opened = crate::sim::open::open(path).unwrap();
    let mut server = Server::start("127.0.0.1:0".parse().unwrap()).expect("listen");
    let hosted = server
        .host(RoomSpec {
            session: Session::new(opened.world.clone(), 7),
            source: opened.source.clone(),
            store: None,
            seats: None,
            autostart: true,
        })
        .expect("room");
    let url = server.url();
    let code = |s: &str| hosted.codes[s].clone();
    let mut app = app();
    app.world_mut().write_message(UiAction::Join {
        url: url.clone(),
        code: code("dhs"),
    });
    // The other team and the facilitator, headless clients of their own.
    let mut cac = Client::new(&url, &code("cac"), false, false, ewebsock_transport());
    let mut fac = Client::new(
        &url,
        &code("facilitator"),
        false,
        false,
        ewebsock_transport(),
    );
    let t0 = Instant::now();
    let step = |app: &mut App, cac: &mut Client, fac: &mut Client| {
        assert!(t0.elapsed() < LIMIT, "timed out");
        app.update();
        let now = t0.elapsed().as_secs_f64();
        cac.poll(now);
        fac.poll(now);
        std::thread::sleep(Duration::from_millis(10));
    };
    // Joined, and the clock started (every team seat is taken).
    while !(cac.model().is_some_and(|m| m.clock.started)
        && fac.is_joined()
        && app.world().get_resource::<Exercise>().is_some())
    {
        step(&mut app, &mut cac, &mut fac);
    }
    {
        let ex = app.world().resource::<Exercise>();
        assert_eq!(ex.mode, Mode::Solo, "a team seat gets a team's screens");
        assert_eq!(ex.team, Some(0));
        assert!(ex.remote.is_some());
    }
    // Fastest clock: the email and its translation take exercise hours.
    fac.act(Action::SetSpeed(60));
    let marker = "CAC-ASKS-7731";
    // The scenario's own spelling of "urgent" (its values carry both languages).
    let urgent = (opened.world.scenario.messages.iter())
        .find(|m| m.id == "request_assistance")
        .and_then(|m| m.fields.iter().find(|f| f.id == "urgency"))
        .and_then(|f| match &f.kind {
            crate::scenario::FieldKind::Choice(opts) => {
                opts.iter().find(|o| o.starts_with("urgent")).cloned()
            }
            _ => None,
        })
        .expect("request_assistance has an urgency choice");
    cac.act(Action::Send {
        team: "cac".into(),
        channel: "hotline_email".into(),
        msg: "request_assistance".into(),
        fields: BTreeMap::from([
            ("what".into(), "preserve the six servers".into()),
            ("urgency".into(), urgent.clone()),
        ]),
        text: marker.into(),
        reply_to: None,
    });
    let asked = loop {
        if let Some(m) = inbox(&app)
            .into_iter()
            .find(|m| m.text.as_deref() == Some(marker))
        {
            break m;
        }
        step(&mut app, &mut cac, &mut fac);
    };
    let reply = "DHS-ACKS-5120";
    app.world_mut()
        .write_message(UiAction::Submit(Action::Send {
            team: "dhs".into(),
            channel: "hotline_email".into(),
            msg: "acknowledge".into(),
            fields: BTreeMap::new(),
            text: reply.into(),
            reply_to: Some(asked.id),
        }));
    let got = loop {
        if let Some(m) = cac
            .model()
            .and_then(|m| m.messages.values().find(|m| *m.text == *reply).cloned())
        {
            break m;
        }
        step(&mut app, &mut cac, &mut fac);
    };
    assert_eq!(
        got.reply_to,
        Some(asked.id),
        "the reply answers the request"
    );
    assert_eq!(got.from, Some(0), "sent by the remote desk's team");
    let ui = app.world().resource::<UiState>();
    assert!(
        ui.toast
            .as_deref()
            .is_none_or(|t| !t.starts_with("Refused")),
        "{:?}",
        ui.toast
    );
}
