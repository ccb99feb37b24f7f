use super::*;
use crate::scenario::diag::Code;
use crate::scenario::load_str;
use crate::sim::montecarlo::Tally;

const MINIMAL: &str = include_str!("../../tests/fixtures/valid/minimal.ron");

fn map_of(src: &str, warnings: &[Diagnostic], tally: Option<&Tally>, rules: bool) -> Map {
    let loaded = load_str(Path::new("minimal.ron"), src).expect("the fixture loads");
    build(&loaded.scenario, src, "minimal.ron", warnings, tally, rules)
}

fn link(m: &Map, from: &str, to: &str) -> Option<String> {
    let (f, t) = (m.find(from)?, m.find(to)?);
    (m.edges.iter())
        .find(|e| e.from == f && e.to == t)
        .map(|e| e.label.clone())
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .expect("in the fixture")
        + 1
}

#[test]
fn a_message_is_linked_to_the_variables_its_effects_move() {
    let m = map_of(MINIMAL, &[], None, false);
    assert_eq!(link(&m, "notify", "tension").as_deref(), Some("-5"));
    assert_eq!(link(&m, "blame", "tension").as_deref(), Some("+30"));
    assert_eq!(link(&m, "incident", "tension").as_deref(), Some("+10"));
}

#[test]
fn a_condition_links_what_it_asks_about_to_its_outcome() {
    let m = map_of(MINIMAL, &[], None, false);
    assert_eq!(
        link(&m, "ack_notify", "cooperation").as_deref(),
        Some("met")
    );
    assert_eq!(
        link(&m, "notify", "cooperation").as_deref(),
        Some("sent by dhs")
    );
    assert_eq!(
        link(&m, "b", "blame_game").as_deref(),
        Some("broken by dhs")
    );
    assert_eq!(link(&m, "blame", "b").as_deref(), Some("breaks"));
    // The ladder's rungs are the ladder variable's values.
    assert_eq!(link(&m, "tension", "blame_game").as_deref(), Some(">= L2"));
}

#[test]
fn a_negated_condition_is_labelled_as_negated() {
    let src = MINIMAL.replace(
        "when: Var(\"tension\", Lt, 40), act: Authenticate",
        "when: Not(Any([Var(\"tension\", Ge, 40), Not(Fired(\"incident\"))])), act: Authenticate",
    );
    assert_ne!(src, MINIMAL);
    let m = map_of(&src, &[], None, true);
    assert_eq!(
        link(&m, "tension", "cac_duty.ack_it").as_deref(),
        Some("not >= 40")
    );
    // Twice negated is plain again.
    assert_eq!(
        link(&m, "incident", "cac_duty.ack_it").as_deref(),
        Some("fired")
    );
}

#[test]
fn an_unused_variable_stays_on_the_map_as_a_dead_end() {
    let src = MINIMAL.replacen(
        "variables: [",
        "variables: [(id: \"spare\", name: (en: \"Spare\", zh: \"备用\"), min: 0, max: 10, initial: 0),",
        1,
    );
    assert_ne!(src, MINIMAL);
    let line = line_of(&src, "id: \"spare\"");
    let mut d = Diagnostic::new(Code::Unused, "minimal.ron", "never used");
    d.start = Some(Pos { line, col: 20 });
    let m = map_of(&src, &[d], None, false);
    let n = m.find("spare").expect("kept");
    assert_eq!(m.nodes[n].dead, ["HL0310: never used"]);
}

#[test]
fn around_follows_a_node_that_is_both_cause_and_effect_both_ways() {
    // ack answers notify and, here, is answered by notify: it comes both
    // before and after notify, and its own effects are two links on.
    let src = MINIMAL.replacen(
        "role: Acknowledge,",
        "role: Acknowledge,\n            reply: (types: [\"notify\"], within: \"2h\"),",
        1,
    );
    assert_ne!(src, MINIMAL);
    let m = map_of(&src, &[], None, false);
    let notify = m.find("notify").unwrap();
    assert!(link(&m, "ack", "notify").is_some() && link(&m, "notify", "ack").is_some());
    let (part, _) = m.around(notify, 2);
    assert!(link(&part, "ack", "ack_notify").is_some());
    // Any depth ends, two links back reaching what set off notify's sender.
    let (deep, _) = m.around(notify, usize::MAX);
    assert!(link(&deep, "incident", "dhs_duty").is_some());
}

