//! The facilitator console: clock, reserve injects, custom injects,
//! variable overrides, notes and ending the exercise. Every change goes
//! through the journal like a team's message.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::UiAction;
use super::i18n::tr;
use crate::scenario::{Lang, Text};
use crate::sim::{Action, Audience, Engine, InjectState};

#[derive(Debug, Clone, PartialEq)]
pub struct FacilitatorVm {
    pub lang: Lang,
    pub now: u32,
    pub paused: bool,
    pub ended: bool,
    pub speed: u32,
    /// (id, title) of reserve injects not yet fired.
    pub reserves: Vec<(String, String)>,
    /// (id, name, value, min, max)
    pub vars: Vec<(String, String, f64, f64, f64)>,
    /// (team id, team name, persona playing it)
    pub teams: Vec<(String, String, Option<String>)>,
    /// Notes written so far: (minute, text).
    pub notes: Vec<(u32, String)>,
    pub pause_on_arrival: bool,
    /// Exercise minutes per real second at 1x.
    pub base_rate: u32,
    /// The hidden truth of this run (the teams do not know it).
    pub truth: Option<String>,
    /// "Module 2 of 3: title", when the scenario has modules.
    pub module: Option<String>,
}

impl FacilitatorVm {
    pub fn build(e: &Engine, lang: Lang, pause_on_arrival: bool) -> FacilitatorVm {
        let w = e.world();
        let s = &w.scenario;
        let st = e.state();
        FacilitatorVm {
            lang,
            now: e.now(),
            paused: st.paused,
            ended: e.ended(),
            speed: st.speed,
            reserves: s
                .injects
                .iter()
                .enumerate()
                .filter(|(i, inj)| {
                    matches!(inj.trigger, crate::scenario::Trigger::Reserve)
                        && st.injects[*i] == InjectState::Waiting
                })
                .map(|(_, inj)| (inj.id.clone(), inj.title.get(lang).to_string()))
                .collect(),
            vars: s
                .variables
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    (
                        v.id.clone(),
                        v.name.get(lang).to_string(),
                        st.vars[i],
                        v.min,
                        v.max,
                    )
                })
                .collect(),
            teams: s
                .teams
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        t.id.clone(),
                        t.name.get(lang).to_string(),
                        st.personas[i].map(|p| s.personas[p].name.get(lang).to_string()),
                    )
                })
                .collect(),
            notes: e
                .events()
                .iter()
                .filter_map(|ev| match ev.kind.action() {
                    Some(Action::Note(n)) => Some((ev.t, n.clone())),
                    _ => None,
                })
                .collect(),
            pause_on_arrival,
            base_rate: s.meta.clock_speed.max(1),
            truth: st.truth.map(|t| s.truths[t].name.get(lang).to_string()),
            module: (!s.modules.is_empty()).then(|| {
                let (i, n) = (st.module.min(s.modules.len() - 1), s.modules.len());
                let title = s.modules[i].title.get(lang);
                match lang {
                    Lang::Zh => format!("第{}单元（共{n}）：{title}", i + 1),
                    Lang::En => format!("Module {} of {n}: {title}", i + 1),
                }
            }),
        }
    }
}

/// Form state of the console.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct FacilitatorUi {
    /// None = both teams; Some(i) = team i.
    pub inject_to: Option<usize>,
    pub inject_title: String,
    pub inject_text: String,
    pub var: usize,
    /// The value being typed for `var`; None shows the current value.
    pub value: Option<f64>,
    pub note: String,
    pub confirm_end: bool,
    /// The reserve inject waiting for "Fire now?" to be confirmed.
    pub confirm_fire: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<FacilitatorUi>();
}

