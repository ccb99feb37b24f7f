//! Where the app keeps user files (XDG data home, falling back to
//! ~/.local/share, then the working folder).

use std::path::PathBuf;

pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("hotline");
    }
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(h) => PathBuf::from(h).join(".local/share/hotline"),
        None => PathBuf::from("hotline-data"),
    }
}

pub fn journals_dir() -> PathBuf {
    data_dir().join("journals")
}

pub fn user_scenarios_dir() -> PathBuf {
    data_dir().join("scenarios")
}

pub fn exports_dir() -> PathBuf {
    data_dir().join("exports")
}

/// The scenarios shipped with the app: next to the executable's crate in a
/// development checkout, or `scenarios/` under the working folder.
pub fn bundled_scenarios_dir() -> PathBuf {
    let dev = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"));
    if dev.is_dir() {
        dev
    } else {
        PathBuf::from("scenarios")
    }
}
