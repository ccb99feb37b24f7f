//! `hotline new PATH`: write a complete, commented starting scenario. Never
//! overwrites: an existing file is an error (exit 2).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::scenario::template;

#[derive(clap::Args)]
pub struct Args {
    /// The file to create, e.g. scenarios/my-drill.ron.
    pub path: PathBuf,
    /// The English title (default: from the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// The Chinese title (default: the English one, to translate).
    #[arg(long)]
    pub title_zh: Option<String>,
}

pub fn run(a: Args) -> ExitCode {
    let stem = a
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.is_empty() {
        eprintln!(
            "error: {}: give a file name, e.g. my-drill.ron",
            a.path.display()
        );
        return ExitCode::from(2);
    }
    let title = a.title.clone().unwrap_or_else(|| title_from(&stem));
    let text = template::render(&stem, &title, a.title_zh.as_deref());
    // The template is tested, but a title can still break it; refuse to
    // write a file that would not load.
    if let Err(diags) = crate::scenario::load_str(&a.path, &text) {
        for d in &diags {
            eprintln!("{}", crate::scenario::diag::render(d, Some(&text)));
        }
        return ExitCode::from(1);
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&a.path);
    let written = file.and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => {
            println!(
                "wrote {}: check it with `hotline check {0}`, try it with `hotline simulate {0}`",
                a.path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; hotline new never overwrites a file",
                a.path.display()
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", a.path.display());
            ExitCode::from(2)
        }
    }
}

/// `my-drill` → `My drill`.
fn title_from(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