pub fn facilitator_panel(
    ui: &mut egui::Ui,
    vm: &FacilitatorVm,
    f: &mut FacilitatorUi,
) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    ui.heading(tr(lang, "Facilitator console", "导演控制台"));
    if vm.ended {
        ui.label(tr(lang, "The exercise has ended.", "演练已结束。"));
    }
    if let Some(m) = &vm.module {
        ui.label(m);
    }
    if let Some(t) = &vm.truth {
        ui.label(format!(
            "{} {t}",
            tr(
                lang,
                "What really happened (hidden from the teams):",
                "真实情况（对各队保密）："
            )
        ));
    }
    ui.horizontal(|ui| {
        let label = if vm.paused {
            tr(lang, "▶ Resume", "▶ 继续")
        } else {
            tr(lang, "⏸ Pause", "⏸ 暂停")
        };
        if ui
            .add_enabled(!vm.ended, egui::Button::new(label))
            .clicked()
        {
            out.push(UiAction::TogglePause);
        }
        if !vm.ended {
            super::topbar::speed_combo(ui, "fac_speed", vm.speed, vm.base_rate, lang, &mut out);
        }
    });
    let mut on = vm.pause_on_arrival;
    if ui
        .checkbox(
            &mut on,
            tr(
                lang,
                "Pause when something reaches a team",
                "有消息或情况送达任一方时暂停",
            ),
        )
        .changed()
    {
        out.push(UiAction::SetPauseOnArrival(on));
    }
    ui.separator();
    ui.strong(tr(lang, "Teams", "参演方"));
    for (i, (_, name, persona)) in vm.teams.iter().enumerate() {
        ui.horizontal(|ui| {
            let who = persona
                .clone()
                .unwrap_or_else(|| tr(lang, "people", "真人").to_string());
            ui.label(format!("{name}: {who}"));
            if ui
                .button(tr(lang, "Hand the screen to this team", "将屏幕交给该方"))
                .clicked()
            {
                out.push(UiAction::HandTo(Some(i)));
            }
        });
    }
    ui.separator();
    ui.strong(tr(lang, "Reserve injects", "备用注入"));
    if vm.reserves.is_empty() {
        ui.label(tr(lang, "none left", "已无备用注入"));
    }
    for (id, title) in &vm.reserves {
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!vm.ended, egui::Button::new(tr(lang, "Fire…", "发出……")))
                .clicked()
            {
                f.confirm_fire = Some(id.clone());
            }
            ui.label(title);
        });
    }
    confirm_fire(ui, vm, f, &mut out);
    ui.separator();
    custom_inject(ui, vm, f, &mut out);
    ui.separator();
    override_var(ui, vm, f, &mut out);
    ui.separator();
    ui.strong(tr(
        lang,
        "Notes (journalled, for the debrief)",
        "笔记（记入日志，供复盘）",
    ));
    for (t, n) in &vm.notes {
        ui.label(format!(
            "{}  {n}",
            crate::sim::describe::elapsed_words(*t, lang)
        ));
    }
    ui.add(
        egui::TextEdit::multiline(&mut f.note)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    if ui
        .add_enabled(
            !f.note.trim().is_empty(),
            egui::Button::new(tr(lang, "Add note", "添加笔记")),
        )
        .clicked()
    {
        out.push(UiAction::Submit(Action::Note(f.note.trim().to_string())));
        f.note.clear();
    }
    ui.separator();
    if !vm.ended {
        if f.confirm_end {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(tr(lang, "End the exercise now?", "确定立即结束演练？")).strong(),
                );
                if ui.button(tr(lang, "Yes, end it", "确定结束")).clicked() {
                    out.push(UiAction::Submit(Action::End));
                    f.confirm_end = false;
                }
                if ui.button(tr(lang, "Cancel", "取消")).clicked() {
                    f.confirm_end = false;
                }
            });
        } else if ui.button(tr(lang, "End exercise…", "结束演练……")).clicked() {
            f.confirm_end = true;
        }
    }
    out
}

