//! The scenario map for authors: one node's causes and effects laid out
//! (a whole scenario is too dense to read), its file position, and every
//! dead end one click away. The same map and layout as `hotline graph`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use std::path::{Path, PathBuf};

use super::i18n::tr;
use super::{Launch, Screen, UiAction, UiState};
use crate::map::{self, Drawing, Map, NodeKind, Shape};
use crate::scenario::Lang;

/// Simulated runs behind the "never happened" marks: enough to reach any
/// rule a persona takes more than about 1% of the time.
const RUNS: u64 = 300;

/// What the map screen shows.
pub struct MapVm {
    pub path: PathBuf,
    pub map: Map,
    /// The node looked at (index into `map`), its neighbourhood and the
    /// neighbourhood's layout; `orig` maps the part's nodes to `map`'s.
    pub selected: usize,
    pub part: Map,
    pub orig: Vec<usize>,
    pub drawing: Result<Drawing, String>,
    pub rules: bool,
}

impl MapVm {
    /// Maps the file; None with the diagnostics' text when it does not load.
    pub fn open(
        path: &Path,
        rules: bool,
        keep: Option<&(NodeKind, String)>,
    ) -> Result<MapVm, String> {
        let threads = crate::platform::threads();
        let opts = map::Options {
            runs: RUNS,
            seed: 1,
            threads,
            rules,
        };
        let m = map::from_file(path, &opts).map_err(|d| super::library::render_all(&d, None))?;
        // Reopened, the same node stays in view; else the first dead end,
        // else the first outcome: where an author's question usually is.
        let first = (keep.and_then(|(kind, id)| m.find_kind(*kind, id)))
            .or_else(|| m.nodes.iter().position(|n| !n.dead.is_empty()))
            .or_else(|| (m.nodes.iter()).position(|n| matches!(n.kind, NodeKind::Outcome(_))))
            .unwrap_or(0);
        let mut vm = MapVm {
            path: path.to_path_buf(),
            map: m,
            selected: 0,
            part: Map::default(),
            orig: Vec::new(),
            drawing: Ok(Drawing::default()),
            rules,
        };
        vm.select(first);
        Ok(vm)
    }

    /// The node looked at, as kind and id (ids are unique within a kind).
    pub fn looked_at(&self) -> (NodeKind, String) {
        let n = &self.map.nodes[self.selected];
        (n.kind, n.id.clone())
    }

    pub fn select(&mut self, node: usize) {
        if node >= self.map.nodes.len() {
            return;
        }
        self.selected = node;
        let (part, orig) = self.map.around(node, 1);
        self.drawing = map::layout(&part);
        self.part = part;
        self.orig = orig;
    }
}

#[derive(Resource, Default)]
pub struct MapScreen(pub Option<MapVm>);

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<MapScreen>()
        .add_systems(Startup, open_from_launch)
        .add_systems(Update, apply_map_actions)
        .add_systems(EguiPrimaryContextPass, map_ui.run_if(in_state(Screen::Map)));
}

/// `hotline play FILE --screen map` opens straight on the file's map.
fn open_from_launch(launch: Res<Launch>, mut out: MessageWriter<UiAction>) {
    if let (Some(Screen::Map), Some(p)) = (launch.screen, &launch.scenario) {
        out.write(UiAction::ShowMap(p.clone()));
    }
}

fn apply_map_actions(
    mut actions: MessageReader<UiAction>,
    mut screen: ResMut<MapScreen>,
    mut ui: ResMut<UiState>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        match (a, screen.0.as_mut()) {
            (UiAction::ShowMap(p), current) => {
                let same = current.filter(|vm| vm.path == *p);
                let rules = same.as_ref().is_some_and(|vm| vm.rules);
                let keep = same.map(|vm| vm.looked_at());
                match MapVm::open(p, rules, keep.as_ref()) {
                    Ok(vm) => {
                        screen.0 = Some(vm);
                        next.set(Screen::Map);
                    }
                    Err(e) => ui.toast = Some(e),
                }
            }
            (UiAction::MapSelect(n), Some(vm)) => vm.select(*n),
            (UiAction::MapRules(r), Some(vm)) => {
                let keep = vm.looked_at();
                match MapVm::open(&vm.path.clone(), *r, Some(&keep)) {
                    Ok(new) => *vm = new,
                    Err(e) => ui.toast = Some(e),
                }
            }
            _ => {}
        }
    }
}

