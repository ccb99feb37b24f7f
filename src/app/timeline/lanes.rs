//! The lanes: a painted time axis with markers. Drag pans, the wheel zooms
//! around the pointer, a click selects the nearest marker.

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, pos2, vec2};

use super::TimelineState;
use super::vm::TimelineVm;
use crate::app::i18n::tr;

/// Lane geometry at scale 1; the projector scales all of it with the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub lane_h: f32,
    pub label_w: f32,
    pub axis_h: f32,
    pub lane_font: f32,
    pub axis_font: f32,
    pub marker_r: f32,
}

impl Geometry {
    pub fn scaled(scale: f32) -> Geometry {
        Geometry {
            lane_h: 46.0 * scale,
            label_w: 130.0 * scale,
            axis_h: 22.0 * scale,
            lane_font: 14.0 * scale,
            axis_font: 12.0 * scale,
            marker_r: 5.0 * scale,
        }
    }

    pub fn height(&self, lanes: usize) -> f32 {
        self.axis_h + self.lane_h * lanes as f32
    }
}

/// One line of text cut with "…" to fit `width`: a long lane or rung name
/// never spills into the plot or pushes the layout about.
pub fn fit_text(
    painter: &egui::Painter,
    text: &str,
    width: f32,
    font: FontId,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    painter.layout_job(job)
}

/// Tick spacing that leaves at least ~90 px between labels.
fn tick_step(minutes_per_px: f64) -> u32 {
    const STEPS: [u32; 10] = [5, 15, 30, 60, 120, 180, 360, 720, 1440, 2880];
    let want = minutes_per_px * 90.0;
    STEPS
        .iter()
        .copied()
        .find(|s| f64::from(*s) >= want)
        .unwrap_or(10080)
}

