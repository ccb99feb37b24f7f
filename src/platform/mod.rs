//! What differs between a computer and a browser page, behind one API so
//! the layers above never ask which they run in: files (the disk, or the
//! page's storage with the bundled scenarios built in), the wall clock, and
//! how many threads a computation may use.

pub mod fs;

/// The bundled scenarios, compiled in for the browser build (a page has no
/// folder to read them from). A test keeps this list equal to `scenarios/`.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "scenarios/borrowed-flag.ron",
        include_str!("../../scenarios/borrowed-flag.ron"),
    ),
    (
        "scenarios/poisoned-update.ron",
        include_str!("../../scenarios/poisoned-update.ron"),
    ),
    (
        "scenarios/safe-conduct.ron",
        include_str!("../../scenarios/safe-conduct.ron"),
    ),
    (
        "scenarios/wrong-target.ron",
        include_str!("../../scenarios/wrong-target.ron"),
    ),
];

/// Seconds since 1970 by the wall clock, for names and default seeds (never
/// for anything replayed: the engine's time is its own).
pub fn unix_secs() -> f64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() / 1000.0
    }
}

/// Threads a computation may use: the cores here, or one in a browser page
/// (the web build has no threads).
pub fn threads() -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_bundled_scenario_is_compiled_in_for_the_browser() {
        let on_disk: Vec<String> =
            fs::list(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios")))
                .unwrap()
                .into_iter()
                .filter(|(p, _)| p.extension().is_some_and(|x| x == "ron"))
                .map(|(p, _)| format!("scenarios/{}", p.file_name().unwrap().to_string_lossy()))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
        let built_in: Vec<&str> = BUNDLED.iter().map(|(p, _)| *p).collect();
        assert_eq!(built_in, on_disk);
        for (p, text) in BUNDLED {
            let disk = fs::read_to_string(&Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
            assert_eq!(*text, disk, "{p}");
        }
    }

    #[test]
    fn an_appender_adds_to_the_end_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("j");
        let mut a = fs::Appender::create_new(&f).unwrap();
        a.write_synced(b"one\n").unwrap();
        a.write_synced(b"two\n").unwrap();
        assert!(fs::Appender::create_new(&f).is_err());
        assert_eq!(fs::read_to_string(&f).unwrap(), "one\ntwo\n");
        let mut a = fs::Appender::truncate_to(&f, 4).unwrap();
        a.write_synced(b"three\n").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "one\nthree\n");
    }
}
