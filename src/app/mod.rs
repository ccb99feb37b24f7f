//! The desktop app: a Bevy + egui view over the engine.
//!
//! One plugin per feature file. egui panels are pure functions from a view
//! model to a list of [`UiAction`]s; the plugins' systems apply the actions
//! to the [`exercise::Exercise`] resource. The engine stays bevy-free.

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::{EguiContexts, EguiPlugin, egui};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::scenario::Lang;
use crate::sim::Action;

pub mod action;
pub mod clock;
pub mod debrief;
pub mod dialogs;
pub mod exercise;
pub mod explain;
pub mod export;
pub mod facilitator;
pub mod fonts;
pub mod help;
pub mod hot_reload;
pub mod i18n;
pub mod idle;
pub mod keyboard;
pub mod library;
pub mod map_screen;
pub mod paths;
pub mod remote;
pub mod screens;
pub mod screenshot;
pub mod settings;
pub mod story;
pub mod team_view;
pub mod theme;
pub mod timeline;
pub mod topbar;
pub mod trace;
pub mod web;

pub use action::UiAction;

#[cfg(test)]
mod panel_tests;
#[cfg(test)]
mod screen_panel_tests;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Mode {
    /// One student plays a team against a computer persona.
    #[default]
    Solo,
    /// Facilitator console plus each team's private view behind a curtain.
    Workshop,
    /// Projector view: shared timeline only, no private content.
    Observer,
}

/// What the window shows: a Bevy state, each screen with its plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, States, clap::ValueEnum)]
pub enum Screen {
    #[default]
    Library,
    Briefing,
    Team,
    Timeline,
    Facilitator,
    Debrief,
    /// For authors: a scenario's causal map (no exercise needed).
    Map,
}

impl Screen {
    /// Screens outside any exercise: no top bar, no exercise overlays.
    pub fn outside_exercise(self) -> bool {
        matches!(self, Screen::Library | Screen::Map)
    }
}

/// How the app was started: from `hotline play` or with no arguments.
#[derive(Debug, Clone, Default, Resource)]
pub struct Launch {
    pub scenario: Option<PathBuf>,
    pub mode: Mode,
    pub team: Option<String>,
    pub seed: Option<u64>,
    pub screen: Option<Screen>,
    pub screenshot: Option<PathBuf>,
    pub exit_after_frames: Option<u32>,
    pub resume: Option<PathBuf>,
    pub advance: Option<u32>,
    pub lang: Option<Lang>,
    /// Window size in logical pixels (default 1600x1000).
    pub window_size: Option<(u32, u32)>,
    /// `hotline join URL CODE`: open the app at that seat.
    pub join: Option<(String, String)>,
    /// A workshop lets teams join from other computers, listening here.
    pub share: Option<std::net::SocketAddr>,
}

/// What the window shows; not an exercise fact, so not journalled.
#[derive(Debug, Clone, Resource)]
pub struct UiState {
    pub lang: Lang,
    pub help: bool,
    /// Workshop: the team the screen was handed to, and whether that team
    /// has lifted the curtain. Nobody else's content shows until it has.
    pub handed_to: Option<usize>,
    pub revealed: bool,
    /// A message for the user (errors from refused actions, exports).
    pub toast: Option<String>,
    /// "Leave this exercise?" is on screen.
    pub confirm_leave: bool,
    /// The end-of-exercise notice was dismissed (it shows once).
    pub end_seen: bool,
    /// The report last exported, offered to open.
    pub exported: Option<PathBuf>,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            lang: Lang::En,
            help: false,
            handed_to: None,
            revealed: false,
            toast: None,
            confirm_leave: false,
            end_seen: false,
            exported: None,
        }
    }
}

pub struct AppPlugin;

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        shared(app);
        app.add_systems(Startup, spawn_camera);
        app.add_plugins((
            fonts::plugin,
            idle::plugin,
            exercise::plugin,
            clock::plugin,
            library::plugin,
            map_screen::plugin,
            remote::plugin,
            screens::plugin,
            keyboard::plugin,
            hot_reload::plugin,
            screenshot::plugin,
            timeline::plugin,
            export::plugin,
            settings::plugin,
            trace::plugin,
        ));
    }
}

/// What every feature plugin reads or writes: the window's state, how the
/// app was launched, and the action and redraw messages. Each plugin calls
/// this itself (registering twice is harmless), so a test builds an app
/// from the plugins it exercises and nothing else.
pub fn shared(app: &mut App) {
    if !app.is_plugin_added::<bevy::state::app::StatesPlugin>() {
        app.add_plugins(bevy::state::app::StatesPlugin);
    }
    app.init_state::<Screen>()
        .init_resource::<UiState>()
        .init_resource::<Launch>()
        .add_message::<UiAction>()
        .add_message::<bevy::window::RequestRedraw>();
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// The root ui covering the window, as egui 0.36 panels want one.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "hotline_root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

pub fn ctx(contexts: &mut EguiContexts) -> Option<egui::Context> {
    contexts.ctx_mut().ok().map(|c| c.clone())
}

/// Opens the window and runs until it is closed.
pub fn run(launch: Launch) -> ExitCode {
    run_with(launch, |_| {})
}

/// [`run`], with `setup` applied before the feature plugins are added (the
/// web build's test hook and notices).
pub fn run_with(launch: Launch, setup: impl FnOnce(&mut App)) -> ExitCode {
    let mut app = App::new();
    let continuous = launch.screenshot.is_some();
    let (width, height) = launch.window_size.unwrap_or((1600, 1000));
    app.insert_resource(ClearColor(Color::srgb(0.1, 0.1, 0.12)))
        .add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "Hotline".into(),
                        resolution: WindowResolution::new(width, height),
                        // In a browser: the page's canvas, filling the page.
                        canvas: Some("#hotline".into()),
                        fit_canvas_to_parent: true,
                        ..default()
                    }),
                    ..default()
                })
                .set(bevy::log::LogPlugin {
                    filter: "warn,hotline=info,wgpu=error,naga=error".into(),
                    ..default()
                }),
        )
        .add_plugins(EguiPlugin::default())
        .insert_resource(launch);
    setup(&mut app);
    app.add_plugins(AppPlugin);
    if continuous {
        app.insert_resource(bevy::winit::WinitSettings::continuous());
    } else {
        app.insert_resource(bevy::winit::WinitSettings::desktop_app());
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(c) => ExitCode::from(c.get()),
    }
}

/// The action a team's button sends, at the current minute.
pub fn submit(a: Action) -> UiAction {
    UiAction::Submit(a)
}