pub fn lanes(ui: &mut egui::Ui, vm: &TimelineVm, st: &mut TimelineState, g: Geometry) {
    let lang = vm.lang;
    let (lane_h, axis_h, r) = (g.lane_h, g.axis_h, g.marker_r);
    let height = g.height(vm.lanes.len());
    let (rect, resp) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click_and_drag());
    let plot = Rect::from_min_max(pos2(rect.left() + g.label_w, rect.top()), rect.max);
    // Input first, so this frame draws the new view.
    let mpp0 = (st.t1 - st.t0).max(1.0) / f64::from(plot.width().max(1.0));
    if resp.dragged() {
        let dx = f64::from(resp.drag_delta().x);
        st.pan(-dx * mpp0, f64::from(vm.duration));
    }
    if resp.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y + i.smooth_scroll_delta.x);
        let zoom = ui.input(|i| i.zoom_delta());
        let factor = if zoom != 1.0 {
            1.0 / f64::from(zoom)
        } else {
            (-f64::from(scroll) / 200.0).exp()
        };
        if factor != 1.0
            && let Some(p) = resp.hover_pos()
        {
            let at = st.t0 + f64::from(p.x - plot.left()) * mpp0;
            st.zoom(at, factor, f64::from(vm.duration));
        }
    }
    let (t0, t1) = (st.t0, st.t1);
    let mpp = (t1 - t0).max(1.0) / f64::from(plot.width().max(1.0));
    let x_of = |t: f64| plot.left() + ((t - t0) / mpp) as f32;

    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    let lane_y = |l: usize| plot.top() + axis_h + lane_h * (l as f32 + 0.5);
    for (i, name) in vm.lanes.iter().enumerate() {
        let y0 = plot.top() + axis_h + lane_h * i as f32;
        if i % 2 == 1 {
            painter.rect_filled(
                Rect::from_min_max(pos2(rect.left(), y0), pos2(rect.right(), y0 + lane_h)),
                0.0,
                visuals.faint_bg_color,
            );
        }
        let galley = fit_text(
            &painter,
            name,
            g.label_w - 12.0,
            FontId::proportional(g.lane_font),
            visuals.strong_text_color(),
        );
        painter.galley(
            pos2(rect.left() + 8.0, y0 + (lane_h - galley.size().y) / 2.0),
            galley,
            visuals.strong_text_color(),
        );
    }
    // Axis.
    // Larger labels need wider gaps.
    let step = tick_step(mpp * f64::from(g.axis_font / 12.0));
    let first = (t0.max(0.0) as u32).div_ceil(step) * step;
    let mut t = first;
    while f64::from(t) <= t1 {
        let x = x_of(f64::from(t));
        painter.line_segment(
            [pos2(x, plot.top() + axis_h - 4.0), pos2(x, plot.bottom())],
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
        painter.text(
            pos2(x + 3.0, plot.top() + 3.0),
            Align2::LEFT_TOP,
            crate::sim::describe::elapsed_words(t, lang),
            FontId::proportional(g.axis_font),
            visuals.weak_text_color(),
        );
        t = t.saturating_add(step);
        if t == u32::MAX {
            break;
        }
    }
    // End of the exercise and now.
    let end_x = x_of(f64::from(vm.duration));
    if end_x < plot.right() {
        painter.rect_filled(
            Rect::from_min_max(pos2(end_x, plot.top() + axis_h), plot.max),
            0.0,
            Color32::from_black_alpha(90),
        );
    }
    for d in &vm.deadlines {
        let x = x_of(f64::from(d.t));
        if x < plot.left() || x > plot.right() {
            continue;
        }
        let y = lane_y(d.lane);
        let c = crate::app::theme::WARN;
        painter.line_segment(
            [pos2(x, y - lane_h * 0.45), pos2(x, y + lane_h * 0.45)],
            Stroke::new(2.0 * r / 5.0, c),
        );
        painter.text(
            pos2(x + 2.0, y - lane_h * 0.45),
            Align2::LEFT_TOP,
            "⏱",
            FontId::proportional(g.axis_font),
            c,
        );
    }
    let now_x = x_of(f64::from(vm.now));
    if now_x >= plot.left() && now_x <= plot.right() {
        painter.line_segment(
            [pos2(now_x, plot.top()), pos2(now_x, plot.bottom())],
            Stroke::new(2.0, crate::app::theme::INFO),
        );
    }
    // Markers: several at one minute on one lane fan out a little.
    let mut nearest: Option<(f32, usize)> = None;
    let pointer = resp.hover_pos();
    let mut prev: Option<(u32, usize)> = None;
    let mut stack = 0;
    // Zoomed out, thousands of markers overlap: a marker that would land
    // almost exactly on the last one drawn in its lane slot, in the same
    // colour, adds nothing visible but tessellation work (10,000 events
    // took 36 ms a frame before this).
    let dense = vm.markers.len() > super::vm::LABEL_LIMIT;
    let mut last_drawn: Vec<[Option<(f32, Color32)>; 5]> = vec![[None; 5]; vm.lanes.len()];
    for (i, m) in vm.markers.iter().enumerate() {
        stack = if prev == Some((m.t, m.lane)) {
            (stack + 1) % 5
        } else {
            0
        };
        prev = Some((m.t, m.lane));
        let p = Pos2::new(
            x_of(f64::from(m.t)),
            lane_y(m.lane) + (stack as f32 - 2.0) * r * 1.2,
        );
        if p.x < plot.left() - r || p.x > plot.right() + r {
            continue;
        }
        let sel = st.selected == Some(m.seq);
        let slot = last_drawn.get_mut(m.lane).map(|l| &mut l[stack]);
        let hidden =
            matches!(slot.as_deref(), Some(Some((x, c))) if *c == m.color && p.x - *x < r * 0.5);
        if let Some(slot) = slot
            && !hidden
        {
            *slot = Some((p.x, m.color));
        }
        if let Some(q) = pointer {
            let d = q.distance(p);
            if d < r * 1.8 && nearest.is_none_or(|(nd, _)| d < nd) {
                nearest = Some((d, i));
            }
        }
        if hidden && !sel {
            continue;
        }
        painter.circle(
            p,
            if sel { r * 1.4 } else { r },
            m.color,
            match (sel, dense) {
                (true, _) => Stroke::new(2.0, Color32::WHITE),
                (false, false) => Stroke::new(0.5, Color32::WHITE),
                (false, true) => Stroke::NONE,
            },
        );
    }
    if let Some((_, i)) = nearest {
        let m = &vm.markers[i];
        if !m.label.is_empty() {
            resp.clone().on_hover_text_at_pointer(&m.label);
        }
        if resp.clicked() {
            st.selected = Some(m.seq);
        }
    } else if resp.clicked() {
        st.selected = None;
    }
    if vm.markers.is_empty() {
        painter.text(
            plot.center(),
            Align2::CENTER_CENTER,
            tr(lang, "nothing in this time range", "此时间段内无事件"),
            FontId::proportional(g.lane_font),
            visuals.weak_text_color(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::tick_step;

    #[test]
    fn ticks_widen_as_the_view_zooms_out() {
        assert_eq!(tick_step(0.05), 5);
        assert_eq!(tick_step(1.0), 120);
        assert!(tick_step(100.0) >= 2880);
    }
}
