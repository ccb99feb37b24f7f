//! Writing a message: channel first, then the types it carries, then the
//! type's fields, then free text. The engine checks the draft as it is
//! written, so the Send button only enables for a message it would accept.

use bevy_egui::egui::{self, Color32, RichText};

use super::vm::{Draft, TeamVm};
use crate::app::UiAction;
use crate::app::i18n::tr;
use crate::scenario::FieldKind;

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
    ui.label(tr(lang, "1. Channel", "1. 渠道"));
    ui.horizontal_wrapped(|ui| {
        for c in &vm.compose {
            let on = draft.channel.as_deref() == Some(c.id.as_str());
            if ui.selectable_label(on, &c.name).clicked() && !on {
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
    ui.label(tr(lang, "2. Message type", "2. 消息类型"));
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
    if !ty.fields.is_empty() {
        ui.label(tr(lang, "3. Required details", "3. 必填要素"));
        egui::Grid::new("compose_fields")
            .num_columns(2)
            .show(ui, |ui| {
                for f in &ty.fields {
                    let star = if f.required { " *" } else { "" };
                    ui.label(format!("{}{star}", f.label));
                    let v = draft.fields.entry(f.id.clone()).or_default();
                    match &f.kind {
                        FieldKind::Choice(opts) => {
                            egui::ComboBox::from_id_salt(("field", &f.id))
                                .selected_text(v.clone())
                                .show_ui(ui, |ui| {
                                    for o in opts {
                                        ui.selectable_value(v, o.clone(), o);
                                    }
                                });
                        }
                        _ => {
                            ui.add(egui::TextEdit::singleline(v).desired_width(320.0));
                        }
                    }
                    ui.end_row();
                }
            });
    }
    ui.label(tr(lang, "4. Text", "4. 正文"));
    ui.add(
        egui::TextEdit::multiline(&mut draft.text)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    );
    if let Some(e) = &vm.draft_error {
        ui.label(RichText::new(format!("⚠ {e}")).color(Color32::LIGHT_RED));
    }
    let action = draft.to_action(&vm.team_id);
    let ok = action.is_some() && vm.draft_error.is_none();
    if ui
        .add_enabled(ok, egui::Button::new(tr(lang, "Send", "发送")))
        .clicked()
        && let Some(a) = action
    {
        out.push(UiAction::Submit(a));
        *draft = Draft::default();
    }
    out
}
