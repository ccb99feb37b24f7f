//! A seat at an exercise hosted by a `hotline serve` server (another
//! computer's, or this app's own when a workshop lets teams join).
//!
//! One interface in front of a local session or a remote connection: the
//! [`Exercise`] resource. A remote exercise keeps, in place of the local
//! engine, the engine the seat's picture describes (the facilitator's
//! replica, or for a team or the projector an engine rebuilt from what the
//! server sent it), so every screen and panel draws it unchanged; its
//! actions go to the server ([`Exercise::submit_in`]) and the server's
//! refusals come back as notices.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::clock::WallClock;
use super::exercise::Exercise;
use super::i18n::tr;
use super::{Launch, Mode, Screen, UiAction, UiState};
use crate::net::client::{Client, Update, ewebsock_transport};
use crate::net::proto::{ClientFrame, ErrorCode, Seat};
use crate::net::seat::SeatModel;
use crate::scenario::Lang;
use crate::sim::engine::SeenClock;
use crate::sim::session::{self, Session};
use crate::sim::{Action, Engine, World};

#[cfg(not(target_arch = "wasm32"))]
mod host;
#[cfg(target_arch = "wasm32")]
#[path = "remote/no_host.rs"]
mod host;
pub mod panels;
pub use host::{Hosting, share};
pub use panels::{CodesVm, JoinForm, codes_panel, join_panel, qr_image};

/// How long a first connection may take before the server is called
/// unreachable (the client itself would retry for ever).
pub const JOIN_TIMEOUT: f64 = 10.0;

/// The connection behind a remote exercise.
pub struct Remote {
    /// A socket is `Send` but not `Sync`; only systems with `&mut` use it.
    client: Mutex<Client>,
    pub url: String,
    pub seat: Seat,
    /// Set when this app hosts the exercise.
    pub hosting: Option<Hosting>,
    /// Tickets of messages sent, to confirm when the server accepts them.
    sends: BTreeSet<u64>,
    /// The codes panel, as of the last frame from the server.
    pub codes: CodesVm,
}

impl Remote {
    fn new(client: Client, url: String, seat: Seat, hosting: Option<Hosting>) -> Remote {
        let mut r = Remote {
            client: Mutex::new(client),
            url,
            seat,
            hosting,
            sends: BTreeSet::new(),
            codes: CodesVm::default(),
        };
        r.update_codes();
        r
    }

    fn update_codes(&mut self) {
        let url = self
            .hosting
            .as_ref()
            .map_or_else(|| self.url.clone(), |h| h.lan_url.clone());
        let hosting = self.hosting.is_some();
        let m = self.model();
        let codes: BTreeMap<String, String> = m.map(|m| m.codes.clone()).unwrap_or_default();
        self.codes = CodesVm {
            url,
            codes: codes.into_iter().collect(),
            started: m.is_some_and(|m| m.clock.started),
            joined: m.is_some(),
            hosting,
        };
    }

