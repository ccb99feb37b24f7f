//! Whatever an author's editor does to a scenario (bytes deleted, inserted,
//! replaced, the file cut short), loading it returns a scenario or
//! diagnostics that point inside the file; it never panics or hangs.

use std::path::{Path, PathBuf};

use hotline::scenario::diag::Pos;
use hotline::scenario::load_str;
use hotline::scenario::spans::Spans;
use proptest::prelude::*;

/// The bundled scenarios and our own minimal one.
fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("tests/fixtures/valid/minimal.ron")];
    if let Ok(dir) = std::fs::read_dir(root.join("scenarios")) {
        let mut bundled: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        bundled.sort();
        paths.extend(bundled);
    }
    paths
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Replace { at: usize, byte: u8 },
    Truncate { at: usize },
}

/// Bytes that matter to RON, plus anything at all.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(b"()[]{}:,\"'#r/*\\-.0123456789eE_ \nab".to_vec()),
        1 => any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    // Positions are fractions of the file so every part of it gets hit.
    let at = any::<prop::sample::Index>();
    prop_oneof![
        (at.clone(), 1usize..40).prop_map(|(i, len)| Edit::Delete {
            at: i.index(usize::MAX),
            len
        }),
        (at.clone(), prop::collection::vec(interesting_byte(), 1..8)).prop_map(|(i, bytes)| {
            Edit::Insert {
                at: i.index(usize::MAX),
                bytes,
            }
        }),
        (at.clone(), interesting_byte()).prop_map(|(i, byte)| Edit::Replace {
            at: i.index(usize::MAX),
            byte
        }),
        at.prop_map(|i| Edit::Truncate {
            at: i.index(usize::MAX)
        }),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match e {
            Edit::Delete { at, len } => {
                let a = at % n;
                let b = (a + len).min(bytes.len());
                bytes.drain(a.min(b)..b);
            }
            Edit::Insert { at, bytes: new } => {
                let a = (at % n).min(bytes.len());
                bytes.splice(a..a, new.iter().copied());
            }
            Edit::Replace { at, byte } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b = *byte;
                }
            }
            Edit::Truncate { at } => bytes.truncate(at % n),
        }
    }
    bytes
}

fn inside(text: &str, p: Pos) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    p.line >= 1
        && p.line <= lines.len()
        && p.col >= 1
        && p.col <= lines[p.line - 1].chars().count() + 1
}

proptest! {
    // PROPTEST_CASES raises the count for a longer hunt. 500 a run (fresh
    // random cases each time): at 1000 this was CI's longest test, 154 s.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_scenarios_load_or_explain(seed in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..6)) {
        let seeds = seeds();
        let (path, bytes) = &seeds[seed.index(seeds.len())];
        let mutated = apply(bytes.clone(), &edits);
        // load_str takes text; invalid UTF-8 is load_file's job, tested apart.
        let text = String::from_utf8_lossy(&mutated).into_owned();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        match load_str(path, &text) {
            Ok(loaded) => {
                for d in &loaded.warnings {
                    prop_assert!(d.start.is_none_or(|p| inside(&text, p)), "{d:?}");
                    prop_assert!(d.end.is_none_or(|p| inside(&text, p)), "{d:?}");
                }
            }
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                for d in &diags {
                    prop_assert!(d.start.is_none_or(|p| inside(&text, p)), "{d:?}");
                    prop_assert!(d.end.is_none_or(|p| inside(&text, p)), "{d:?}");
                    let _ = hotline::scenario::diag::render(d, Some(&text));
                }
            }
        }
    }

    #[test]
    fn the_span_walker_takes_any_text(text in ".{0,400}", path in "[a-z\\[\\]0-9.\"]{0,30}") {
        let s = Spans::new(&text);
        if let Some((a, b)) = s.locate(&path) {
            prop_assert!(inside(&text, a) && inside(&text, b));
        }
        let _ = s.span(&path);
    }
}
