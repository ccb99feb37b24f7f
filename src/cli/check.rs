//! `hotline check`: load every scenario given (files, or folders searched
//! for *.ron), print diagnostics, and exit 0 (clean), 1 (errors, or
//! warnings with --deny-warnings) or 2 (a path that cannot be read).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::scenario::diag::{Code, Diagnostic, Severity, render_json, summary};

mod plan;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Scenario files or folders (folders: every *.ron inside, recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// `json` prints one JSON document for tools and editors.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors (exit 1 if there are any).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Checks the bundled scenarios (the main job of a build without the app).
#[cfg(not(feature = "app"))]
pub fn run_bundled() -> ExitCode {
    run(Args {
        paths: vec![super::load::bundled_dir()],
        format: Format::Human,
        deny_warnings: false,
    })
}

pub fn run(args: Args) -> ExitCode {
    let (files, mut io_failed) = collect(&args.paths);
    let mut reports: Vec<(Vec<Diagnostic>, Option<String>)> = Vec::new();
    for file in &files {
        reports.push(check_one(file, &files));
    }
    for (diags, _) in &reports {
        io_failed |= diags.iter().any(|d| d.code == Code::Io);
    }
    let all: Vec<&Diagnostic> = reports.iter().flat_map(|(d, _)| d).collect();
    let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = all.len() - errors;

    match args.format {
        Format::Json => {
            let owned: Vec<Diagnostic> = all.iter().map(|d| (*d).clone()).collect();
            println!("{}", render_json(&owned, files.len()));
        }
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for (diags, source) in &reports {
                for d in diags {
                    println!(
                        "{}",
                        crate::scenario::diag::render_styled(d, source.as_deref(), color)
                    );
                }
            }
            println!("{}", summary(files.len(), errors, warnings));
        }
    }
    if io_failed {
        ExitCode::from(2)
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Diagnostics for one file and the text they point into (None when it
/// could not be read as text).
fn check_one(file: &Path, given: &[PathBuf]) -> (Vec<Diagnostic>, Option<String>) {
    if let Ok(text) = std::fs::read_to_string(file)
        && crate::sim::plan::looks_like_plan(&text)
    {
        let diags = plan::check(file, &text, given);
        return (diags, Some(text.trim_start_matches('\u{feff}').to_string()));
    }
    match crate::scenario::load_file(file) {
        Ok(loaded) => (loaded.warnings, Some(loaded.source)),
        Err(diags) => {
            // Read again only to show source lines; cheap next to parsing.
            // Lossy decoding keeps columns: a bad byte becomes one U+FFFD,
            // and the position of the first bad byte was counted before it.
            let source = std::fs::read(file)
                .ok()
                .filter(|b| b.len() <= crate::scenario::load::MAX_FILE_BYTES)
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            (diags, source)
        }
    }
}

/// The files to check, sorted within each folder; reports missing paths
/// on stderr and says whether there were any.
fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut failed = false;
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(p, &mut found, 0) {
                eprintln!("error: cannot read folder {}: {e}", p.display());
                failed = true;
            }
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            eprintln!("error: {}: no such file or folder", p.display());
            failed = true;
        }
    }
    (files, failed)
}

/// Symlink loops could make a recursive walk endless; real scenario trees
/// are a level or two deep.
const MAX_FOLDER_DEPTH: usize = 16;

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    if depth > MAX_FOLDER_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}
