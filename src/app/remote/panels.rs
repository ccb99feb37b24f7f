//! The two panels of a workshop on several computers: the library's
//! "Join an exercise" form and the facilitator's join codes.

use bevy::prelude::Resource;
use bevy_egui::egui;

use crate::app::UiAction;
use crate::app::i18n::tr;
use crate::scenario::Lang;

/// What the user typed into "Join an exercise".
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct JoinForm {
    pub url: String,
    pub code: String,
}

impl JoinForm {
    /// Why the form cannot be sent yet, if it cannot.
    pub fn problem(&self, lang: Lang) -> Option<&'static str> {
        let url = self.url.trim();
        if url.is_empty() {
            return Some(tr(
                lang,
                "Type the address the facilitator shows.",
                "请输入导演屏幕上显示的地址。",
            ));
        }
        if url.contains(char::is_whitespace)
            || url
                .split_once("://")
                .is_some_and(|(s, _)| s != "ws" && s != "wss")
        {
            return Some(tr(
                lang,
                "The address looks like ws://192.168.1.20:7878/ws.",
                "地址形如 ws://192.168.1.20:7878/ws。",
            ));
        }
        if self.code.trim().is_empty() {
            return Some(tr(lang, "Type your seat's code.", "请输入本席位的加入码。"));
        }
        None
    }
}

/// "Join an exercise": address and code, and the button. `busy` while a
/// connection is being made.
pub fn join_panel(ui: &mut egui::Ui, form: &mut JoinForm, busy: bool, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    ui.strong(tr(lang, "Join an exercise", "加入演练"));
    ui.label(tr(
        lang,
        "Another computer hosts it: type the address and the code the facilitator gave you.",
        "演练由另一台电脑主持：请输入导演给出的地址和加入码。",
    ));
    let mut enter = false;
    ui.horizontal(|ui| {
        ui.label(tr(lang, "Address:", "地址："));
        ui.add(
            egui::TextEdit::singleline(&mut form.url)
                .desired_width(260.0)
                .hint_text("ws://192.168.1.20:7878/ws"),
        );
        ui.label(tr(lang, "Code:", "加入码："));
        let code = ui.add(
            egui::TextEdit::singleline(&mut form.code)
                .desired_width(160.0)
                .hint_text("XXXXX-XXXXX"),
        );
        enter = code.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let problem = form.problem(lang);
        let join = ui.add_enabled(
            problem.is_none() && !busy,
            egui::Button::new(if busy {
                tr(lang, "Joining…", "正在加入……")
            } else {
                tr(lang, "Join", "加入")
            }),
        );
        if problem.is_none() && !busy && (join.clicked() || enter) {
            out.push(UiAction::Join {
                url: form.url.trim().to_string(),
                code: form.code.trim().to_string(),
            });
        }
    });
    if let Some(p) = form.problem(lang).filter(|_| !form.url.is_empty()) {
        ui.label(egui::RichText::new(p).weak());
    }
    out
}

/// The join codes of a workshop on several computers, as the facilitator
/// sees them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodesVm {
    /// The address other computers join.
    pub url: String,
    /// Seat name (team id, facilitator, observer) and its code.
    pub codes: Vec<(String, String)>,
    pub started: bool,
    /// The facilitator's seat is connected to the server.
    pub joined: bool,
    /// This computer runs the server.
    pub hosting: bool,
}

/// The codes panel. Without `vm` (a workshop on this computer only) it
/// offers to let teams join from their own computers; `qr` is the join
/// address drawn as a QR code.
pub fn codes_panel(
    ui: &mut egui::Ui,
    vm: Option<&CodesVm>,
    qr: Option<egui::TextureId>,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    let Some(vm) = vm else {
        if ui
            .button(tr(
                lang,
                "Let teams join from their own computers",
                "让各队从自己的电脑加入",
            ))
            .on_hover_text(tr(
                lang,
                "Starts a server on this computer and shows a code for each seat.",
                "在本机启动服务器，并为每个席位显示加入码。",
            ))
            .clicked()
        {
            out.push(UiAction::ShareWorkshop);
        }
        return out;
    };
    ui.strong(tr(lang, "Seats on other computers", "其他电脑上的席位"));
    ui.horizontal(|ui| {
        ui.label(tr(lang, "Address:", "地址："));
        ui.monospace(&vm.url);
    });
    let page = crate::net::client::page_url(&vm.url);
    if let Some(page) = &page {
        ui.horizontal(|ui| {
            ui.label(tr(lang, "In a browser:", "浏览器中："));
            ui.monospace(format!("{page}?code=…"));
        });
    }
    if !vm.joined {
        ui.label(tr(lang, "Connecting…", "正在连接……"));
    }
    ui.horizontal(|ui| {
        if let Some(tex) = qr {
            ui.image(egui::load::SizedTexture::new(tex, egui::vec2(132.0, 132.0)));
        }
        egui::Grid::new("join_codes").striped(true).show(ui, |ui| {
            for (seat, code) in &vm.codes {
                ui.label(seat_label(seat, lang));
                ui.monospace(code);
                if ui
                    .small_button(tr(lang, "New code", "换发新码"))
                    .on_hover_text(tr(lang, "The old code stops working.", "旧码随即失效。"))
                    .clicked()
                {
                    out.push(UiAction::Reissue(seat.clone()));
                }
                ui.end_row();
            }
        });
    });
    ui.label(
        egui::RichText::new(tr(
            lang,
            "On each computer: open the browser address with the seat's code (the QR code opens it), or Library › Join an exercise, or `hotline join ADDRESS CODE`.",
            "在每台电脑上：用浏览器打开上述地址并附上席位的加入码（扫二维码即可打开），或在情景库 › 加入演练，或运行 `hotline join 地址 加入码`。",
        ))
        .weak(),
    );
    if vm.joined
        && !vm.started
        && ui
            .button(tr(lang, "Start the exercise", "开始演练"))
            .clicked()
    {
        out.push(UiAction::StartRemote);
    }
    out
}

fn seat_label(seat: &str, lang: Lang) -> String {
    match seat {
        "facilitator" => tr(lang, "facilitator", "导演").to_string(),
        "observer" => tr(lang, "observer (projector)", "观摩（投影）").to_string(),
        team => team.to_string(),
    }
}

/// `text` as a QR code, one pixel per module with the four-module quiet
/// zone readers need; None if it is too long for one.
pub fn qr_image(text: &str) -> Option<egui::ColorImage> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let w = code.width();
    let quiet = 4;
    let n = w + 2 * quiet;
    let mut px = vec![255u8; n * n];
    for (i, c) in code.to_colors().into_iter().enumerate() {
        if c == qrcode::Color::Dark {
            px[(i / w + quiet) * n + i % w + quiet] = 0;
        }
    }
    Some(egui::ColorImage::from_gray([n, n], &px))
}