fn map_ui(
    mut contexts: EguiContexts,
    ui_state: Res<UiState>,
    screen: Res<MapScreen>,
    mut out: MessageWriter<UiAction>,
) {
    let Some(ctx) = super::ctx(&mut contexts) else {
        return;
    };
    let mut root = super::root_ui(&ctx);
    let lang = ui_state.lang;
    // `play --resume J --screen map` names no scenario file: nothing to
    // map, but never a blank window without a way out.
    let Some(vm) = screen.0.as_ref() else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.label(tr(lang, "No scenario map is open.", "未打开情景图。"));
            if ui
                .button(tr(lang, "Back to the library", "返回情景库"))
                .clicked()
            {
                out.write(UiAction::Goto(Screen::Library));
            }
        });
        return;
    };
    let actions = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            map_panel(ui, vm, ui_state.toast.as_deref(), lang)
        })
        .inner;
    out.write_batch(actions);
}

fn color(rgb: u32) -> egui::Color32 {
    egui::Color32::from_rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

/// The map screen: the node looked at and its links on the left, dead ends
/// below them, the laid-out neighbourhood in the rest. Clicking a node
/// anywhere looks at it.
pub fn map_panel(ui: &mut egui::Ui, vm: &MapVm, toast: Option<&str>, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    let m = &vm.map;
    egui::Panel::left("map_side")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui
                    .button(tr(lang, "Back to the library", "返回情景库"))
                    .clicked()
                {
                    out.push(UiAction::Goto(Screen::Library));
                }
                if ui.button(tr(lang, "Reload", "重新载入")).clicked() {
                    out.push(UiAction::ShowMap(vm.path.clone()));
                }
                let mut rules = vm.rules;
                if ui
                    .checkbox(&mut rules, tr(lang, "Persona rules", "角色规则"))
                    .on_hover_text(tr(
                        lang,
                        "One node per rule instead of per persona",
                        "每条规则一个节点，而非每个角色一个",
                    ))
                    .changed()
                {
                    out.push(UiAction::MapRules(rules));
                }
            });
            if let Some(t) = toast {
                ui.colored_label(egui::Color32::LIGHT_RED, t);
            }
            ui.heading(tr(lang, "Scenario map", "情景图"));
            ui.label(format!(
                "{} · {} {} · {} {}",
                m.file,
                m.nodes.len(),
                tr(lang, "nodes", "节点"),
                m.edges.len(),
                tr(lang, "links", "连线")
            ));
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| side(ui, vm, lang, &mut out));
        });
    egui::CentralPanel::default().show(ui, |ui| match &vm.drawing {
        Ok(d) => {
            egui::ScrollArea::both().show(ui, |ui| {
                if let Some(n) = paint(ui, vm, d) {
                    out.push(UiAction::MapSelect(n));
                }
            });
        }
        Err(e) => {
            ui.colored_label(egui::Color32::LIGHT_RED, e);
        }
    });
    out
}

