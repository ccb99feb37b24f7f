//! Laying the map out with layout-rs (a Graphviz-style layered layout in
//! pure Rust) and keeping what it draws as plain shapes, so the SVG file and
//! the app's screen show one and the same picture.

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::Map;
use super::dot::{DEAD_RGB, fill, label};

const FONT: usize = 14;
/// More links than this are laid out without crossing reduction.
const QUICK_ABOVE: usize = 80;

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A node's box: which node, top-left corner, size.
    Node {
        node: usize,
        min: [f32; 2],
        size: [f32; 2],
    },
    /// Centred text: a node's label or an edge's.
    Text { at: [f32; 2], text: String },
    /// An edge (index into the map's edges) as cubic Bézier segments,
    /// each [start, c1, c2, end]. Its label is drawn at its middle by the
    /// reader: as layout-rs's own label nodes, 400 labels made a map of
    /// Wrong Target 25,000 pixels tall.
    /// `backward`: layout-rs turned the edge round to break a cycle, so
    /// its arrowhead is at the start of the path.
    Edge {
        edge: usize,
        segments: Vec<[[f32; 2]; 4]>,
        backward: bool,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawing {
    pub shapes: Vec<Shape>,
    pub size: [f32; 2],
}

impl Drawing {
    /// The node whose box holds a point, if any.
    pub fn node_at(&self, p: [f32; 2]) -> Option<usize> {
        self.shapes.iter().find_map(|s| match s {
            Shape::Node { node, min, size }
                if p[0] >= min[0]
                    && p[1] >= min[1]
                    && p[0] <= min[0] + size[0]
                    && p[1] <= min[1] + size[1] =>
            {
                Some(*node)
            }
            _ => None,
        })
    }
}

fn pt(p: Point) -> [f32; 2] {
    [p.x as f32, p.y as f32]
}

struct Capture(Drawing);

impl Capture {
    fn grow(&mut self, p: [f32; 2]) {
        self.0.size[0] = self.0.size[0].max(p[0] + 5.0);
        self.0.size[1] = self.0.size[1].max(p[1] + 5.0);
    }
}

impl RenderBackend for Capture {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _: &StyleAttr,
        props: Option<String>,
        _: Option<ClipHandle>,
    ) {
        // Only our nodes carry properties: "n<index>".
        let Some(node) = props.and_then(|p| p.strip_prefix('n')?.parse().ok()) else {
            return;
        };
        let (min, size) = (pt(xy), pt(size));
        self.grow([min[0] + size[0], min[1] + size[1]]);
        self.0.shapes.push(Shape::Node { node, min, size });
    }

    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_text(&mut self, xy: Point, text: &str, _: &StyleAttr) {
        self.0.shapes.push(Shape::Text {
            at: pt(xy),
            text: text.to_string(),
        });
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        head: (bool, bool),
        _: &StyleAttr,
        props: Option<String>,
        _: &str,
    ) {
        let Some(edge) = props.and_then(|p| p.strip_prefix('e')?.parse().ok()) else {
            return;
        };
        // The path is SVG's "M p0 C c1, c2, p1 S c2, p2 S ..." as pairs:
        // (p0, c1), (c2, p1), then (c2, p) per smooth segment, whose first
        // control point mirrors the previous second one.
        if path.len() < 2 {
            return;
        }
        let mut segments = vec![[pt(path[0].0), pt(path[0].1), pt(path[1].0), pt(path[1].1)]];
        for &(c2, end) in &path[2..] {
            let [_, _, prev_c2, start] = *segments.last().expect("one segment");
            let c1 = [2.0 * start[0] - prev_c2[0], 2.0 * start[1] - prev_c2[1]];
            segments.push([start, c1, pt(c2), pt(end)]);
        }
        for s in &segments {
            for p in s {
                self.grow(*p);
            }
        }
        self.0.shapes.push(Shape::Edge {
            edge,
            segments,
            backward: head.0 && !head.1,
        });
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// Lays the map out. layout-rs asserts on graphs it cannot handle; such a
/// failure is reported, never a crash of the caller.
pub fn layout(m: &Map) -> Result<Drawing, String> {
    let mut vg = VisualGraph::new(Orientation::LeftToRight);
    let mut handles = Vec::new();
    for (i, n) in m.nodes.iter().enumerate() {
        let shape = ShapeKind::Box(label(n.kind, &n.id));
        // layout-rs sizes shapes across the flow, as its DOT reader does.
        let size = get_shape_size(Orientation::LeftToRight.flip(), &shape, FONT, false);
        let look = StyleAttr::new(
            Color::new(0x000000ff),
            1,
            Some(Color::new((fill(n.kind) << 8) | 0xff)),
            6,
            FONT,
        );
        let e = Element::create_with_properties(
            shape,
            look,
            Orientation::LeftToRight.flip(),
            size,
            format!("n{i}"),
        );
        handles.push(vg.add_node(e));
    }
    for (i, e) in m.edges.iter().enumerate() {
        vg.add_edge(
            Arrow::simple_with_properties("", format!("e{i}")),
            handles[e.from],
            handles[e.to],
        );
    }
    let mut cap = Capture(Drawing::default());
    // Crossing reduction is what makes layout-rs slow: a whole bundled
    // scenario (300-400 links) takes 20-50 s with it and 1 s without, and
    // is a thicket either way; a part (`Map::around`) gets the full search.
    let quick = m.edges.len() > QUICK_ABOVE;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        vg.do_it(false, quick, false, &mut cap);
    }));
    match run {
        Ok(()) => Ok(cap.0),
        Err(_) => Err(format!("the layout of {} failed (layout-rs)", m.file)),
    }
}

