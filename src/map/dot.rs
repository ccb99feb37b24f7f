//! The map as Graphviz DOT, for `dot -Tpng` or any tool that reads it.

use super::{Map, NodeKind};
use crate::scenario::Valence;

/// Fill colours by kind, shared with the SVG and the app (RGB).
pub fn fill(kind: NodeKind) -> u32 {
    match kind {
        NodeKind::Inject => 0xf6d7a7,
        NodeKind::Message => 0xcfe3f7,
        NodeKind::Variable => 0xe6e6e6,
        NodeKind::Expectation => 0xe4d4f4,
        NodeKind::Outcome(Valence::Good) => 0xbfe8c0,
        NodeKind::Outcome(Valence::Mixed) => 0xf7efb0,
        NodeKind::Outcome(Valence::Bad) => 0xf4b8b0,
        NodeKind::Rule | NodeKind::Persona => 0xd8efe9,
        NodeKind::Truth => 0xfde0ef,
        NodeKind::Norm => 0xf0e0d0,
        NodeKind::Module => 0xdde4ee,
    }
}

/// Dead ends are outlined in this colour, thick.
pub const DEAD_RGB: u32 = 0xd0021b;

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The node's two-line label: its kind, then its id.
pub fn label(kind: NodeKind, id: &str) -> String {
    format!("{}\n{id}", kind.name())
}

pub fn dot(m: &Map) -> String {
    let mut out = format!(
        "// Scenario map of {} (hotline graph). Thick red outline: a dead end.\n\
         digraph scenario {{\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n",
        m.file
    );
    for (i, n) in m.nodes.iter().enumerate() {
        let tip = m.tip(n);
        let dead = if n.dead.is_empty() {
            String::new()
        } else {
            format!(", color=\"#{DEAD_RGB:06x}\", penwidth=3")
        };
        out.push_str(&format!(
            "  n{i} [label={}, fillcolor=\"#{:06x}\", tooltip={}{dead}];\n",
            quote(&label(n.kind, &n.id)),
            fill(n.kind),
            quote(&tip),
        ));
    }
    for e in &m.edges {
        out.push_str(&format!(
            "  n{} -> n{} [label={}];\n",
            e.from,
            e.to,
            quote(&e.label)
        ));
    }
    out.push_str("}\n");
    out
}