fn custom_inject(
    ui: &mut egui::Ui,
    vm: &FacilitatorVm,
    f: &mut FacilitatorUi,
    out: &mut Vec<UiAction>,
) {
    let lang = vm.lang;
    ui.strong(tr(lang, "Custom inject", "自定义注入"));
    ui.horizontal(|ui| {
        ui.label(tr(lang, "To:", "发给："));
        ui.radio_value(&mut f.inject_to, None, tr(lang, "both teams", "双方"));
        for (i, (_, name, _)) in vm.teams.iter().enumerate() {
            ui.radio_value(&mut f.inject_to, Some(i), name);
        }
    });
    ui.add(egui::TextEdit::singleline(&mut f.inject_title).hint_text(tr(lang, "title", "标题")));
    ui.add(
        egui::TextEdit::multiline(&mut f.inject_text)
            .desired_rows(2)
            .hint_text(tr(lang, "text", "正文")),
    );
    let ok = !vm.ended && !f.inject_title.trim().is_empty();
    if ui
        .add_enabled(ok, egui::Button::new(tr(lang, "Send inject", "发出注入")))
        .clicked()
    {
        let to = match f.inject_to.and_then(|i| vm.teams.get(i)) {
            Some((id, _, _)) => Audience::Team(id.clone()),
            None => Audience::Teams,
        };
        // The facilitator writes in the interface language; the engine
        // shows the other side as a fallback.
        let text = |s: &str| match lang {
            Lang::En => Text {
                en: s.trim().to_string(),
                zh: String::new(),
            },
            Lang::Zh => Text {
                en: String::new(),
                zh: s.trim().to_string(),
            },
        };
        out.push(UiAction::Submit(Action::CustomInject {
            to,
            title: text(&f.inject_title),
            text: text(&f.inject_text),
        }));
        f.inject_title.clear();
        f.inject_text.clear();
    }
}

fn override_var(
    ui: &mut egui::Ui,
    vm: &FacilitatorVm,
    f: &mut FacilitatorUi,
    out: &mut Vec<UiAction>,
) {
    let lang = vm.lang;
    ui.strong(tr(
        lang,
        "Variables (overrides are logged)",
        "变量（修改会记入日志）",
    ));
    egui::Grid::new("vars").num_columns(2).show(ui, |ui| {
        for (_, name, v, _, _) in &vm.vars {
            ui.label(name);
            ui.label(format!("{v:.0}"));
            ui.end_row();
        }
    });
    let Some((id, name, current, min, max)) =
        vm.vars.get(f.var.min(vm.vars.len().saturating_sub(1)))
    else {
        return;
    };
    ui.horizontal(|ui| {
        let before = f.var;
        egui::ComboBox::from_id_salt("override_var")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for (i, (_, n, _, _, _)) in vm.vars.iter().enumerate() {
                    ui.selectable_value(&mut f.var, i, n);
                }
            });
        if f.var != before {
            // Another variable: start again from its own value.
            f.value = None;
            return;
        }
        let value = f.value.get_or_insert(*current);
        ui.add(egui::DragValue::new(value).range(*min..=*max));
        let value = *value;
        if ui
            .add_enabled(!vm.ended, egui::Button::new(tr(lang, "Set", "设定")))
            .clicked()
        {
            out.push(UiAction::Submit(Action::Override {
                var: id.clone(),
                value,
            }));
            f.value = None;
        }
    });
}

/// "Fire this inject now?" in a modal: the list under the pointer may
/// shrink once it fires, so the second click must land on a button that
/// only this question shows.
fn confirm_fire(ui: &egui::Ui, vm: &FacilitatorVm, f: &mut FacilitatorUi, out: &mut Vec<UiAction>) {
    let lang = vm.lang;
    let Some(id) = f.confirm_fire.clone() else {
        return;
    };
    let Some((_, title)) = vm.reserves.iter().find(|(i, _)| *i == id) else {
        f.confirm_fire = None;
        return;
    };
    let r = egui::Modal::new(egui::Id::new("confirm_fire")).show(ui.ctx(), |ui| {
        ui.set_width(380.0);
        ui.heading(tr(lang, "Fire this inject now?", "现在发出此注入？"));
        ui.label(RichText::new(title).strong());
        ui.label(tr(
            lang,
            "It reaches its audience at once and cannot be taken back.",
            "注入将立即送达相关方，且无法撤回。",
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "Fire now", "立即发出")).clicked() {
                out.push(UiAction::Submit(Action::FireInject(id.clone())));
                f.confirm_fire = None;
            }
            if ui.button(tr(lang, "Cancel", "取消")).clicked() {
                f.confirm_fire = None;
            }
        });
    });
    if r.should_close() {
        f.confirm_fire = None;
    }
}