/// Where an edge's label goes: a point along its path (`t` from 0 to 1,
/// by segment count). A cycle's two edges share a route, so the caller puts
/// the forward one's label before the middle and the backward one's after.
pub fn label_at(segments: &[[[f32; 2]; 4]], t: f32) -> [f32; 2] {
    let n = segments.len();
    if n == 0 {
        return [0.0, 0.0];
    }
    let x = t.clamp(0.0, 1.0) * n as f32;
    let i = (x as usize).min(n - 1);
    let [p0, p1, p2, p3] = segments[i];
    let u = (x - i as f32).clamp(0.0, 1.0);
    let v = 1.0 - u;
    let f = |k: usize| {
        v * v * v * p0[k] + 3.0 * v * v * u * p1[k] + 3.0 * v * u * u * p2[k] + u * u * u * p3[k]
    };
    [f(0), f(1)]
}

/// Where the label of an edge drawn this way goes.
pub fn label_point(segments: &[[[f32; 2]; 4]], backward: bool) -> [f32; 2] {
    label_at(segments, if backward { 0.62 } else { 0.38 })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The drawing as a standalone SVG: nodes carry their file position and
/// dead-end reasons as a tooltip.
pub fn svg(m: &Map, d: &Drawing) -> String {
    let [w, h] = d.size;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\">\n\
         <title>Scenario map of {}</title>\n\
         <defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"7\" refX=\"10\" refY=\"3.5\" orient=\"auto-start-reverse\"><polygon points=\"0 0, 10 3.5, 0 7\"/></marker></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        esc(&m.file)
    );
    for s in &d.shapes {
        match s {
            Shape::Node { node, min, size } => {
                let n = &m.nodes[*node];
                let tip = m.tip(n);
                let (stroke, width) = if n.dead.is_empty() {
                    (0x333333, 1)
                } else {
                    (DEAD_RGB, 4)
                };
                out.push_str(&format!(
                    "<g class=\"node{}\" data-id=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#{:06x}\" stroke=\"#{stroke:06x}\" stroke-width=\"{width}\"/></g>\n",
                    if n.dead.is_empty() { "" } else { " dead" },
                    esc(&n.id),
                    esc(&tip),
                    min[0], min[1], size[0], size[1],
                    fill(n.kind),
                ));
            }
            Shape::Text { at, text } => {
                let lines: Vec<&str> = text.lines().collect();
                let top = at[1] - (lines.len() as f32 - 1.0) * 8.0;
                out.push_str(&format!("<text x=\"{}\" y=\"{top}\" font-size=\"13\" text-anchor=\"middle\" dominant-baseline=\"middle\">", at[0]));
                for (i, l) in lines.iter().enumerate() {
                    let dy = if i == 0 { 0 } else { 16 };
                    out.push_str(&format!(
                        "<tspan x=\"{}\" dy=\"{dy}\">{}</tspan>",
                        at[0],
                        esc(l)
                    ));
                }
                out.push_str("</text>\n");
            }
            Shape::Edge {
                edge,
                segments,
                backward,
            } => {
                let mut path = String::new();
                for (i, [a, b, c, e]) in segments.iter().enumerate() {
                    if i == 0 {
                        path.push_str(&format!("M {} {} ", a[0], a[1]));
                    }
                    path.push_str(&format!(
                        "C {} {}, {} {}, {} {} ",
                        b[0], b[1], c[0], c[1], e[0], e[1]
                    ));
                }
                let e = &m.edges[*edge];
                let title = format!(
                    "{} -> {}: {}",
                    m.nodes[e.from].id, m.nodes[e.to].id, e.label
                );
                let [x, y] = label_point(segments, *backward);
                out.push_str(&format!(
                    "<g class=\"edge\"><title>{}</title><path d=\"{}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" {}=\"url(#head)\"/><text x=\"{x}\" y=\"{y}\" font-size=\"10\" fill=\"#444\" text-anchor=\"middle\">{}</text></g>\n",
                    esc(&title),
                    path.trim_end(),
                    if *backward { "marker-start" } else { "marker-end" },
                    esc(&e.label)
                ));
            }
        }
    }
    out.push_str("</svg>\n");
    out
}