#[test]
fn replies_and_expectations_are_linked_to_their_message_types() {
    let m = map_of(MINIMAL, &[], None, false);
    assert_eq!(link(&m, "notify", "ack").as_deref(), Some("reply"));
    assert_eq!(link(&m, "notify", "ack_notify").as_deref(), Some("arrives"));
    assert_eq!(link(&m, "ack", "ack_notify").as_deref(), Some("reply"));
    assert_eq!(
        link(&m, "incident", "notify_early").as_deref(),
        Some("fired")
    );
}

#[test]
fn a_persona_rule_is_linked_from_its_stimulus_and_to_what_it_sends() {
    let m = map_of(MINIMAL, &[], None, true);
    assert_eq!(
        link(&m, "incident", "dhs_duty.tell").as_deref(),
        Some("fired")
    );
    assert_eq!(
        link(&m, "dhs_duty.tell", "notify").as_deref(),
        Some("sends")
    );
    assert_eq!(
        link(&m, "notify", "cac_duty.ack_it").as_deref(),
        Some("received")
    );
    assert_eq!(link(&m, "cac_duty.ack_it", "ack").as_deref(), Some("sends"));
    // Folded, the persona carries its rules' links.
    let folded = map_of(MINIMAL, &[], None, false);
    assert_eq!(
        link(&folded, "dhs_duty", "notify").as_deref(),
        Some("sends")
    );
    assert!(folded.find("dhs_duty.tell").is_none());
}

#[test]
fn a_node_is_looked_up_by_id_or_by_kind_and_id() {
    // A persona named like a message type: `kind:id` tells them apart.
    let src = MINIMAL.replacen("id: \"dhs_duty\"", "id: \"notify\"", 1);
    assert_ne!(src, MINIMAL);
    let m = map_of(&src, &[], None, false);
    let msg = m.lookup("message:notify").unwrap();
    let persona = m.lookup("persona:notify").unwrap();
    assert_eq!(m.nodes[msg].kind, NodeKind::Message);
    assert_eq!(m.nodes[persona].kind, NodeKind::Persona);
    assert_eq!(m.lookup("notify"), Some(msg), "a bare id is the first");
    assert_eq!(m.lookup("outcome:cooperation"), m.find("cooperation"));
    assert_eq!(m.lookup("inject:cooperation"), None);
}

#[test]
fn every_node_says_where_it_is_declared() {
    let m = map_of(MINIMAL, &[], None, true);
    let n = &m.nodes[m.find("fake_mail").unwrap()];
    assert_eq!(n.kind, NodeKind::Inject);
    assert_eq!(n.at.unwrap().line, line_of(MINIMAL, "id: \"fake_mail\""));
    let r = &m.nodes[m.find("dhs_duty.tell").unwrap()];
    assert_eq!(r.at.unwrap().line, line_of(MINIMAL, "id: \"tell\""));
}

fn tally(runs: u64) -> Tally {
    Tally {
        runs,
        // blame_game, cooperation, unresolved, no outcome
        outcomes: vec![0, 6, 4, 0],
        // incident, fake_mail, leak (Reserve)
        injects_fired: vec![10, 0, 0],
        // cac_duty: ack_it (+ more), dhs_duty: tell, ping
        rules_chosen: vec![vec![5; 8], vec![10, 0]],
        ..Tally::default()
    }
}

#[test]
fn what_no_simulated_run_reached_is_a_dead_end() {
    let t = tally(10);
    let m = map_of(MINIMAL, &[], Some(&t), true);
    let dead = |id: &str| m.nodes[m.find(id).unwrap()].dead.clone();
    assert_eq!(dead("blame_game"), ["never chosen in 10 simulated runs"]);
    assert_eq!(dead("fake_mail"), ["never fired in 10 simulated runs"]);
    assert_eq!(dead("dhs_duty.ping"), ["never acted in 10 simulated runs"]);
    assert!(dead("cooperation").is_empty());
    assert!(dead("dhs_duty.tell").is_empty());
    // The facilitator fires a Reserve inject; no run has a facilitator.
    assert!(dead("leak").is_empty());
    let folded = map_of(MINIMAL, &[], Some(&t), false);
    let n = &folded.nodes[folded.find("dhs_duty").unwrap()];
    assert_eq!(n.dead, ["rule `ping` never acted in 10 simulated runs"]);
}

