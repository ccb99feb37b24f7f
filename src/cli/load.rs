//! Loading a scenario for a command, with diagnostics printed on failure.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::scenario::diag::render_styled;
use crate::sim::open::{OpenError, Opened, open};

/// Opens a scenario ([`crate::sim::open`]), printing its diagnostics to
/// stderr when it does not load.
pub fn scenario(path: &Path) -> Option<Opened> {
    let color = std::io::stderr().is_terminal();
    match open(path) {
        Ok(o) => Some(o),
        Err(OpenError::Scenario(_, diags)) => {
            let source = std::fs::read_to_string(path).ok();
            for d in &diags {
                eprintln!(
                    "{}",
                    render_styled(
                        d,
                        source.as_deref().map(|s| s.trim_start_matches('\u{feff}')),
                        color
                    )
                );
            }
            None
        }
    }
}

/// The bundled scenarios folder.
pub fn bundled_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
}
