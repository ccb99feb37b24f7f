//! `hotline graph`: the scenario map as SVG or DOT, dead ends outlined.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::map;
use crate::scenario::diag::render_styled;

#[derive(clap::Args)]
pub struct Args {
    pub scenario: PathBuf,
    /// Where to write: FILE.svg (laid out) or FILE.dot (for Graphviz).
    /// Without it, DOT goes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Persona-vs-persona runs that find what never happens (0: only the
    /// checker's warnings mark dead ends).
    #[arg(long, default_value_t = 500)]
    pub runs: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// One node per persona rule (by default each persona is one node,
    /// and its tooltip names its dead rules).
    #[arg(long)]
    pub rules: bool,
    /// Only what leads to this id and what it leads to (e.g. an outcome);
    /// KIND:ID where two kinds share an id (`message:assurance`).
    #[arg(long, value_name = "[KIND:]ID")]
    pub around: Option<String>,
    /// With --around: how many links to follow each way.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
}

enum Out {
    Svg,
    Dot,
}

pub fn run(a: Args) -> ExitCode {
    let kind = match a
        .output
        .as_ref()
        .map(|p| p.extension().and_then(|e| e.to_str()))
    {
        None | Some(Some("dot" | "gv")) => Out::Dot,
        Some(Some("svg")) => Out::Svg,
        Some(_) => {
            eprintln!("error: --output must end in .svg or .dot");
            return ExitCode::from(2);
        }
    };
    let threads = crate::platform::threads();
    let opts = map::Options {
        runs: a.runs,
        seed: a.seed,
        threads,
        rules: a.rules,
    };
    let m = match map::from_file(&a.scenario, &opts) {
        Ok(m) => m,
        Err(diags) => {
            let source = std::fs::read_to_string(&a.scenario).ok();
            let color = std::io::stderr().is_terminal();
            for d in &diags {
                eprintln!("{}", render_styled(d, source.as_deref(), color));
            }
            let io = diags
                .iter()
                .any(|d| d.code == crate::scenario::diag::Code::Io);
            return ExitCode::from(if io { 2 } else { 1 });
        }
    };
    let m = match &a.around {
        None => m,
        Some(id) => match m.lookup(id) {
            Some(n) => m.around(n, a.depth.max(1)).0,
            None => {
                let ids = m.nodes.iter().map(|n| n.id.as_str());
                let hint = crate::scenario::diag::closest(id, ids)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                eprintln!("error: --around: the map has no `{id}`{hint}");
                return ExitCode::from(2);
            }
        },
    };
    let text = match kind {
        Out::Dot => map::dot(&m),
        Out::Svg => match map::layout(&m) {
            Ok(d) => map::svg(&m, &d),
            Err(e) => {
                eprintln!("error: {e}; write a .dot file instead");
                return ExitCode::from(1);
            }
        },
    };
    match &a.output {
        None => print!("{text}"),
        Some(p) => {
            if let Err(e) = std::fs::write(p, text) {
                eprintln!("error: cannot write {}: {e}", p.display());
                return ExitCode::from(2);
            }
        }
    }
    // The summary goes to stderr so that DOT on stdout stays clean.
    let dead: Vec<_> = m.dead_ends().collect();
    eprintln!(
        "{} nodes, {} links, {} dead ends ({})",
        m.nodes.len(),
        m.edges.len(),
        dead.len(),
        if m.runs > 0 {
            format!("checker and {} simulated runs", m.runs)
        } else {
            "checker only".into()
        }
    );
    for n in dead {
        eprintln!(
            "  {}: {} `{}`: {}",
            m.place(n),
            n.kind.name(),
            n.id,
            n.dead.join("; ")
        );
    }
    if let Some(p) = &a.output {
        eprintln!("wrote {}", p.display());
    }
    ExitCode::SUCCESS
}
