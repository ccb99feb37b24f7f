//! What the app remembers between launches: the interface language. A
//! small JSON file in the data folder; a missing or unreadable one means
//! the defaults, never an error in the user's way.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::{Launch, UiAction, UiState, paths};
use crate::scenario::Lang;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// Where the settings live; tests point it elsewhere.
#[derive(Resource, Debug, Clone)]
pub struct SettingsFile(pub PathBuf);

impl Default for SettingsFile {
    fn default() -> Self {
        SettingsFile(paths::data_dir().join("settings.json"))
    }
}

pub fn load(path: &Path) -> Settings {
    crate::platform::fs::read_to_string(path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn save(path: &Path, s: &Settings) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        crate::platform::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string_pretty(s).map_err(std::io::Error::other)?;
    crate::platform::fs::write(path, text.as_bytes())
}

pub(super) fn plugin(app: &mut App) {
    super::shared(app);
    app.init_resource::<SettingsFile>()
        .add_systems(PreStartup, apply_saved)
        .add_systems(Update, remember_language);
}

/// The saved language, unless the command line chose one.
fn apply_saved(file: Res<SettingsFile>, launch: Option<Res<Launch>>, mut ui: ResMut<UiState>) {
    if launch.is_some_and(|l| l.lang.is_some()) {
        return;
    }
    if let Some(l) = load(&file.0).lang {
        ui.lang = l;
    }
}

fn remember_language(
    mut actions: MessageReader<UiAction>,
    file: Res<SettingsFile>,
    mut ui: ResMut<UiState>,
) {
    for a in actions.read() {
        if let UiAction::SetLang(l) = a {
            let mut s = load(&file.0);
            s.lang = Some(*l);
            if let Err(e) = save(&file.0, &s) {
                ui.toast = Some(format!("{}: {e}", file.0.display()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(file: &Path) -> App {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .insert_resource(SettingsFile(file.to_path_buf()))
            .add_plugins(plugin);
        app
    }

    #[test]
    fn the_language_chosen_is_the_language_of_the_next_launch() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("sub/settings.json");
        let mut first = app(&file);
        first.update();
        assert_eq!(first.world().resource::<UiState>().lang, Lang::En);
        first.world_mut().write_message(UiAction::SetLang(Lang::Zh));
        first.update();
        let mut second = app(&file);
        second.update();
        assert_eq!(second.world().resource::<UiState>().lang, Lang::Zh);
    }

    #[test]
    fn a_damaged_settings_file_means_the_defaults() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("settings.json");
        std::fs::write(&file, "{not json").unwrap();
        assert_eq!(load(&file), Settings::default());
        let mut app = app(&file);
        app.update();
        assert_eq!(app.world().resource::<UiState>().lang, Lang::En);
    }
}
