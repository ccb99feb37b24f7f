//! What a journalled server keeps beside its journal so that `--resume`
//! gives every seat back its code: the codes, the resume tokens, whether
//! the exercise had started and which seats are taking part. The journal
//! itself stays the exercise's only state.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Seats {
    /// Seat name to join code.
    pub codes: BTreeMap<String, String>,
    /// Seat name to resume token.
    pub tokens: BTreeMap<String, String>,
    pub started: bool,
    /// Started with `--autostart`: a resumed server starts the same way.
    #[serde(default)]
    pub autostart: bool,
    /// Seats that joined and did not say goodbye: a jumping clock waits
    /// for them to come back.
    pub joined: BTreeSet<String>,
}

/// `x.journal` keeps its seats in `x.journal.seats.json`.
pub fn path_for(journal: &Path) -> PathBuf {
    let mut p = journal.as_os_str().to_owned();
    p.push(".seats.json");
    PathBuf::from(p)
}

pub fn load(path: &Path) -> Option<Seats> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes a new copy and renames it over the old one, so a kill leaves
/// either the old file or the new one, never half of one. Codes are
/// secrets: only the owner may read the file.
pub fn save(path: &Path, seats: &Seats) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let mut f = o.open(&tmp)?;
        f.write_all(serde_json::to_string_pretty(seats)?.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself must reach the disk too.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}
