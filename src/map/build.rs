//! From a checked scenario (and, optionally, a Monte Carlo tally) to the map.

use std::collections::{BTreeMap, HashMap};

use super::{Edge, Map, Node, NodeKind};
use crate::scenario::check::walk::{Kind, Visit, walk};
use crate::scenario::diag::{Code, Diagnostic, Pos};
use crate::scenario::model::*;
use crate::scenario::spans::Spans;
use crate::sim::montecarlo::Tally;

/// Checker warnings that say something can never happen.
const DEAD_CODES: &[Code] = &[
    Code::Unused,
    Code::ReplyUnreachable,
    Code::CondNever,
    Code::NeverReceives,
    Code::InjectNeverSeen,
    Code::NeverSendable,
];

/// The sections whose items are nodes; a node's section is its index here
/// (persona rules are under `personas`).
const SECTIONS: [&str; 9] = [
    "injects",
    "messages",
    "variables",
    "expectations",
    "outcomes",
    "personas",
    "truths",
    "norms",
    "modules",
];

fn section(name: &str) -> Option<u8> {
    SECTIONS.iter().position(|s| *s == name).map(|i| i as u8)
}

struct Builder<'a> {
    s: &'a Scenario,
    nodes: Vec<Node>,
    /// (section, index in it; for persona rules persona * 10_000 + rule).
    index: HashMap<(u8, usize), usize>,
    by_id: HashMap<(u8, &'a str), usize>,
    edges: BTreeMap<(usize, usize), Vec<String>>,
    /// One node per persona rule, or one per persona.
    rules: bool,
    /// Paths inside a `Not(..)`: a condition under an odd number of them
    /// is labelled "not ..." (`Not(Sent(..))` must not read "sent").
    negated: Vec<String>,
}

impl<'a> Builder<'a> {
    fn node(&mut self, sec: u8, ix: usize, kind: NodeKind, id: String, at: Option<Pos>) {
        self.index.insert((sec, ix), self.nodes.len());
        self.nodes.push(Node {
            kind,
            id,
            at,
            dead: Vec::new(),
        });
    }

    fn edge(&mut self, from: Option<usize>, to: Option<usize>, label: String) {
        if let (Some(f), Some(t)) = (from, to) {
            let labels = self.edges.entry((f, t)).or_default();
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
    }

    fn id(&self, sec: u8, id: &str) -> Option<usize> {
        self.by_id.get(&(sec, id)).copied()
    }

    /// The node a path inside the file belongs to: `outcomes[2].when[0]`
    /// is outcome 2's, `personas[1].rules[3].on[0]` rule 3 of persona 1's.
    fn owner(&self, path: &str) -> Option<usize> {
        let (name, rest) = path.split_once('[')?;
        let (i, rest) = rest.split_once(']')?;
        let i: usize = i.parse().ok()?;
        let sec = section(name)?;
        if sec == 5 {
            let j = rest.strip_prefix(".rules[")?.split_once(']')?.0;
            return self
                .index
                .get(&(5, self.rule_key(i, j.parse().ok()?)))
                .copied();
        }
        self.index.get(&(sec, i)).copied()
    }

    /// The index key of rule `j` of persona `i`: the persona's own node
    /// when rules are folded into their persona.
    fn rule_key(&self, i: usize, j: usize) -> usize {
        if self.rules {
            i * 10_000 + j
        } else {
            i * 10_000
        }
    }

    fn ladder_var(&self) -> Option<usize> {
        self.id(2, &self.s.ladder.variable)
    }
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn op(o: Op) -> &'static str {
    match o {
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Ge => ">=",
        Op::Eq => "=",
        Op::Ne => "!=",
    }
}

impl<'a> Visit<'a> for Builder<'a> {
    fn reference(&mut self, kind: Kind, id: &'a str, path: &str) {
        let owner = self.owner(path);
        let msg = || self.id(1, id);
        let (from, to, label) = match kind {
            Kind::Message if path.contains(".reply.types[") => (owner, msg(), "reply"),
            Kind::Message if path.ends_with(".rule.to") => (msg(), owner, "arrives"),
            Kind::Message if path.contains(".rule.reply[") => (msg(), owner, "reply"),
            Kind::Message if path.ends_with(".rule.msg") => (msg(), owner, "rule"),
            Kind::Message if path.ends_with(".on[0]") => (msg(), owner, "received"),
            Kind::Inject if path.ends_with(".on[0]") => (self.id(0, id), owner, "fired"),
            Kind::Message if path.ends_with(".act.msg") => (owner, msg(), "sends"),
            Kind::Message if path.ends_with(".via.msg") => (owner, msg(), "spoofs"),
            Kind::Norm if path.contains(".breaks[") => (owner, self.id(7, id), "breaks"),
            _ => return,
        };
        self.edge(from, to, label.into());
    }