    pub fn client(&mut self) -> &mut Client {
        self.client.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    pub fn model(&mut self) -> Option<&SeatModel> {
        self.client().model()
    }

    /// Sends an action; the answer comes back through [`poll`]. The clock
    /// is the host's: a tick is not the seat's to send.
    pub fn act(&mut self, action: Action) {
        if action == Action::Tick {
            return;
        }
        // The facilitator's first "resume" starts the exercise.
        let unstarted = self.model().is_some_and(|m| !m.clock.started);
        if unstarted && self.seat == Seat::Facilitator && action == Action::Resume {
            self.client().control(ClientFrame::Start);
        }
        let send = matches!(action, Action::Send { .. });
        let ticket = self.client().act(action);
        if send {
            self.sends.insert(ticket);
        }
    }
}

/// A connection being made from the library (or `hotline join`).
#[derive(Resource)]
pub struct Joining {
    client: Mutex<Client>,
    pub url: String,
    since: Option<f64>,
}

/// The mode whose screens a seat gets: a team's desk, the facilitator's
/// console, the projector's timeline.
pub fn mode_for(seat: &Seat) -> Mode {
    match seat {
        Seat::Team(_) => Mode::Solo,
        Seat::Facilitator => Mode::Workshop,
        Seat::Observer => Mode::Observer,
    }
}

/// The engine a seat's picture describes.
pub fn engine_of(m: &SeatModel) -> Result<Engine, String> {
    if let Some(e) = m.engine() {
        return Ok(e.clone());
    }
    let checked = crate::scenario::check_value(m.scenario.clone(), "the server's scenario")
        .map_err(|d| super::library::render_all(&d, None))?;
    let world = Arc::new(World::compile(checked));
    let c = m.clock;
    Ok(Engine::seen(
        world,
        m.events.clone(),
        m.messages.values().cloned(),
        SeenClock {
            now: c.now,
            paused: c.paused || !c.started,
            speed: c.speed,
            ended: c.ended || m.ended.is_some(),
        },
    ))
}

/// The exercise a joined client shows.
pub fn exercise_for(mut remote: Remote) -> Result<Exercise, String> {
    let m = remote.model().ok_or("not joined yet")?;
    let engine = engine_of(m)?;
    let seat = m.seat.clone();
    let world = engine.world().clone();
    let team = match &seat {
        Seat::Team(id) => world.ids.teams.get(id).copied(),
        _ => None,
    };
    let mut s = Session::new(world.clone(), engine.seed());
    s.engine = engine;
    Ok(Exercise {
        header: session::header(&world, "", 0, None),
        session: s,
        // Tells this exercise from the next (see `Exercise::identity`).
        scenario_path: PathBuf::from(format!("{}#{}", remote.url, seat.name())),
        mode: mode_for(&seat),
        team,
        journal: None,
        clock: 0.0,
        last_wall: None,
        pause_on_arrival: false,
        end_journalled: false,
        remote: Some(Box::new(remote)),
    })
}

/// Brings the exercise's engine up to the seat's picture.
pub fn refresh(ex: &mut Exercise) -> Result<(), String> {
    let Some(r) = ex.remote.as_deref_mut() else {
        return Ok(());
    };
    let Some(m) = r.model() else { return Ok(()) };
    let e = engine_of(m)?;
    ex.session.engine = e;
    Ok(())
}

/// What a refused join says, in the user's words.
pub fn join_error(code: ErrorCode, message: &str, lang: Lang) -> String {
    let head = match code {
        ErrorCode::WrongCode => tr(
            lang,
            "The server does not know this code. Check it with the facilitator.",
            "服务器不认识此加入码，请向导演核对。",
        ),
        ErrorCode::Version => tr(
            lang,
            "This server runs another version of Hotline.",
            "服务器运行的是另一版本的热线。",
        ),
        ErrorCode::Reissued => tr(
            lang,
            "The facilitator gave this seat a new code.",
            "导演已为此席位换发新码。",
        ),
        ErrorCode::Replaced => tr(
            lang,
            "Another computer took this seat.",
            "另一台电脑占用了此席位。",
        ),
        _ => tr(
            lang,
            "The server closed the connection.",
            "服务器关闭了连接。",
        ),
    };
    format!("{head} ({message})")
}

pub fn unreachable(url: &str, why: &str, lang: Lang) -> String {
    format!(
        "{} {url} ({why})",
        tr(lang, "Cannot reach the server at", "无法连接服务器")
    )
}

/// A client for `code` at `url`, as the app joins: a person at the seat,
/// and the facilitator's engine kept.
pub fn client(url: &str, code: &str) -> Client {
    Client::new(url, code, false, true, ewebsock_transport())
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<JoinForm>()
        .init_resource::<WallClock>()
        .add_systems(Startup, join_from_launch)
        .add_systems(
            Update,
            (apply_remote_actions, poll_joining, poll_remote)
                .chain()
                .before(super::exercise::apply_actions),
        );
}

fn join_from_launch(mut commands: Commands, launch: Res<Launch>, wall: Res<WallClock>) {
    if let Some((url, code)) = &launch.join {
        let url = crate::net::client::join_url(url);
        commands.insert_resource(Joining {
            client: Mutex::new(client(&url, code)),
            url,
            since: Some(wall.now()),
        });
    }
}

fn apply_remote_actions(
    mut commands: Commands,
    mut actions: MessageReader<UiAction>,
    mut ex: Option<ResMut<Exercise>>,
    mut ui: ResMut<UiState>,
    wall: Res<WallClock>,
    launch: Res<Launch>,
) {
    for a in actions.read() {
        match (a, ex.as_deref_mut()) {
            (UiAction::Join { url, code }, _) => {
                let url = crate::net::client::join_url(url);
                commands.insert_resource(Joining {
                    client: Mutex::new(client(&url, code.trim())),
                    url,
                    since: Some(wall.now()),
                });
            }
            (UiAction::ShareWorkshop, Some(ex)) => {
                let bind = launch.share.unwrap_or(DEFAULT_BIND);
                if let Err(e) = share(ex, bind) {
                    ui.toast = Some(e);
                }
            }
            (UiAction::StartRemote, Some(ex)) => {
                let paused = ex.session.engine.state().paused;
                if let Some(r) = ex.remote.as_deref_mut() {
                    r.client().control(ClientFrame::Start);
                    if paused {
                        r.act(Action::Resume);
                    }
                }
            }
            (UiAction::Reissue(seat), Some(ex)) => {
                if let Some(r) = ex.remote.as_deref_mut() {
                    r.client()
                        .control(ClientFrame::Reissue { seat: seat.clone() });
                }
            }
            _ => {}
        }
    }
}

/// Where a workshop listens for other computers by default.
pub const DEFAULT_BIND: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), 7878);