fn side(ui: &mut egui::Ui, vm: &MapVm, lang: Lang, out: &mut Vec<UiAction>) {
    let m = &vm.map;
    let n = &m.nodes[vm.selected];
    ui.label(egui::RichText::new(n.kind.name()).small());
    ui.heading(&n.id);
    ui.horizontal(|ui| {
        ui.monospace(m.place(n));
        if ui.small_button(tr(lang, "Open file", "打开文件")).clicked() {
            out.push(UiAction::Open(vm.path.clone()));
        }
    });
    for d in &n.dead {
        ui.colored_label(color(map::DEAD_RGB).gamma_multiply(1.4), format!("⚠ {d}"));
    }
    let mut links = |title: &str, incoming: bool| {
        let list: Vec<_> = (m.edges.iter())
            .filter(|e| {
                if incoming {
                    e.to == vm.selected
                } else {
                    e.from == vm.selected
                }
            })
            .collect();
        if list.is_empty() {
            return;
        }
        ui.add_space(6.0);
        ui.strong(title);
        for e in list {
            let other = if incoming { e.from } else { e.to };
            let o = &m.nodes[other];
            if ui
                .link(format!("{} {} — {}", o.kind.name(), o.id, e.label))
                .clicked()
            {
                out.push(UiAction::MapSelect(other));
            }
        }
    };
    links(tr(lang, "Comes from", "来自"), true);
    links(tr(lang, "Leads to", "导致"), false);
    ui.add_space(8.0);
    ui.separator();
    let dead: Vec<usize> = (0..m.nodes.len())
        .filter(|&i| !m.nodes[i].dead.is_empty())
        .collect();
    ui.strong(format!(
        "{} ({})",
        tr(lang, "Dead ends", "死角"),
        dead.len()
    ));
    if m.runs > 0 {
        ui.label(
            egui::RichText::new(format!(
                "{} {} {}",
                tr(lang, "Checker warnings and", "检查器警告及"),
                m.runs,
                tr(lang, "simulated runs", "次模拟运行")
            ))
            .small(),
        );
    }
    for i in dead {
        let d = &m.nodes[i];
        if ui
            .link(format!("{} {}", d.kind.name(), d.id))
            .on_hover_text(m.tip(d))
            .clicked()
        {
            out.push(UiAction::MapSelect(i));
        }
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(tr(lang, "Every node", "全部节点")).show(ui, |ui| {
        for (i, x) in m.nodes.iter().enumerate() {
            if ui
                .selectable_label(i == vm.selected, format!("{} {}", x.kind.name(), x.id))
                .clicked()
            {
                out.push(UiAction::MapSelect(i));
            }
        }
    });
}

/// Paints the drawing; returns the node (index into the whole map) that
/// was clicked.
fn paint(ui: &mut egui::Ui, vm: &MapVm, d: &Drawing) -> Option<usize> {
    let size = egui::vec2(d.size[0] + 20.0, d.size[1] + 20.0);
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
    let o = rect.min + egui::vec2(10.0, 10.0);
    let at = |p: [f32; 2]| o + egui::vec2(p[0], p[1]);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, egui::Color32::from_gray(250));
    let ink = egui::Color32::from_gray(70);
    let font = egui::FontId::proportional(12.0);
    let small = egui::FontId::proportional(10.0);
    for s in &d.shapes {
        if let Shape::Edge {
            edge,
            segments,
            backward,
        } = s
        {
            for seg in segments {
                let pts = seg.map(at);
                painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
                    pts,
                    false,
                    egui::Color32::TRANSPARENT,
                    egui::Stroke::new(1.2, ink),
                ));
            }
            let (tip, from) = if *backward {
                let s = segments[0];
                (at(s[0]), at(s[1]))
            } else {
                let s = segments[segments.len() - 1];
                (at(s[3]), at(s[2]))
            };
            let dir = (tip - from).normalized();
            let side = egui::vec2(-dir.y, dir.x) * 4.0;
            painter.add(egui::Shape::convex_polygon(
                vec![tip, tip - dir * 10.0 + side, tip - dir * 10.0 - side],
                ink,
                egui::Stroke::NONE,
            ));
            let label = &vm.part.edges[*edge].label;
            painter.text(
                at(map::label_point(segments, *backward)),
                egui::Align2::CENTER_CENTER,
                label,
                small.clone(),
                egui::Color32::from_gray(40),
            );
        }
    }
    let selected = vm.orig.iter().position(|&i| i == vm.selected);
    for s in &d.shapes {
        if let Shape::Node { node, min, size } = s {
            let n = &vm.part.nodes[*node];
            let r = egui::Rect::from_min_size(at(*min), egui::vec2(size[0], size[1]));
            let stroke = if !n.dead.is_empty() {
                egui::Stroke::new(3.5, color(map::DEAD_RGB))
            } else {
                egui::Stroke::new(1.0, egui::Color32::from_gray(60))
            };
            painter.rect(
                r,
                6.0,
                color(map::fill(n.kind)),
                stroke,
                egui::StrokeKind::Inside,
            );
            // The node looked at is ringed outside, so a dead end's red
            // outline still shows.
            if Some(*node) == selected {
                let ring = egui::Stroke::new(3.0, egui::Color32::from_rgb(30, 90, 220));
                painter.rect_stroke(r.expand(3.0), 8.0, ring, egui::StrokeKind::Outside);
            }
            painter.text(
                r.center() - egui::vec2(0.0, 8.0),
                egui::Align2::CENTER_CENTER,
                n.kind.name(),
                small.clone(),
                egui::Color32::from_gray(60),
            );
            painter.text(
                r.center() + egui::vec2(0.0, 6.0),
                egui::Align2::CENTER_CENTER,
                &n.id,
                font.clone(),
                egui::Color32::BLACK,
            );
        }
    }
    let p = resp.interact_pointer_pos().filter(|_| resp.clicked())?;
    let local = p - o;
    d.node_at([local.x, local.y]).map(|n| vm.orig[n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::panel_tests::{click, find_text, frame};

    fn wrong_target(rules: bool) -> MapVm {
        let p = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");
        MapVm::open(Path::new(p), rules, None).expect("maps")
    }

    #[test]
    fn the_map_opens_on_a_dead_end_and_shows_its_file_position_and_why() {
        let vm = wrong_target(false);
        let n = &vm.map.nodes[vm.selected];
        assert!(!n.dead.is_empty(), "opens on a dead end when there is one");
        let ctx = egui::Context::default();
        crate::app::fonts::install(&ctx);
        let shapes = frame(&ctx, vec![], |ui| {
            map_panel(ui, &vm, None, Lang::En);
        });
        let at = n.at.expect("declared");
        assert!(vm.map.file.ends_with("scenarios/wrong-target.ron"));
        let shown = format!("{}:{}:{}", vm.map.file, at.line, at.col);
        assert!(find_text(&shapes, &shown).is_some(), "{shown} not shown");
        assert!(find_text(&shapes, &format!("⚠ {}", n.dead[0])).is_some());
    }

    #[test]
    fn clicking_a_node_in_the_drawing_looks_at_that_node() {
        let vm = wrong_target(false);
        // A neighbour of the node looked at, drawn in the layout.
        let other = vm
            .orig
            .iter()
            .copied()
            .find(|&i| i != vm.selected)
            .expect("a neighbour");
        let id = vm.map.nodes[other].id.clone();
        let out = click(|ui| map_panel(ui, &vm, None, Lang::En), &id);
        assert!(out.contains(&UiAction::MapSelect(other)), "{out:?}");
    }

    #[test]
    fn selecting_a_node_lays_out_its_causes_and_effects_only() {
        let mut vm = wrong_target(false);
        let outcome = (vm.map.nodes.iter())
            .position(|n| matches!(n.kind, NodeKind::Outcome(_)))
            .unwrap();
        vm.select(outcome);
        assert_eq!(vm.selected, outcome);
        assert!(vm.orig.contains(&outcome));
        let linked = (vm.map.edges.iter())
            .filter(|e| e.from == outcome || e.to == outcome)
            .count();
        assert_eq!(vm.part.edges.len(), linked);
        let d = vm.drawing.as_ref().unwrap();
        assert_eq!(
            d.shapes
                .iter()
                .filter(|s| matches!(s, Shape::Node { .. }))
                .count(),
            vm.part.nodes.len()
        );
    }

    #[test]
    fn the_persona_rules_box_asks_for_one_node_per_rule() {
        let vm = wrong_target(false);
        let out = click(|ui| map_panel(ui, &vm, None, Lang::En), "Persona rules");
        assert_eq!(out, vec![UiAction::MapRules(true)]);
        let rules = wrong_target(true);
        assert!(rules.map.nodes.len() > vm.map.nodes.len());
        assert!(rules.map.nodes.iter().any(|n| n.kind == NodeKind::Rule));
    }

    #[test]
    fn a_scenario_that_does_not_load_gives_its_errors_not_a_map() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("bad.ron");
        std::fs::write(&f, "(\n  meta: 3,\n)\n").unwrap();
        let e = MapVm::open(&f, false, None).err().expect("does not load");
        assert!(e.contains("bad.ron:2"), "{e}");
    }
}
