//! Chinese text needs a CJK font: a subset of Noto Sans CJK SC (SIL OFL,
//! assets/fonts/OFL-NotoSansCJK.txt) is compiled in and added after egui's
//! own fonts as a fallback, so Latin text keeps egui's look.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Hotline.otf");

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, install_once);
}

pub fn install(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "noto-sans-sc",
        egui::FontData::from_static(CJK_FONT),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
    super::theme::install(ctx);
    scale_text(ctx, 1.0);
}

const SIZES: [(egui::TextStyle, f32); 5] = [
    (egui::TextStyle::Body, 15.0),
    (egui::TextStyle::Button, 15.0),
    (egui::TextStyle::Heading, 22.0),
    (egui::TextStyle::Small, 12.0),
    (egui::TextStyle::Monospace, 13.0),
];

/// Sets every text style to its normal size times `scale`. egui's own zoom
/// would do this too, but under bevy_egui it rescales the window's layout
/// and broke the panels; text sizes alone leave the layout to egui. Only
/// touches the style when a size differs, since a style change repaints.
pub fn scale_text(ctx: &egui::Context, scale: f32) {
    let current = ctx
        .global_style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map(|f| f.size);
    if current == Some(SIZES[0].1 * scale) {
        return;
    }
    ctx.all_styles_mut(|s| {
        for (style, size) in &SIZES {
            if let Some(f) = s.text_styles.get_mut(style) {
                f.size = size * scale;
            }
        }
        // Buttons and sliders grow with their text, so they stay usable.
        s.spacing.interact_size.y = 18.0 * scale;
    });
}

fn install_once(mut contexts: EguiContexts, mut done: Local<bool>) {
    if *done {
        return;
    }
    if let Ok(ctx) = contexts.ctx_mut() {
        install(ctx);
        *done = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every non-ASCII character on a line with a string in it, in the
    /// sources and the bundled scenarios: what the screens can show.
    fn shown_characters() -> std::collections::BTreeSet<char> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("src"), root.join("scenarios")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs" || x == "ron") {
                    files.push(p);
                }
            }
        }
        let mut chars = std::collections::BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for line in text.lines().filter(|l| l.contains('"')) {
                let line = line.split("//").next().unwrap_or("");
                chars.extend(line.chars().filter(|c| !c.is_ascii()));
            }
        }
        chars
    }

    #[test]
    fn every_character_the_interface_and_scenarios_use_has_a_glyph() {
        use skrifa::MetadataProvider;
        // egui's own fonts (Latin, symbols, emoji) and our CJK subset.
        let mut fonts: Vec<Vec<u8>> = egui::FontDefinitions::default()
            .font_data
            .values()
            .map(|d| d.font.to_vec())
            .collect();
        fonts.push(CJK_FONT.to_vec());
        let covered = |c: char| {
            fonts
                .iter()
                .any(|f| skrifa::FontRef::new(f).is_ok_and(|f| f.charmap().map(c).is_some()))
        };
        let missing: String = shown_characters()
            .into_iter()
            .filter(|c| !covered(*c))
            .collect();
        assert!(
            missing.is_empty(),
            "no glyph for {missing:?}: pick another symbol, or run scripts/subset-font.sh"
        );
    }
}
