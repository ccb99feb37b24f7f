//! The situation feed: news and injects as they reach the team, newest
//! first, each with its full text.

use bevy_egui::egui::{self, RichText};

use super::Read;
use super::vm::TeamVm;
use crate::app::i18n::tr;
use crate::app::theme;

pub fn feed(ui: &mut egui::Ui, vm: &TeamVm, read: &mut Read) {
    let lang = vm.lang;
    if vm.news.is_empty() {
        ui.label(tr(
            lang,
            "No news or situation reports yet.",
            "尚无新闻或情况通报。",
        ));
    }
    for n in &vm.news {
        let new = !read.news.contains(&n.seq);
        read.shown_news.insert(n.seq);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if new {
                    ui.label(
                        RichText::new(tr(lang, "NEW", "新"))
                            .strong()
                            .color(theme::INFO),
                    );
                }
                ui.label(RichText::new(&n.title).strong());
            });
            let mut meta = crate::sim::describe::elapsed_words(n.t, lang);
            if let Some(from) = &n.from {
                meta.push_str(&format!(" · {from}"));
            }
            meta.push_str(" · ");
            meta.push_str(if n.public {
                tr(lang, "public", "公开")
            } else {
                tr(lang, "for your team only", "仅发给你方")
            });
            ui.label(RichText::new(meta).weak());
            if !n.text.is_empty() {
                ui.label(&n.text);
            }
        });
    }
}