fn poll_joining(
    mut commands: Commands,
    joining: Option<ResMut<Joining>>,
    wall: Res<WallClock>,
    mut ui: ResMut<UiState>,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(mut j) = joining else { return };
    let now = wall.now();
    let since = *j.since.get_or_insert(now);
    let lang = ui.lang;
    let updates = j.client.get_mut().map(|c| c.poll(now)).unwrap_or_default();
    redraw.write(RequestRedraw);
    for u in updates {
        match u {
            Update::Joined { .. } => {
                commands.remove_resource::<Joining>();
                let client = std::mem::replace(
                    j.client.get_mut().unwrap_or_else(|e| e.into_inner()),
                    client("", ""),
                );
                let seat = client.model().map(|m| m.seat.clone());
                let Some(seat) = seat else { return };
                let remote = Remote::new(client, j.url.clone(), seat, None);
                match exercise_for(remote) {
                    Ok(ex) => {
                        super::exercise::open_exercise(&mut ui, &mut next, ex.mode);
                        commands.insert_resource(ex);
                    }
                    Err(e) => ui.toast = Some(e),
                }
                return;
            }
            Update::Fatal { code, message } => {
                commands.remove_resource::<Joining>();
                ui.toast = Some(join_error(code, &message, lang));
                return;
            }
            Update::Disconnected(why) => {
                commands.remove_resource::<Joining>();
                ui.toast = Some(unreachable(&j.url, &why, lang));
                return;
            }
            _ => {}
        }
    }
    if now - since > JOIN_TIMEOUT {
        commands.remove_resource::<Joining>();
        ui.toast = Some(unreachable(&j.url, tr(lang, "no answer", "无应答"), lang));
    }
}

fn poll_remote(
    ex: Option<ResMut<Exercise>>,
    wall: Res<WallClock>,
    mut ui: ResMut<UiState>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(mut ex) = ex else { return };
    let lang = ui.lang;
    let Some(r) = ex.remote.as_deref_mut() else {
        return;
    };
    let updates = r.client().poll(wall.now());
    if updates.is_empty() {
        return;
    }
    redraw.write(RequestRedraw);
    let mut changed = false;
    let mut sent = false;
    for u in updates {
        match u {
            Update::Joined { .. } | Update::Changed | Update::Ended { .. } => changed = true,
            Update::Accepted { ticket } => sent |= r.sends.remove(&ticket),
            Update::Refused { ticket, reason, .. } => {
                r.sends.remove(&ticket);
                ui.toast = Some(format!("{} {reason}", tr(lang, "Refused:", "被拒绝：")));
            }
            Update::Disconnected(why) => {
                ui.toast = Some(format!(
                    "{} ({why})",
                    tr(
                        lang,
                        "Connection lost; reconnecting…",
                        "连接中断，正在重新连接……"
                    )
                ));
            }
            Update::Fatal { code, message } => ui.toast = Some(join_error(code, &message, lang)),
            _ => {}
        }
    }
    r.update_codes();
    if changed && let Err(e) = refresh(&mut ex) {
        ui.toast = Some(e);
    }
    if sent {
        ui.toast = super::exercise::sent_notice(&ex, lang);
    }
}

/// The codes panel's picture of an exercise: None for one that runs on
/// this computer only.
pub fn codes_vm(ex: &Exercise) -> Option<CodesVm> {
    ex.remote.as_deref().map(|r| r.codes.clone())
}

#[cfg(test)]
mod tests;
