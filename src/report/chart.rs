//! The escalation chart as inline SVG: the ladder variable as a step line
//! over the rungs drawn as bands, key events as numbered markers whose
//! legend the report prints beside it.

use std::fmt::Write;

use super::facts::Facts;
use super::html::esc;
use crate::sim::World;

const W: f64 = 960.0;
const H: f64 = 340.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 34.0;

/// Light to dark, green to red: a rung's colour says how far up it is.
const BANDS: [&str; 7] = [
    "#e6f4ea", "#f1f6e4", "#fdf6dc", "#fdebd8", "#fbdcd3", "#f6c9c9", "#efb3bd",
];

pub fn svg(w: &World, f: &Facts) -> String {
    let def = &w.scenario.variables[w.ladder_var];
    let (vmin, vmax) = (
        def.min,
        if def.max > def.min {
            def.max
        } else {
            def.min + 1.0
        },
    );
    let tmax = w.duration.max(f.metrics.until).max(1) as f64;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |t: u32| LEFT + t as f64 / tmax * pw;
    let y = |v: f64| TOP + (vmax - v.clamp(vmin, vmax)) / (vmax - vmin) * ph;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="{}">"#,
        esc(f.l.chart_caption)
    );
    // Rung bands with their ids.
    let n = f.rungs.len();
    for (i, r) in f.rungs.iter().enumerate() {
        let lo = r.from.max(vmin);
        let hi = f.rungs.get(i + 1).map_or(vmax, |next| next.from).min(vmax);
        if hi <= lo {
            continue;
        }
        let colour = BANDS[(i * BANDS.len() / n.max(1)).min(BANDS.len() - 1)];
        let _ = write!(
            s,
            r#"<rect x="{LEFT:.1}" y="{:.1}" width="{pw:.1}" height="{:.1}" fill="{colour}"><title>{} {}</title></rect>"#,
            y(hi),
            y(lo) - y(hi),
            esc(&r.id),
            esc(&r.name)
        );
        let _ = write!(
            s,
            r#"<text class="rung" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT + pw - 4.0,
            (y(lo) + y(hi)) / 2.0 + 4.0,
            esc(&r.id)
        );
    }
    // Axes: values on the left, exercise time below.
    for k in 0..=4 {
        let v = vmin + (vmax - vmin) * k as f64 / 4.0;
        let _ = write!(
            s,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{v:.0}</text>"#,
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    let step = [60u32, 120, 180, 360, 720, 1440, 2880, 10080]
        .into_iter()
        .find(|st| tmax / *st as f64 <= 12.0)
        .unwrap_or(10080);
    let mut t = 0;
    while t as f64 <= tmax {
        let _ = write!(
            s,
            r#"<line class="grid" x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1:.1}"/><text class="tick" x="{0:.1}" y="{2:.1}" text-anchor="middle">{3}</text>"#,
            x(t),
            TOP + ph,
            TOP + ph + 16.0,
            crate::sim::describe::duration_words(t, f.lang)
        );
        t += step;
    }
    let _ = write!(
        s,
        r#"<rect class="frame" x="{LEFT}" y="{TOP}" width="{pw:.1}" height="{ph:.1}"/>"#
    );
    // The tension as a step function up to the last minute covered.
    let pts = &f.metrics.tension;
    if let Some(first) = pts.first() {
        let mut d = format!("M{:.1} {:.1}", x(first.t), y(first.value));
        for p in &pts[1..] {
            let _ = write!(d, " H{:.1} V{:.1}", x(p.t), y(p.value));
        }
        let _ = write!(d, " H{:.1}", x(f.metrics.until));
        let _ = write!(s, r#"<path class="tension" d="{d}"/>"#);
    }
    if f.interrupted {
        let _ = write!(
            s,
            r#"<line class="cut" x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1:.1}"/>"#,
            x(f.metrics.until),
            TOP + ph
        );
    }
    // Markers: events close in time stack downwards instead of overlapping.
    let mut stacks: Vec<(f64, usize)> = Vec::new();
    for k in &f.key_events {
        let kx = x(k.t_min);
        let level = match stacks.iter_mut().find(|(sx, _)| (kx - *sx).abs() < 16.0) {
            Some(e) => {
                e.1 += 1;
                e.1
            }
            None => {
                stacks.push((kx, 0));
                0
            }
        };
        let ky = TOP + 10.0 + level as f64 * 17.0;
        if ky > TOP + ph - 8.0 {
            continue;
        }
        let _ = write!(
            s,
            r#"<g class="marker"><title>{n}. {t} {what}</title><line x1="{kx:.1}" y1="{ky:.1}" x2="{kx:.1}" y2="{b:.1}"/><circle cx="{kx:.1}" cy="{ky:.1}" r="8"/><text x="{kx:.1}" y="{ty:.1}" text-anchor="middle">{n}</text></g>"#,
            n = k.n,
            t = esc(&k.t),
            what = esc(&k.what),
            b = TOP + ph,
            ty = ky + 3.5,
        );
    }
    s.push_str("</svg>");
    s
}
