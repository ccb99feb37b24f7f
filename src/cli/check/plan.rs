//! `hotline check PLAN.ron`: a test plan checked against its scenario,
//! found among the files given with it or the bundled scenarios by the
//! plan's `scenario` id.

use std::path::{Path, PathBuf};

use crate::scenario::diag::{Code, Diagnostic};
use crate::scenario::{Loaded, load_file};
use crate::sim::plan::check_plan_str;

pub fn check(file: &Path, text: &str, given: &[PathBuf]) -> Vec<Diagnostic> {
    let name = file.display().to_string();
    // The id first: a plan that does not parse is still worth its errors.
    let wanted = crate::scenario::spans::Spans::new(text)
        .span("scenario")
        .and_then(|(a, b)| {
            let line = text.lines().nth(a.line - 1)?;
            let s: String = line.chars().skip(a.col - 1).take(b.col - a.col).collect();
            Some(s.trim_matches('"').to_string())
        });
    let mut candidates: Vec<PathBuf> = given
        .iter()
        .filter(|p| p.as_path() != file)
        .cloned()
        .collect();
    if let Ok(dir) = std::fs::read_dir(crate::cli::load::bundled_dir()) {
        let mut bundled: Vec<PathBuf> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        bundled.sort();
        candidates.extend(bundled);
    }
    let scenarios: Vec<Loaded> = candidates
        .iter()
        .filter_map(|p| load_file(p).ok())
        .collect();
    let found = match &wanted {
        Some(id) => scenarios.iter().find(|l| l.scenario.meta.id == *id),
        None if given.len() == 2 => scenarios.first(),
        None => None,
    };
    let Some(sc) = found else {
        let why = match &wanted {
            Some(id) => format!(
                "no scenario with id `{id}` among the files given or the bundled ones; pass the scenario too: `hotline check SCENARIO.ron {name}`"
            ),
            None => format!(
                "the plan names no `scenario`; add `scenario: \"ID\"`, or pass the scenario too: `hotline check SCENARIO.ron {name}`"
            ),
        };
        return vec![Diagnostic::new(
            Code::Io,
            &name,
            format!("cannot find the scenario of this test plan: {why}"),
        )];
    };
    check_plan_str(text, &name, &sc.scenario).1
}