#[test]
fn a_checker_warning_that_something_never_happens_marks_the_node_it_is_in() {
    let line = line_of(MINIMAL, "via: Spoof(");
    let mut d = Diagnostic::new(Code::InjectNeverSeen, "minimal.ron", "never seen");
    d.start = Some(Pos { line, col: 13 });
    let mut style = Diagnostic::new(Code::MissingTranslation, "minimal.ron", "no zh");
    style.start = Some(Pos { line, col: 13 });
    let m = map_of(MINIMAL, &[d, style], None, true);
    let n = &m.nodes[m.find("fake_mail").unwrap()];
    assert_eq!(n.dead, ["HL0613: never seen"]);
    assert_eq!(m.dead_ends().count(), 1);
}

#[test]
fn around_a_node_keeps_only_links_that_pass_through_it() {
    let m = map_of(MINIMAL, &[], None, false);
    let (part, orig) = m.around(m.find("ack_notify").unwrap(), 1);
    let ids: Vec<&str> = part.nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(ids.contains(&"notify") && ids.contains(&"ack") && ids.contains(&"cooperation"));
    assert!(!ids.contains(&"blame_game"), "{ids:?}");
    let centre = part.find("ack_notify").unwrap();
    assert!(
        part.edges
            .iter()
            .all(|e| e.from == centre || e.to == centre)
    );
    assert_eq!(m.nodes[orig[centre]].id, "ack_notify");
}

#[test]
fn the_layout_draws_each_node_and_link_once_and_finds_a_node_by_a_point_in_it() {
    let m = map_of(MINIMAL, &[], None, true);
    let d = layout(&m).expect("lays out");
    let boxes: Vec<_> = (d.shapes.iter())
        .filter_map(|s| match s {
            Shape::Node { node, min, size } => Some((*node, *min, *size)),
            _ => None,
        })
        .collect();
    let mut seen: Vec<usize> = boxes.iter().map(|b| b.0).collect();
    seen.sort();
    assert_eq!(seen, (0..m.nodes.len()).collect::<Vec<_>>());
    let links = d
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Edge { .. }))
        .count();
    assert_eq!(links, m.edges.len());
    let (node, min, size) = boxes[3];
    assert_eq!(
        d.node_at([min[0] + size[0] / 2.0, min[1] + size[1] / 2.0]),
        Some(node)
    );
    assert_eq!(d.node_at([-50.0, -50.0]), None);
    assert!(d.size[0] >= min[0] + size[0] && d.size[1] >= min[1] + size[1]);
}

#[test]
fn the_svg_outlines_dead_ends_and_names_each_node_s_line() {
    let m = map_of(MINIMAL, &[], Some(&tally(10)), true);
    let svg = svg(&m, &layout(&m).unwrap());
    assert_eq!(
        svg.matches("class=\"node dead\"").count(),
        m.dead_ends().count()
    );
    let line = line_of(MINIMAL, "id: \"fake_mail\"");
    assert!(svg.contains(&format!("minimal.ron:{line}:")), "no position");
    assert!(svg.contains("never fired in 10 simulated runs"));
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
}

#[test]
fn the_dot_text_is_read_back_by_a_dot_parser_with_every_node_and_link() {
    let m = map_of(MINIMAL, &[], None, true);
    let text = dot(&m);
    let mut parser = ::layout::gv::DotParser::new(&text);
    assert!(parser.process().is_ok(), "{text}");
    assert_eq!(text.matches(" -> ").count(), m.edges.len());
    assert_eq!(text.matches("fillcolor=").count(), m.nodes.len());
}

#[test]
fn every_bundled_scenario_maps_and_lays_out_whole() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let files = crate::sim::open::ron_files(Path::new(dir));
    assert!(files.len() >= 3);
    for f in files {
        let opts = Options {
            runs: 20,
            seed: 1,
            threads: 1,
            rules: false,
        };
        let m = from_file(&f, &opts).expect("bundled scenarios load");
        assert!(
            m.edges.len() > 50,
            "{}: {} links",
            f.display(),
            m.edges.len()
        );
        let d = layout(&m).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            d.shapes
                .iter()
                .filter(|s| matches!(s, Shape::Node { .. }))
                .count(),
            m.nodes.len()
        );
    }
}
