//! The scenario map: what causes what in a scenario, as a graph.
//!
//! Nodes are the things that happen or hold (injects, message types,
//! variables, expectations, outcomes, persona rules, truths, norms,
//! modules); an edge A -> B says A takes part in B's condition, trigger or
//! stimulus, or B is written by A's effects. Built from the checker's own
//! walk, so every place an id can occur is covered once. Dead ends (what no
//! simulated run reached, and what the checker warns about) are marked.
//! `hotline graph` writes it as DOT or SVG; the app draws the same layout.

mod build;
mod dot;
mod layout;

pub use build::build;
pub use dot::{DEAD_RGB, dot, fill};
pub use layout::{Drawing, Shape, label_point, layout, svg};

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::scenario::diag::{Diagnostic, Pos};
use crate::scenario::{Valence, load_file};
use crate::sim::World;
use crate::sim::montecarlo::{Config, simulate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Inject,
    Message,
    Variable,
    Expectation,
    Outcome(Valence),
    Rule,
    /// A persona with its rules folded in.
    Persona,
    Truth,
    Norm,
    Module,
}

impl NodeKind {
    /// One word for the kind, as `hotline graph --around KIND:ID` takes it.
    pub fn word(self) -> &'static str {
        match self {
            NodeKind::Outcome(_) => "outcome",
            NodeKind::Rule => "rule",
            k => k.name(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Inject => "inject",
            NodeKind::Message => "message",
            NodeKind::Variable => "variable",
            NodeKind::Expectation => "expectation",
            NodeKind::Outcome(Valence::Good) => "outcome (good)",
            NodeKind::Outcome(Valence::Mixed) => "outcome (mixed)",
            NodeKind::Outcome(Valence::Bad) => "outcome (bad)",
            NodeKind::Rule => "persona rule",
            NodeKind::Persona => "persona",
            NodeKind::Truth => "truth",
            NodeKind::Norm => "norm",
            NodeKind::Module => "module",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// The id as written (`persona.rule` for persona rules).
    pub id: String,
    /// Where it is declared, when the file says.
    pub at: Option<Pos>,
    /// Why it is a dead end, when it is one.
    pub dead: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// How A takes part: "received", ">= 60", "+5", "sends", ...
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    pub file: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// How many simulated runs the dead ends rest on (0: checker only).
    pub runs: u64,
}

impl Map {
    pub fn dead_ends(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| !n.dead.is_empty())
    }

    /// Where node `n` is declared: `file:line:col`, or the file alone.
    pub fn place(&self, n: &Node) -> String {
        match n.at {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.col),
            None => self.file.clone(),
        }
    }

    /// A node's tooltip: where it is, then why it is a dead end.
    pub fn tip(&self, n: &Node) -> String {
        let mut tip = self.place(n);
        for d in &n.dead {
            tip.push('\n');
            tip.push_str(d);
        }
        tip
    }

    /// The first node with this id (ids are unique within a kind only).
    pub fn find(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The node `spec` names: `id`, or `kind:id` where two kinds share an
    /// id (`message:assurance`, `persona:cac_hawk`; kinds as [`NodeKind::word`]).
    pub fn lookup(&self, spec: &str) -> Option<usize> {
        if let Some((k, id)) = spec.split_once(':')
            && let Some(i) = (self.nodes.iter()).position(|n| n.kind.word() == k && n.id == id)
        {
            return Some(i);
        }
        self.find(spec)
    }

    /// The node of this kind with this id.
    pub fn find_kind(&self, kind: NodeKind, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.kind == kind && n.id == id)
    }

    /// What leads to `node` and what it leads to, `depth` links each way:
    /// a whole scenario's map is a few hundred links, too many to read at
    /// once. The second value maps the part's nodes to this map's.
    pub fn around(&self, node: usize, depth: usize) -> (Map, Vec<usize>) {
        let mut keep = vec![false; self.nodes.len()];
        let mut used = vec![false; self.edges.len()];
        keep[node] = true;
        // Only links on a path to or from `node` are kept, so a part stays
        // a fan rather than everything its nodes touch. Each direction has
        // its own visited set: a node both before and after `node` (a
        // reply's reply) is followed both ways.
        for forward in [false, true] {
            let mut seen = vec![false; self.nodes.len()];
            seen[node] = true;
            let mut frontier = vec![node];
            for _ in 0..depth {
                if frontier.is_empty() {
                    break;
                }
                let mut next = Vec::new();
                for (k, e) in self.edges.iter().enumerate() {
                    let (a, b) = if forward {
                        (e.from, e.to)
                    } else {
                        (e.to, e.from)
                    };
                    if frontier.contains(&a) && b != node {
                        used[k] = true;
                        keep[b] = true;
                        if !seen[b] {
                            seen[b] = true;
                            next.push(b);
                        }
                    }
                }
                frontier = next;
            }
        }
        let orig: Vec<usize> = (0..self.nodes.len()).filter(|&i| keep[i]).collect();
        let mut new_ix = vec![usize::MAX; self.nodes.len()];
        for (k, &i) in orig.iter().enumerate() {
            new_ix[i] = k;
        }
        let part = Map {
            file: self.file.clone(),
            nodes: orig.iter().map(|&i| self.nodes[i].clone()).collect(),
            edges: (self.edges.iter().zip(&used))
                .filter(|(_, u)| **u)
                .map(|(e, _)| e)
                .map(|e| Edge {
                    from: new_ix[e.from],
                    to: new_ix[e.to],
                    label: e.label.clone(),
                })
                .collect(),
            runs: self.runs,
        };
        (part, orig)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub runs: u64,
    pub seed: u64,
    pub threads: usize,
    pub rules: bool,
}

/// Loads the scenario at `path` and maps it, with dead ends from the
/// checker and from `runs` persona-vs-persona runs (none when 0), drawn
/// from `seed`; persona rules one by one when `rules`, else folded into
/// their persona. The diagnostics when the file does not load.
pub fn from_file(path: &Path, opts: &Options) -> Result<Map, Vec<Diagnostic>> {
    let Options {
        runs,
        seed,
        threads,
        rules,
    } = *opts;
    let loaded = load_file(path)?;
    let warnings = loaded.warnings;
    let source = loaded.source;
    let w = Arc::new(World::compile(loaded.scenario));
    let tally = (runs > 0).then(|| {
        let cfg = Config {
            runs,
            seed,
            threads: threads.max(1),
            fixed: BTreeMap::new(),
        };
        simulate(&w, &cfg, &AtomicU64::new(0))
    });
    let file = path.display().to_string();
    Ok(build(
        &w.scenario,
        &source,
        &file,
        &warnings,
        tally.as_ref(),
        rules,
    ))
}

#[cfg(test)]
mod tests;
