//! Exports to the user's exports folder: a copy of the journal, and the
//! after-action report rendered from the exercise as it stands.

use bevy::prelude::*;
use std::path::{Path, PathBuf};

use super::exercise::Exercise;
use super::i18n::tr;
use super::{UiAction, UiState, paths};
use crate::platform::fs;
use crate::report;
use crate::scenario::Lang;

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.add_systems(Update, export);
}

/// Copies the journal into the exports folder under a stable name.
pub fn export_journal(journal: &Path, dir: &Path) -> Result<PathBuf, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = journal.file_name().ok_or("the journal has no file name")?;
    let dest = dir.join(name);
    let bytes = fs::read(journal).map_err(|e| format!("{}: {e}", journal.display()))?;
    fs::export(&dest, &bytes).map_err(|e| format!("{}: {e}", dest.display()))?;
    Ok(dest)
}

/// The report's file stem: the journal's, so the two sit side by side; an
/// unsaved exercise is named after its scenario.
fn report_stem(ex: &Exercise, lang: Lang) -> String {
    let base = ex
        .journal
        .as_deref()
        .and_then(|j| j.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| ex.world().scenario.meta.id.clone());
    // Both languages can be exported without one overwriting the other.
    match lang {
        Lang::En => format!("{base}-report"),
        Lang::Zh => format!("{base}-report-zh"),
    }
}

/// Writes the after-action report as HTML and Markdown; returns both paths.
pub fn export_report(ex: &Exercise, lang: Lang, dir: &Path) -> Result<[PathBuf; 2], String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (w, e) = (ex.world(), &ex.session.engine);
    let records = &ex.session.records;
    let stem = report_stem(ex, lang);
    let html = dir.join(format!("{stem}.html"));
    let md = dir.join(format!("{stem}.md"));
    for (path, text) in [
        (&html, report::render_html(w, e, &ex.header, records, lang)),
        (
            &md,
            report::render_markdown(w, e, &ex.header, records, lang),
        ),
    ] {
        fs::export(path, text.as_bytes()).map_err(|err| format!("{}: {err}", path.display()))?;
    }
    Ok([html, md])
}

fn export(
    mut actions: MessageReader<UiAction>,
    ex: Option<Res<Exercise>>,
    mut ui: ResMut<UiState>,
) {
    for a in actions.read() {
        let lang = ui.lang;
        let msg = match (a, ex.as_deref()) {
            (UiAction::ExportJournal, Some(ex)) => match &ex.journal {
                Some(j) => export_journal(j, &paths::exports_dir()).map(|d| {
                    if cfg!(target_arch = "wasm32") {
                        return format!(
                            "{} {}",
                            tr(lang, "Journal downloaded:", "日志已下载："),
                            d.file_name().unwrap_or_default().display()
                        );
                    }
                    format!(
                        "{} {}",
                        tr(lang, "Journal exported to", "日志已导出至"),
                        d.display()
                    )
                }),
                None => Err(tr(lang, "This exercise has no journal.", "本次演练没有日志。").into()),
            },
            (UiAction::ExportReport, Some(ex)) => export_report(ex, lang, &paths::exports_dir())
                .map(|[html, md]| {
                    // A browser downloaded them: no file here to open.
                    if cfg!(target_arch = "wasm32") {
                        return format!(
                            "{} {}",
                            tr(lang, "Report downloaded:", "报告已下载："),
                            html.file_name().unwrap_or_default().display()
                        );
                    }
                    let text = format!(
                        "{} {} · {}",
                        tr(lang, "Report written to", "报告已写入"),
                        html.display(),
                        md.display()
                    );
                    ui.exported = Some(html);
                    text
                }),
            (UiAction::Open(p), _) => match opener::open(p) {
                Ok(()) => continue,
                Err(e) => Err(format!(
                    "{} {}: {e}",
                    tr(lang, "Could not open", "无法打开"),
                    p.display()
                )),
            },
            _ => continue,
        };
        ui.toast = Some(msg.unwrap_or_else(|e| e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Mode;
    use crate::sim::Action;

    fn exercise(dir: &Path) -> Exercise {
        let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/wrong-target.ron");
        // Journals go to the data folder: keep them in the test's own.
        let (mut ex, warn) =
            crate::app::exercise::start_in(&scenario, Mode::Observer, None, Some(3), dir)
                .expect("bundled scenario starts");
        assert_eq!(warn, None);
        ex.submit(Action::Note("hello from the test".into()))
            .unwrap();
        ex.session.engine.advance_to(600);
        ex
    }

    #[test]
    fn the_report_lands_next_to_the_journal_in_the_chosen_language() {
        let tmp = tempfile::tempdir().unwrap();
        let ex = exercise(&tmp.path().join("journals"));
        let out = tmp.path().join("exports");
        let journal = export_journal(ex.journal.as_deref().unwrap(), &out).unwrap();
        let [html, md] = export_report(&ex, Lang::Zh, &out).unwrap();
        assert_eq!(html.parent(), journal.parent());
        let stem = journal.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            html.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&stem)
        );
        let text = std::fs::read_to_string(&html).unwrap();
        assert!(text.starts_with("<!DOCTYPE html>") || text.starts_with("<!doctype html>"));
        assert!(text.contains("lang=\"zh"), "a Chinese report says so");
        let md = std::fs::read_to_string(&md).unwrap();
        assert!(md.contains(&ex.world().scenario.meta.title.get(Lang::Zh).to_string()));
        // An English export does not overwrite the Chinese one.
        let [en, _] = export_report(&ex, Lang::En, &out).unwrap();
        assert_ne!(en, html);
        assert!(html.exists());
    }

    #[test]
    fn an_unwritable_folder_is_an_error_not_a_panic() {
        let tmp = tempfile::tempdir().unwrap();
        let ex = exercise(&tmp.path().join("journals"));
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, "x").unwrap();
        assert!(export_report(&ex, Lang::En, &file).is_err());
        assert!(export_journal(ex.journal.as_deref().unwrap(), &file).is_err());
    }
}
