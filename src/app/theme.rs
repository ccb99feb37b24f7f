//! Colour roles shared by every screen (and, in the same hues, by the
//! after-action report): escalation and de-escalation, outcome valence,
//! attention and calm. Panels name a role, never a raw colour.

use bevy_egui::egui::Color32;

use crate::scenario::Valence;

pub const ESCALATE: Color32 = Color32::from_rgb(235, 87, 87);
pub const DEESCALATE: Color32 = Color32::from_rgb(76, 195, 138);
pub const NEUTRAL: Color32 = Color32::from_rgb(150, 156, 168);
/// Needs attention soon: a reply owed, a deadline near.
pub const WARN: Color32 = Color32::from_rgb(242, 166, 64);
/// Something went wrong: lost, unanswered, refused.
pub const BAD: Color32 = Color32::from_rgb(235, 87, 87);
pub const GOOD: Color32 = Color32::from_rgb(76, 195, 138);
/// Waiting on something outside the player's hands (translation, pause).
pub const PENDING: Color32 = Color32::from_rgb(222, 200, 120);
pub const INFO: Color32 = Color32::from_rgb(110, 170, 240);

/// Outcome valence, the same three hues the report uses.
pub fn valence(v: Valence) -> Color32 {
    match v {
        Valence::Good => GOOD,
        Valence::Mixed => PENDING,
        Valence::Bad => BAD,
    }
}

/// A symbol per kind of channel, drawn from egui's bundled emoji font so
/// it shows on every machine.
pub fn channel_icon(kind: crate::scenario::ChannelKind) -> &'static str {
    use crate::scenario::ChannelKind::*;
    match kind {
        Voice => "📞",
        Email => "✉",
        Link => "🔗",
        Note => "📜",
        Cert => "🛡",
        Public => "📢",
    }
}

/// The look: a calm dark theme with one accent, rounded controls, room
/// between items. Text sizes live in fonts.rs (the projector scales them).
pub fn install(ctx: &bevy_egui::egui::Context) {
    use bevy_egui::egui::{CornerRadius, Margin, Stroke, vec2};
    ctx.all_styles_mut(|s| {
        s.spacing.item_spacing = vec2(8.0, 6.0);
        s.spacing.button_padding = vec2(10.0, 4.0);
        s.spacing.window_margin = Margin::same(14);
        s.spacing.menu_margin = Margin::same(8);
        s.spacing.indent = 18.0;
        let v = &mut s.visuals;
        v.dark_mode = true;
        v.panel_fill = Color32::from_rgb(24, 27, 33);
        v.window_fill = Color32::from_rgb(32, 36, 44);
        v.extreme_bg_color = Color32::from_rgb(15, 17, 21);
        v.faint_bg_color = Color32::from_rgb(30, 34, 41);
        v.code_bg_color = Color32::from_rgb(36, 40, 48);
        v.window_corner_radius = CornerRadius::same(10);
        v.window_stroke = Stroke::new(1.0, Color32::from_rgb(58, 64, 76));
        v.selection.bg_fill = Color32::from_rgb(44, 92, 160);
        v.selection.stroke = Stroke::new(1.0, Color32::from_rgb(200, 222, 255));
        v.hyperlink_color = INFO;
        v.warn_fg_color = WARN;
        v.error_fg_color = BAD;
        for w in [
            &mut v.widgets.noninteractive,
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.corner_radius = CornerRadius::same(6);
        }
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_rgb(50, 55, 66));
        v.widgets.inactive.weak_bg_fill = Color32::from_rgb(44, 49, 59);
        v.widgets.inactive.bg_fill = Color32::from_rgb(44, 49, 59);
        v.widgets.hovered.weak_bg_fill = Color32::from_rgb(56, 63, 76);
        v.widgets.hovered.bg_fill = Color32::from_rgb(56, 63, 76);
        v.widgets.active.weak_bg_fill = Color32::from_rgb(44, 92, 160);
        v.widgets.active.bg_fill = Color32::from_rgb(44, 92, 160);
    });
}
