//! The ladder variable over time, on bands that mark the rungs.

use bevy_egui::egui::{self, Color32};
use egui_plot::{Axis, Line, Plot, Span, VLine};

use super::vm::TimelineVm;

fn band_color(i: usize, n: usize) -> Color32 {
    // Green at the bottom of the ladder to red at the top, faint.
    let f = if n <= 1 {
        0.0
    } else {
        i as f32 / (n - 1) as f32
    };
    let r = (60.0 + 180.0 * f) as u8;
    let g = (170.0 - 120.0 * f) as u8;
    Color32::from_rgba_unmultiplied(r, g, 60, 38)
}

pub fn chart(ui: &mut egui::Ui, vm: &TimelineVm, height: f32, scale: f32) {
    if vm.tension.is_empty() {
        ui.label(crate::app::i18n::tr(
            vm.lang,
            "The escalation variable is not shown to this screen.",
            "此屏幕不显示升级变量。",
        ));
        return;
    }
    let hours = f64::from(vm.duration) / 60.0;
    let y_max = vm.bands.last().map_or(100.0, |b| b.to);
    let n = vm.bands.len();
    Plot::new("escalation_chart")
        .height(height)
        .width(ui.available_width().min(ui.max_rect().width()))
        .include_x(0.0)
        .include_x(hours)
        .include_y(vm.bands.first().map_or(0.0, |b| b.from))
        .include_y(y_max)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .x_axis_label(crate::app::i18n::tr(vm.lang, "hours", "小时"))
        .y_axis_label(vm.ladder_name.clone())
        .show(ui, |p| {
            for (i, b) in vm.bands.iter().enumerate() {
                p.span(
                    Span::new(b.name.clone(), b.from..=b.to)
                        .axis(Axis::Y)
                        .fill(band_color(i, n))
                        .border_width(0.0),
                );
            }
            for d in &vm.deadlines {
                p.vline(
                    VLine::new("deadline", f64::from(d.t) / 60.0)
                        .color(Color32::from_rgba_unmultiplied(255, 120, 60, 120))
                        .width(1.0),
                );
            }
            p.vline(
                VLine::new("now", f64::from(vm.now) / 60.0)
                    .color(Color32::from_rgb(80, 170, 255))
                    .width(1.5 * scale),
            );
            p.line(
                Line::new(vm.ladder_name.clone(), vm.tension.clone())
                    .color(Color32::WHITE)
                    .width(2.0 * scale),
            );
        });
}
