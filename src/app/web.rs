//! The app in a browser page: what the page's address asks for becomes a
//! [`Launch`], as `hotline play` and `hotline join` make one on a computer.
//!
//! - `?code=CODE` joins that seat at the server the page came from
//!   (`&server=HOST:PORT` for another one);
//! - `?scenario=ID&mode=solo&team=TEAM&seed=N` opens that bundled
//!   scenario; when an unfinished exercise of it is in the page's storage
//!   the library opens instead, offering to resume it;
//! - `&lang=zh` for Chinese, `&test=1` for the test hook (`window.hotlineTrace`).

use std::path::PathBuf;

use super::{Launch, Mode, paths};
use crate::net::client::join_url;
use crate::scenario::Lang;

/// The page's query parameters, decoded.
pub fn params(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// `%XX` escapes and `+` for space, as browsers write them.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if hex(i + 1).is_some() && hex(i + 2).is_some() => {
                out.push((hex(i + 1).unwrap_or(0) * 16 + hex(i + 2).unwrap_or(0)) as u8);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the page opens, from its parameters and the address it was served
/// from (`host` is `HOST:PORT`, `path` the page's path, `secure` for
/// https). Also whether the test hook is on.
pub fn launch(params: &[(String, String)], host: &str, path: &str, secure: bool) -> (Launch, bool) {
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let mut l = Launch {
        lang: get("lang").map(|v| if v == "zh" { Lang::Zh } else { Lang::En }),
        ..Launch::default()
    };
    if let Some(code) = get("code") {
        let scheme = if secure { "wss" } else { "ws" };
        let url = match get("server") {
            Some(s) if s.contains("://") => join_url(s),
            Some(s) => join_url(&format!("{scheme}://{s}")),
            None => socket_beside(host, path, secure),
        };
        l.join = Some((url, code.to_string()));
    } else if let Some(s) = get("scenario") {
        l.scenario = Some(scenario_path(s));
        l.mode = match get("mode") {
            Some("workshop") => Mode::Workshop,
            Some("observer") => Mode::Observer,
            _ => Mode::Solo,
        };
        l.team = get("team").map(str::to_string);
        l.seed = get("seed").and_then(|s| s.parse().ok());
    }
    (l, get("test").is_some_and(|v| v != "0"))
}

/// The socket of the server that sent the page: `/ws` beside it (also
/// behind a proxy at a path prefix).
pub fn socket_beside(host: &str, path: &str, secure: bool) -> String {
    let scheme = if secure { "wss" } else { "ws" };
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.starts_with('/') { dir } else { "/" };
    format!("{scheme}://{host}{dir}ws")
}

/// A bundled scenario by id (`wrong-target`), or a path as given.
fn scenario_path(s: &str) -> PathBuf {
    match s.ends_with(".ron") {
        true => PathBuf::from(s),
        false => paths::bundled_scenarios_dir().join(format!("{s}.ron")),
    }
}

/// The unfinished exercise of the scenario at `path` in `journals`, if
/// any: a reopened tab offers it rather than starting over.
pub fn unfinished_of(path: &std::path::Path, journals: &std::path::Path) -> Option<PathBuf> {
    let id = crate::sim::open::open(path)
        .ok()?
        .world
        .scenario
        .meta
        .id
        .clone();
    super::library::unfinished(journals)
        .into_iter()
        .find(|u| u.scenario == id)
        .map(|u| u.journal)
}

/// Runs the app in the page's canvas (`<canvas id="hotline">`).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let location = web_sys::window().map(|w| w.location());
    let field = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    let (search, host) = (
        field(web_sys::Location::search),
        field(web_sys::Location::host),
    );
    let path = field(web_sys::Location::pathname);
    let secure = field(web_sys::Location::protocol) == "https:";
    let (mut launch, test) = launch(&params(&search), &host, &path, secure);
    let mut notice = None;
    if let Some(p) = &launch.scenario
        && unfinished_of(p, &paths::journals_dir()).is_some()
    {
        launch.scenario = None;
        notice = Some(super::i18n::tr(
            launch.lang.unwrap_or(Lang::En),
            "This page has an unfinished exercise of that scenario: resume it below, or start a new one.",
            "本页面有该情景未完成的演练：可在下方继续，或重新开始。",
        ));
    }
    super::run_with(launch, move |app| {
        if test {
            app.insert_resource(super::trace::TraceTo::Page);
        }
        // "Join an exercise" starts with the server that sent the page.
        if !host.is_empty() {
            app.insert_resource(super::remote::JoinForm {
                url: socket_beside(&host, &path, secure),
                code: String::new(),
            });
        }
        // Before the plugins: their `init_resource` keeps it.
        app.insert_resource(super::UiState {
            toast: notice.map(str::to_string),
            ..Default::default()
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_joins_the_server_the_page_came_from() {
        let (l, test) = launch(
            &params("?code=AB12-CD&test=1"),
            "127.0.0.1:7878",
            "/",
            false,
        );
        assert_eq!(
            l.join,
            Some(("ws://127.0.0.1:7878/ws".into(), "AB12-CD".into()))
        );
        assert!(test);
        let (l, test) = launch(&params("code=X"), "example.org", "/index.html", true);
        assert_eq!(l.join.unwrap().0, "wss://example.org/ws");
        assert!(!test);
        let (l, _) = launch(
            &params("code=X&server=10.0.0.5:9000"),
            "example.org",
            "/",
            false,
        );
        assert_eq!(l.join.unwrap().0, "ws://10.0.0.5:9000/ws");
        // Behind a proxy at a path prefix, the socket is beside the page.
        let (l, _) = launch(&params("code=X"), "ex.org", "/hotline/", true);
        assert_eq!(l.join.unwrap().0, "wss://ex.org/hotline/ws");
        let (l, _) = launch(&params("code=X"), "h:1", "", false);
        assert_eq!(l.join.unwrap().0, "ws://h:1/ws");
        let (l, _) = launch(&params("code=X&server=ws://a:2"), "h:1", "/", false);
        assert_eq!(l.join.unwrap().0, "ws://a:2/ws");
    }

    #[test]
    fn solo_parameters_open_a_bundled_scenario_as_that_team() {
        let q = "?scenario=wrong-target&mode=solo&team=dhs&seed=42&lang=zh";
        let (l, _) = launch(&params(q), "h", "/", false);
        assert_eq!(
            l.scenario,
            Some(paths::bundled_scenarios_dir().join("wrong-target.ron"))
        );
        assert_eq!(
            (l.mode, l.team.as_deref(), l.seed),
            (Mode::Solo, Some("dhs"), Some(42))
        );
        assert_eq!(l.lang, Some(Lang::Zh));
        assert!(l.join.is_none());
        let (l, _) = launch(
            &params("scenario=wrong-target&mode=observer&seed=x"),
            "h",
            "/",
            false,
        );
        assert_eq!((l.mode, l.seed), (Mode::Observer, None));
    }

    #[test]
    fn escaped_parameters_are_decoded() {
        let p = params("?team=d%68s&x=a+b&bad=%G1&empty=");
        assert_eq!(p[0], ("team".into(), "dhs".into()));
        assert_eq!(p[1].1, "a b");
        assert_eq!(p[2].1, "%G1");
        assert_eq!(p[3].1, "");
    }

    #[test]
    fn a_scenario_with_an_unfinished_exercise_is_offered_for_resuming() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = paths::bundled_scenarios_dir().join("wrong-target.ron");
        assert_eq!(unfinished_of(&scenario, dir.path()), None);
        let (ex, _) =
            crate::app::exercise::start_in(&scenario, Mode::Solo, Some("dhs"), Some(1), dir.path())
                .unwrap();
        let journal = ex.journal.clone().unwrap();
        assert_eq!(unfinished_of(&scenario, dir.path()), Some(journal));
        let other = paths::bundled_scenarios_dir().join("borrowed-flag.ron");
        assert_eq!(unfinished_of(&other, dir.path()), None);
    }
}