    fn cond(&mut self, c: &'a Cond, path: &str) {
        if let Cond::Not(_) = c {
            self.negated.push(format!("{path}[0]"));
            return;
        }
        let owner = self.owner(path);
        let nots = (self.negated.iter())
            .filter(|n| path.starts_with(n.as_str()))
            .count();
        let (from, label) = match c {
            Cond::Var(v, o, x) => (self.id(2, v), format!("{} {}", op(*o), num(*x))),
            Cond::RungAtLeast(r) => (self.ladder_var(), format!(">= {r}")),
            Cond::Sent { msg, by, .. } => (self.id(1, msg), by_team("sent", by)),
            Cond::Received { msg, by, .. } => (self.id(1, msg), by_team("received", by)),
            Cond::Fired(i) => (self.id(0, i), "fired".into()),
            Cond::Met(e) => (self.id(3, e), "met".into()),
            Cond::Missed(e) => (self.id(3, e), "missed".into()),
            Cond::Reached(o) => (self.id(4, o), "reached".into()),
            Cond::Truth(t) => (self.id(6, t), "truth".into()),
            Cond::NormBroken { norm, by } => (self.id(7, norm), by_team("broken", by)),
            Cond::ModuleEnded(m) => (self.id(8, m), "ended".into()),
            _ => return,
        };
        let label = if nots % 2 == 1 {
            format!("not {label}")
        } else {
            label
        };
        self.edge(from, owner, label);
    }

    fn effect(&mut self, e: &'a Effect, path: &str) {
        let owner = self.owner(path);
        let (var, label) = match e {
            Effect::Add(v, x) if *x >= 0.0 => (v, format!("+{}", num(*x))),
            Effect::Add(v, x) => (v, num(*x)),
            Effect::Set(v, x) => (v, format!("= {}", num(*x))),
            _ => return,
        };
        let to = self.id(2, var);
        self.edge(owner, to, label);
    }
}

fn by_team(what: &str, by: &Option<String>) -> String {
    match by {
        Some(t) => format!("{what} by {t}"),
        None => what.into(),
    }
}

/// The map of `s`, whose text is `source`. `warnings` are the checker's;
/// `tally`, when given, marks what no simulated run reached.
pub fn build(
    s: &Scenario,
    source: &str,
    file: &str,
    warnings: &[Diagnostic],
    tally: Option<&Tally>,
    rules: bool,
) -> Map {
    let spans = Spans::new(source);
    let at = |p: String| spans.span(&p).map(|(a, _)| a);
    let mut b = Builder {
        s,
        nodes: Vec::new(),
        index: HashMap::new(),
        by_id: HashMap::new(),
        edges: BTreeMap::new(),
        rules,
        negated: Vec::new(),
    };
    macro_rules! add {
        ($sec:literal, $name:literal, $items:expr, $kind:expr) => {
            for (i, x) in $items.iter().enumerate() {
                let kind = $kind(x);
                b.node(
                    $sec,
                    i,
                    kind,
                    x.id.clone(),
                    at(format!("{}[{i}].id", $name)),
                );
                b.by_id.insert(($sec, x.id.as_str()), b.nodes.len() - 1);
            }
        };
    }
    add!(0, "injects", s.injects, |_| NodeKind::Inject);
    add!(1, "messages", s.messages, |_| NodeKind::Message);
    add!(2, "variables", s.variables, |_| NodeKind::Variable);
    add!(3, "expectations", s.expectations, |_| NodeKind::Expectation);
    add!(4, "outcomes", s.outcomes, |o: &Outcome| NodeKind::Outcome(
        o.valence
    ));
    add!(6, "truths", s.truths, |_| NodeKind::Truth);
    add!(7, "norms", s.norms, |_| NodeKind::Norm);
    add!(8, "modules", s.modules, |_| NodeKind::Module);
    for (i, p) in s.personas.iter().enumerate() {
        if !rules {
            let path = format!("personas[{i}].id");
            b.node(5, i * 10_000, NodeKind::Persona, p.id.clone(), at(path));
            continue;
        }
        for (j, r) in p.rules.iter().enumerate() {
            let path = format!("personas[{i}].rules[{j}].id");
            b.node(
                5,
                i * 10_000 + j,
                NodeKind::Rule,
                format!("{}.{}", p.id, r.id),
                at(path),
            );
        }
    }
    walk(s, &mut b);
    mark_warnings(&mut b, &spans, warnings);
    let runs = tally.map_or(0, |t| t.runs);
    if let Some(t) = tally.filter(|t| t.runs > 0) {
        mark_never(&mut b, t);
    }
    prune(b, file, runs)
}

