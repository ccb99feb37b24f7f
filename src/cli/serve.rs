//! `hotline serve`: host a workshop whose seats join over the network.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::net::server::{RoomEvent, RoomSpec, Server, store};
use crate::sim::session::Session;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file.
    pub scenario: PathBuf,
    /// Address to listen on; 0.0.0.0:7878 to let other computers join.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: SocketAddr,
    /// Seed of the exercise (default: from the clock).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Journal every action here; the codes are kept beside it.
    #[arg(long, conflicts_with = "resume")]
    pub journal: Option<PathBuf>,
    /// Continue a journalled workshop (after a crash): same codes.
    #[arg(long)]
    pub resume: Option<PathBuf>,
    /// Start as soon as every team seat is taken, without the facilitator.
    #[arg(long)]
    pub autostart: bool,
    /// The browser client's folder, served at `/` (default: the one
    /// `scripts/build-web.sh` writes, target/web-bundle).
    #[arg(long, value_name = "DIR")]
    pub web: Option<PathBuf>,
    /// Print the address and codes as one JSON line first.
    #[arg(long)]
    pub codes_json: bool,
}

pub fn run(a: Args) -> ExitCode {
    let Some(sc) = super::load::scenario(&a.scenario) else {
        return ExitCode::from(1);
    };
    let seed = a
        .seed
        .unwrap_or_else(|| (crate::platform::unix_secs() * 1e9) as u64);
    let opened = match (&a.journal, &a.resume) {
        (Some(j), _) => Session::journalled(sc.world.clone(), &sc.header(seed), j),
        (None, Some(r)) => {
            let seed = crate::sim::journal::Journal::read(r).map_or(seed, |j| j.header.seed);
            Session::resume(sc.world.clone(), &sc.header(seed), r).map(|(s, _)| s)
        }
        (None, None) => Ok(Session::new(sc.world.clone(), seed)),
    };
    let session = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let store = a
        .journal
        .as_ref()
        .or(a.resume.as_ref())
        .map(|j| store::path_for(j));
    let seats = match (&a.resume, &store) {
        (Some(_), Some(p)) => {
            let s = store::load(p);
            if s.is_none() {
                eprintln!(
                    "warning: {} is missing: every seat gets a new code",
                    p.display()
                );
            }
            s
        }
        _ => None,
    };
    let web = a
        .web
        .clone()
        .unwrap_or_else(crate::net::server::web::default_dir);
    let mut server = match Server::start_with_web(a.bind, Some(&web)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", a.bind);
            return ExitCode::from(1);
        }
    };
    let spec = RoomSpec {
        session,
        source: sc.source.clone(),
        store,
        seats,
        autostart: a.autostart,
    };
    let hosted = match server.host(spec) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let url = server.url();
    // Bound to every interface, the address others reach this one at.
    let page = format!(
        "http://{}/",
        SocketAddr::new(crate::net::server::lan_ip(server.addr), server.addr.port())
    );
    if !crate::net::server::web::is_bundle(&web) {
        eprintln!("note: {}", crate::net::server::web::missing(Some(&web)));
    }
    if a.codes_json {
        let line = serde_json::json!({ "url": url, "web": page, "codes": hosted.codes });
        println!("{line}");
    } else {
        println!("Hotline workshop `{}` on {url}", sc.world.scenario.meta.id);
        println!("In a browser: {page}?code=CODE");
        for (seat, code) in &hosted.codes {
            println!("  {seat:<12} {code}    {page}?code={code}");
        }
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    for ev in hosted.events.iter() {
        match ev {
            RoomEvent::Ended {
                outcome,
                state_hash,
            } => {
                super::run::print_result(outcome.as_deref(), &state_hash);
                let _ = std::io::stdout().flush();
            }
            RoomEvent::Closed => break,
        }
    }
    ExitCode::SUCCESS
}
