//! Writing a message: channel first, then the types it carries, then the
//! type's fields, then free text. Every missing or malformed field is
//! marked at once, by its label; the engine checks the rest, so the Send
//! button only enables for a message it would accept.

use bevy_egui::egui::{self, RichText};

use super::vm::{Draft, FieldVm, TeamVm, TypeVm};
use crate::app::i18n::tr;
use crate::app::{UiAction, theme};
use crate::scenario::{FieldKind, Lang};

/// What is wrong with one field of the draft, in words.
pub fn field_problem(f: &FieldVm, value: &str, lang: Lang) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return f.required.then(|| tr(lang, "required", "必填").to_string());
    }
    match &f.kind {
        FieldKind::Number if v.parse::<f64>().map(|x| !x.is_finite()).unwrap_or(true) => {
            Some(tr(lang, "a number, e.g. 3 or 0.5", "须为数字，如 3 或 0.5").to_string())
        }
        FieldKind::Choice(opts) if !opts.iter().any(|o| o == v) => {
            Some(tr(lang, "pick one from the list", "请从列表中选择").to_string())
        }
        _ => None,
    }
}

/// Every field of `ty` that stops the draft from going out: (label, why).
pub fn problems(ty: &TypeVm, draft: &Draft, lang: Lang) -> Vec<(String, String)> {
    ty.fields
        .iter()
        .filter_map(|f| {
            let v = draft.fields.get(&f.id).map_or("", String::as_str);
            field_problem(f, v, lang).map(|p| (f.label.clone(), p))
        })
        .collect()
}

pub fn compose_panel(ui: &mut egui::Ui, vm: &TeamVm, draft: &mut Draft) -> Vec<UiAction> {
    let lang = vm.lang;
    let mut out = Vec::new();
    if vm.ended {
        ui.label(tr(lang, "The exercise has ended.", "演练已结束。"));
        return out;
    }
    if let Some(r) = draft.reply_to {
        ui.horizontal(|ui| {
            ui.label(format!("{} #{r}", tr(lang, "Replying to", "答复")));
            if ui.small_button("✖").clicked() {
                draft.reply_to = None;
            }
        });
    }
    ui.label(RichText::new(tr(lang, "1. Channel", "1. 渠道")).strong());
    ui.horizontal_wrapped(|ui| {
        for c in &vm.compose {
            let on = draft.channel.as_deref() == Some(c.id.as_str());
            if ui
                .selectable_label(on, format!("{} {}", c.icon, c.name))
                .clicked()
                && !on
            {
                draft.channel = Some(c.id.clone());
                draft.msg = None;
                draft.fields.clear();
            }
        }
    });
    let Some(ch) = vm
        .compose
        .iter()
        .find(|c| Some(c.id.as_str()) == draft.channel.as_deref())
    else {
        return out;
    };
    ui.label(RichText::new(tr(lang, "2. Message type", "2. 消息类型")).strong());
    ui.horizontal_wrapped(|ui| {
        for t in &ch.types {
            let on = draft.msg.as_deref() == Some(t.id.as_str());
            if ui.selectable_label(on, &t.name).clicked() && !on {
                draft.msg = Some(t.id.clone());
                draft.fields.clear();
            }
        }
    });
    let Some(ty) = ch
        .types
        .iter()
        .find(|t| Some(t.id.as_str()) == draft.msg.as_deref())
    else {
        return out;
    };
    if ty.reply_only && draft.reply_to.is_none() {
        ui.label(
            RichText::new(tr(
                lang,
                "This counts only as the answer to an offer: open the offer in the inbox and press Reply. Sent on its own, it counts for nothing.",
                "此类消息只有作为对某项提议的答复才有效：请在收件箱中打开该提议并点击“答复”。单独发送不产生任何效果。",
            ))
            .color(theme::WARN),
        );
    }
    if !ty.fields.is_empty() {
        ui.label(RichText::new(tr(lang, "3. Details", "3. 要素")).strong());
        fields(ui, vm, ty, draft);
    }
    ui.label(RichText::new(tr(lang, "4. Text", "4. 正文")).strong());
    ui.add(
        egui::TextEdit::multiline(&mut draft.text)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    );
    let missing = problems(ty, draft, lang);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|(l, _)| l.as_str()).collect();
        ui.label(
            RichText::new(format!(
                "{} {}",
                tr(lang, "Before sending:", "发送前请补全："),
                names.join(tr(lang, ", ", "、"))
            ))
            .color(theme::WARN),
        );
    } else if let Some(e) = &vm.draft_error {
        ui.label(RichText::new(format!("⚠ {e}")).color(theme::BAD));
    }
    let action = draft.to_action(&vm.team_id);
    let ok = action.is_some() && missing.is_empty() && vm.draft_error.is_none();
    if ui
        .add_enabled(
            ok,
            egui::Button::new(RichText::new(tr(lang, "Send", "发送")).strong())
                .min_size(egui::vec2(96.0, 28.0)),
        )
        .clicked()
        && let Some(a) = action
    {
        out.push(UiAction::Submit(a));
        *draft = Draft::default();
    }
    out
}

/// The type's fields, each with its label, a hint of what it takes and,
/// when it stops the draft, why. Rows with a fixed label column rather than
/// a grid: a grid sizes itself over several frames and the controls slid
/// under the pointer.
fn fields(ui: &mut egui::Ui, vm: &TeamVm, ty: &TypeVm, draft: &mut Draft) {
    let lang = vm.lang;
    let label_w = 190.0;
    for f in &ty.fields {
        let v = draft.fields.entry(f.id.clone()).or_default();
        let problem = field_problem(f, v, lang);
        ui.horizontal(|ui| {
            let star = if f.required { " *" } else { "" };
            let label = RichText::new(format!("{}{star}", f.label));
            let label = if problem.is_some() {
                label.color(theme::WARN)
            } else {
                label
            };
            ui.allocate_ui_with_layout(
                egui::vec2(label_w, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(label_w);
                    ui.add(egui::Label::new(label).truncate())
                        .on_hover_text(&f.label);
                },
            );
            field_input(ui, vm, f, v);
            if let Some(p) = problem {
                ui.label(RichText::new(p).small().color(theme::WARN));
            }
        });
    }
}

fn field_input(ui: &mut egui::Ui, vm: &TeamVm, f: &FieldVm, v: &mut String) {
    let lang = vm.lang;
    match &f.kind {
        FieldKind::Choice(opts) => {
            let shown = if v.is_empty() {
                tr(lang, "choose…", "请选择……").to_string()
            } else {
                v.clone()
            };
            egui::ComboBox::from_id_salt(("field", &f.id))
                .width(260.0)
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for o in opts {
                        ui.selectable_value(v, o.clone(), o);
                    }
                });
        }
        FieldKind::Time => {
            ui.add(
                egui::TextEdit::singleline(v)
                    .desired_width(200.0)
                    .hint_text(tr(lang, "YYYY-MM-DD HH:MM UTC", "年-月-日 时:分 UTC")),
            );
            if ui
                .small_button(tr(lang, "now", "现在"))
                .on_hover_text(tr(lang, "The current exercise time", "当前演练时间"))
                .clicked()
            {
                *v = vm.utc_now.clone();
            }
        }
        FieldKind::Number => {
            ui.add(
                egui::TextEdit::singleline(v)
                    .desired_width(120.0)
                    .hint_text(tr(lang, "a number", "数字")),
            );
        }
        FieldKind::Text => {
            ui.add(egui::TextEdit::singleline(v).desired_width(260.0));
        }
    }
}