/// Each dead-end warning goes to the innermost node whose text holds it.
fn mark_warnings(b: &mut Builder, spans: &Spans, warnings: &[Diagnostic]) {
    let mut items: Vec<(Pos, Pos, usize)> = Vec::new();
    for (&(sec, ix), &n) in &b.index {
        let path = match sec {
            5 if b.rules => format!("personas[{}].rules[{}]", ix / 10_000, ix % 10_000),
            5 => format!("personas[{}]", ix / 10_000),
            _ => format!("{}[{ix}]", SECTIONS[sec as usize]),
        };
        if let Some((a, z)) = spans.span(&path) {
            items.push((a, z, n));
        }
    }
    for d in warnings.iter().filter(|d| DEAD_CODES.contains(&d.code)) {
        let Some(p) = d.start else { continue };
        let inner = (items.iter())
            .filter(|(a, z, _)| *a <= p && p < *z)
            .max_by_key(|(a, _, _)| *a);
        if let Some(&(_, _, n)) = inner {
            b.nodes[n]
                .dead
                .push(format!("{}: {}", d.code.as_str(), d.message));
        }
    }
}

fn mark_never(b: &mut Builder, t: &Tally) {
    let runs = t.runs;
    let s = b.s;
    let mut never = |sec: u8, ix: usize, what: String| {
        if let Some(&n) = b.index.get(&(sec, ix)) {
            b.nodes[n]
                .dead
                .push(format!("{what} in {runs} simulated runs"));
        }
    };
    for (i, c) in t.outcomes.iter().take(s.outcomes.len()).enumerate() {
        if *c == 0 {
            never(4, i, "never chosen".into());
        }
    }
    for (i, c) in t.injects_fired.iter().enumerate() {
        // Reserve injects wait for the facilitator, whom no run has.
        if *c == 0 && !matches!(s.injects[i].trigger, Trigger::Reserve) {
            never(0, i, "never fired".into());
        }
    }
    for (i, rules) in t.rules_chosen.iter().enumerate() {
        for (j, c) in rules.iter().enumerate() {
            if *c == 0 && b.rules {
                never(5, i * 10_000 + j, "never acted".into());
            } else if *c == 0 {
                let id = &s.personas[i].rules[j].id;
                never(5, i * 10_000, format!("rule `{id}` never acted"));
            }
        }
    }
}

/// Variables, truths, norms and modules nothing links are left out, and
/// norms no condition asks about (a broken norm that changes nothing),
/// unless they are dead ends (an unused variable is one worth seeing).
fn prune(b: Builder, file: &str, runs: u64) -> Map {
    let mut outgoing = vec![0usize; b.nodes.len()];
    let mut linked = vec![false; b.nodes.len()];
    for &(f, t) in b.edges.keys() {
        outgoing[f] += 1;
        linked[f] = true;
        linked[t] = true;
    }
    let keep: Vec<bool> = (b.nodes.iter().enumerate())
        .map(|(i, n)| match n.kind {
            _ if !n.dead.is_empty() => true,
            NodeKind::Norm => outgoing[i] > 0,
            NodeKind::Variable | NodeKind::Truth | NodeKind::Module => linked[i],
            _ => true,
        })
        .collect();
    let mut new_ix = vec![usize::MAX; b.nodes.len()];
    let mut nodes = Vec::new();
    for (i, n) in b.nodes.into_iter().enumerate() {
        if keep[i] {
            new_ix[i] = nodes.len();
            nodes.push(n);
        }
    }
    let edges = (b.edges.into_iter())
        .filter(|((f, t), _)| keep[*f] && keep[*t])
        .map(|((f, t), labels)| Edge {
            from: new_ix[f],
            to: new_ix[t],
            label: labels.join(", "),
        })
        .collect();
    Map {
        file: file.to_string(),
        nodes,
        edges,
        runs,
    }
}
