//! `--screenshot PATH --exit-after-frames N`: after N frames (time for the
//! fonts and layout to settle) capture the window, save it, then exit.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::Launch;

#[derive(Resource, Default)]
struct Shot {
    frames: u32,
    requested: bool,
    saved_at: Option<u32>,
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<Shot>().add_systems(Last, step);
}

fn step(
    mut commands: Commands,
    launch: Res<Launch>,
    mut shot: ResMut<Shot>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(n) = launch
        .exit_after_frames
        .or(launch.screenshot.as_ref().map(|_| 30))
    else {
        return;
    };
    shot.frames += 1;
    match (&launch.screenshot, shot.requested) {
        (Some(path), false) if shot.frames >= n => {
            shot.requested = true;
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path.clone()))
                .observe(|_: On<ScreenshotCaptured>, mut shot: ResMut<Shot>| {
                    shot.saved_at = Some(shot.frames);
                });
        }
        (None, _) if shot.frames >= n => {
            exit.write(AppExit::Success);
        }
        _ => {}
    }
    // A few frames after the capture, so the file is written.
    if shot.saved_at.is_some_and(|f| shot.frames >= f + 2) {
        exit.write(AppExit::Success);
    }
    // Never hang a script: give up long after the capture was asked for.
    if shot.requested && shot.frames > n + 600 {
        error!("the screenshot was never captured");
        exit.write(AppExit::error());
    }
}
