//! The ladder variable over time, on bands that mark the rungs. Painted on
//! the lanes' own time axis (same label column, same minutes per pixel),
//! so "now", deadlines and markers line up across both.

use bevy_egui::egui::{self, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

use super::TimelineState;
use super::lanes::{Geometry, fit_text};
use super::vm::TimelineVm;
use crate::app::theme;

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

pub fn chart(ui: &mut egui::Ui, vm: &TimelineVm, st: &TimelineState, height: f32, g: Geometry) {
    if vm.tension.is_empty() {
        ui.label(crate::app::i18n::tr(
            vm.lang,
            "The escalation variable is not shown to this screen.",
            "此屏幕不显示升级变量。",
        ));
        return;
    }
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    let plot = Rect::from_min_max(pos2(rect.left() + g.label_w, rect.top() + 4.0), rect.max);
    let (t0, t1) = (st.t0, st.t1);
    let mpp = (t1 - t0).max(1.0) / f64::from(plot.width().max(1.0));
    let x_of = |t: f64| plot.left() + ((t - t0) / mpp) as f32;
    let y_lo = vm.bands.first().map_or(0.0, |b| b.from);
    let y_hi = vm.bands.last().map_or(100.0, |b| b.to).max(y_lo + 1.0);
    let y_of = |v: f64| plot.bottom() - ((v - y_lo) / (y_hi - y_lo)) as f32 * plot.height();
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    let n = vm.bands.len();
    let font = FontId::proportional(g.axis_font);
    let mut hovered_band = None;
    for (i, b) in vm.bands.iter().enumerate() {
        let band = Rect::from_min_max(
            pos2(rect.left(), y_of(b.to)),
            pos2(plot.right(), y_of(b.from)),
        );
        painter.rect_filled(band, 0.0, band_color(i, n));
        // The rung's whole name inside its band, where there is room; the
        // line is drawn over it.
        if band.height() >= g.axis_font {
            let galley = fit_text(
                &painter,
                &b.name,
                plot.width() - 12.0,
                font.clone(),
                visuals.weak_text_color(),
            );
            painter.galley(
                pos2(plot.left() + 6.0, band.center().y - galley.size().y / 2.0),
                galley,
                visuals.weak_text_color(),
            );
        }
        if resp.hover_pos().is_some_and(|p| band.contains(p)) {
            hovered_band = Some(i);
        }
    }
    let end_x = x_of(f64::from(vm.duration));
    if end_x < plot.right() {
        painter.rect_filled(
            Rect::from_min_max(pos2(end_x.max(plot.left()), plot.top()), plot.max),
            0.0,
            Color32::from_black_alpha(90),
        );
    }
    let in_view = |x: f32| x >= plot.left() && x <= plot.right();
    for d in &vm.deadlines {
        let x = x_of(f64::from(d.t));
        if in_view(x) {
            painter.line_segment(
                [pos2(x, plot.top()), pos2(x, plot.bottom())],
                Stroke::new(1.0, theme::WARN.gamma_multiply(0.5)),
            );
        }
    }
    // The step line, clipped to the plot.
    let clip = painter.with_clip_rect(plot);
    let points: Vec<egui::Pos2> = vm
        .tension
        .iter()
        .map(|p| pos2(x_of(p[0] * 60.0), y_of(p[1])))
        .collect();
    clip.add(egui::Shape::line(
        points,
        Stroke::new(2.0 * g.marker_r / 5.0, Color32::WHITE),
    ));
    let now_x = x_of(f64::from(vm.now));
    if in_view(now_x) {
        painter.line_segment(
            [pos2(now_x, plot.top()), pos2(now_x, plot.bottom())],
            Stroke::new(2.0, theme::INFO),
        );
    }
    // The variable's name heads the label column, as a lane's name does.
    let galley = fit_text(
        &painter,
        &vm.ladder_name,
        g.label_w - 12.0,
        FontId::proportional(g.lane_font),
        visuals.strong_text_color(),
    );
    painter.galley(
        pos2(rect.left() + 8.0, plot.top() + 4.0),
        galley,
        visuals.strong_text_color(),
    );
    if let Some(i) = hovered_band {
        resp.on_hover_text(&vm.bands[i].name);
    }
}
