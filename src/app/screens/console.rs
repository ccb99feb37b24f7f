//! The facilitator's console beside the timeline.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::{ScreenParams, ScreenSet, side_and_timeline};
use crate::app::facilitator::{FacilitatorUi, FacilitatorVm, facilitator_panel};
use crate::app::remote::{codes_panel, codes_vm};
use crate::app::{Screen, UiAction};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(ScreenSet::Screen)
            .run_if(in_state(Screen::Facilitator)),
    );
}

fn draw(
    mut p: ScreenParams,
    mut fac: ResMut<FacilitatorUi>,
    mut qr: Local<Option<(String, egui::TextureHandle)>>,
    mut out: MessageWriter<UiAction>,
) {
    // Whatever the state says, a team holding the screen never sees this.
    if p.ui.handed_to.is_some() {
        return;
    }
    let lang = p.ui.lang;
    let actions = side_and_timeline(
        &mut p,
        Screen::Facilitator,
        "facilitator",
        480.0,
        220.0,
        |ui: &mut egui::Ui, ex, _| {
            let vm = FacilitatorVm::build(&ex.session.engine, lang, ex.pause_on_arrival);
            let codes = codes_vm(ex);
            let tex = codes.as_ref().and_then(|c| {
                let page = crate::net::client::page_url(&c.url);
                qr_texture(ui.ctx(), page.as_deref().unwrap_or(&c.url), &mut qr)
            });
            egui::ScrollArea::vertical()
                .show(ui, |ui| {
                    let mut out = codes_panel(ui, codes.as_ref(), tex, lang);
                    ui.separator();
                    out.extend(facilitator_panel(ui, &vm, &mut fac));
                    out
                })
                .inner
        },
    );
    out.write_batch(actions);
}

/// The join page's address as a QR code (a phone or laptop that scans it
/// opens the web client), drawn once per address.
fn qr_texture(
    ctx: &egui::Context,
    url: &str,
    cache: &mut Option<(String, egui::TextureHandle)>,
) -> Option<egui::TextureId> {
    if cache.as_ref().is_none_or(|(u, _)| u != url) {
        let img = crate::app::remote::qr_image(url)?;
        *cache = Some((
            url.to_string(),
            ctx.load_texture("join-qr", img, egui::TextureOptions::NEAREST),
        ));
    }
    cache.as_ref().map(|(_, t)| t.id())
}
