//! The after-action report: a golden report from a fixed journal, the HTML
//! parsed as XML to prove it well-formed, escaping, and the CLI's errors.
//!
//! After an intended change to the report or the drill fixture, run
//! `UPDATE_GOLDEN=1 cargo test --test report` and review the diff.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use hotline::report::{self, Format};
use hotline::scenario::{AuthMethod, Lang, Text};
use hotline::sim::journal::Journal;
use hotline::sim::{Action, Audience, Session, World, session};

const SCENARIO: &str = "tests/fixtures/report/drill.ron";
const JOURNAL: &str = "tests/fixtures/report/drill.journal";
const SEED: u64 = 7;
/// Stands for the spoofed message's id, known only once it is planted.
const SPOOF: u32 = u32::MAX;

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

fn send(team: &str, channel: &str, msg: &str, fields: &[(&str, &str)], text: &str) -> Action {
    Action::Send {
        team: team.into(),
        channel: channel.into(),
        msg: msg.into(),
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        text: text.into(),
        reply_to: None,
    }
}

/// A short exercise touching every section: a persona, notes, a voice call,
/// a public attribution that breaks a norm and climbs a rung, a spoof
/// exposed by code word, a facilitator inject, and an explicit end.
fn drill_actions() -> Vec<(u32, Action)> {
    vec![
        (
            0,
            Action::SetPersona {
                team: "cac".into(),
                persona: Some("coop".into()),
            },
        ),
        (
            0,
            Action::Note("Teams seated; DHS lead is <b>Alice</b> & \"Bob\"".into()),
        ),
        (
            5,
            send(
                "dhs",
                "email",
                "notify",
                &[("systems", "hospital <script>alert(1)</script>")],
                "Ransomware | ambulances diverted",
            ),
        ),
        (
            30,
            send("dhs", "voice", "notify", &[("systems", "hospital")], ""),
        ),
        (
            120,
            Action::CustomInject {
                to: Audience::Teams,
                title: Text {
                    en: "Leak site posts <img src=x onerror=alert(1)>".into(),
                    zh: String::new(),
                },
                text: Text::default(),
            },
        ),
        (
            200,
            send("dhs", "press", "attribute", &[("confidence", "low")], ""),
        ),
        (300, Action::FireInject("spoof".into())),
        (
            665,
            Action::Authenticate {
                team: "cac".into(),
                message: SPOOF,
                method: AuthMethod::CodeWord,
            },
        ),
        (
            700,
            Action::Note("CAC asked which text is 'authoritative'".into()),
        ),
        (1500, Action::End),
    ]
}

fn drill_world() -> (Arc<World>, String) {
    let loaded = hotline::scenario::load_file(&common::path(SCENARIO)).expect("drill loads");
    let world = World::compile(loaded.scenario);
    (Arc::new(world), loaded.source)
}

/// Runs the drill into a fresh journal at `path`.
fn write_drill(path: &Path) {
    let (world, source) = drill_world();
    // Relative, so the journal finds its scenario beside it on any machine.
    let header = session::header(&world, &source, SEED, Some(Path::new("drill.ron")));
    let mut s = Session::journalled(world, &header, path).expect("journal created");
    for (t, mut a) in drill_actions() {
        if let Action::Authenticate { message, .. } = &mut a
            && *message == SPOOF
        {
            let planted = s.engine.state().messages.iter().find(|m| m.spoof.is_some());
            *message = planted.expect("the spoof was planted").id;
        }
        s.submit(t, a.clone())
            .unwrap_or_else(|e| panic!("{a:?} at {t}: {e}"));
    }
    assert!(s.engine.ended());
}

#[test]
fn the_fixture_journal_is_what_the_drill_writes() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("drill.journal");
    write_drill(&fresh);
    let committed = common::path(JOURNAL);
    if updating() {
        std::fs::copy(&fresh, &committed).unwrap();
    }
    let (a, b) = (
        Journal::read(&fresh).unwrap(),
        Journal::read(&committed).expect("fixture journal; run with UPDATE_GOLDEN=1"),
    );
    // The Hotline version in the header is the only field allowed to move.
    let mut bh = b.header.clone();
    bh.hotline = a.header.hotline.clone();
    assert_eq!(a.header, bh);
    assert_eq!(a.records, b.records);
}

fn replay(journal: &Path, to_end: bool) -> report::Replayed {
    report::replay_journal(journal, None, &common::path("scenarios"), to_end)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn golden(name: &str, actual: &str) {
    let path = common::path("tests/golden").join(name);
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file from line {}:\n  golden: {:?}\n  actual: {:?}\nrun with UPDATE_GOLDEN=1 if the change is intended",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn golden_reports_from_the_fixture_journal() {
    let r = replay(&common::path(JOURNAL), false);
    assert!(r.engine.ended(), "the drill ends with an End action");
    golden("report.html", &report::render(&r, Format::Html, Lang::En));
    golden("report.md", &report::render(&r, Format::Markdown, Lang::En));
}

/// An element as the parser saw it: its name and attributes.
type Element = (String, Vec<(String, String)>);

/// Parses the document with an XML parser (quick-xml): every element
/// closed and nested properly, attributes quoted, only XML entities.
/// Returns the elements in document order.
fn parse_xml(doc: &str) -> Vec<Element> {
    use quick_xml::events::{BytesStart, Event};
    let body = doc
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("starts with the HTML5 doctype");
    let mut r = quick_xml::Reader::from_str(body);
    r.config_mut().check_end_names = true;
    let element = |e: &BytesStart, at: u64| -> Element {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("bad attribute at {at}: {err}"));
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap_or_else(|err| panic!("at {at}: {err}"));
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    v.into_owned(),
                )
            })
            .collect();
        (
            String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            attrs,
        )
    };
    let mut depth = 0i32;
    let mut roots = 0;
    let mut out = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                    assert_eq!(e.name().as_ref(), b"html");
                }
                depth += 1;
                out.push(element(&e, r.buffer_position()));
            }
            Ok(Event::Empty(e)) => out.push(element(&e, r.buffer_position())),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                t.decode()
                    .unwrap_or_else(|err| panic!("bad text at {}: {err}", r.buffer_position()));
            }
            Ok(Event::GeneralRef(g)) => {
                let name = g.decode().unwrap();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_ref())
                        || name.starts_with('#'),
                    "entity &{name}; is not an XML entity"
                );
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", r.error_position()),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    assert_eq!(roots, 1);
    out
}

/// Nothing in the file may make the browser fetch or run anything: no
/// elements that load, no source attributes, no external links, no CSS
/// imports or urls.
fn assert_self_contained(doc: &str, elements: &[Element]) {
    for (name, attrs) in elements {
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "audio", "video", "source",
                "image", "use", "base"
            ]
            .contains(&name.as_str()),
            "the report has a <{name}> element"
        );
        for (k, v) in attrs {
            assert!(
                !k.starts_with("on") && k != "src" && k != "srcset",
                "attribute {k}"
            );
            if k == "href" || k == "xlink:href" {
                assert!(v.starts_with('#'), "external link {v}");
            }
        }
    }
    let css = &doc[doc.find("<style>").unwrap()..doc.find("</style>").unwrap()];
    assert!(!css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"));
}

#[test]
fn the_html_is_well_formed_self_contained_and_escaped_in_both_languages() {
    let r = replay(&common::path(JOURNAL), false);
    for lang in [Lang::En, Lang::Zh] {
        let html = report::render(&r, Format::Html, lang);
        let elements = parse_xml(&html);
        assert!(elements.len() > 200);
        assert_self_contained(&html, &elements);
        let sections = elements.iter().filter(|(n, _)| n == "section").count();
        assert_eq!(sections, 11);
        // The author's and players' markup arrives as text.
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;b&gt;Alice&lt;/b&gt; &amp; &quot;Bob&quot;"));
        assert!(html.contains("<svg class=\"chart\""));
        assert!(html.contains("'Noto Sans CJK SC'"));
        assert!(html.contains("@media print"));
    }
    let zh = report::render(&r, Format::Html, Lang::Zh);
    assert!(zh.contains("<html lang=\"zh-Hans\">"));
    assert!(zh.contains("演练总结报告") && zh.contains("即时复盘"));
    assert!(zh.contains("网信办"));
}

#[test]
fn the_report_says_what_happened() {
    let r = replay(&common::path(JOURNAL), false);
    let md = report::render(&r, Format::Markdown, Lang::En);
    // Outcome with its text, the persona, the exposed spoof, the notes.
    assert!(md.contains("**Calm** (mixed; reached at +1 day 1 h)"));
    assert!(md.contains("CAC — computer persona: Cooperative"));
    assert!(md.contains("Spoofed messages: exposed / believed: 1 / 0"));
    assert!(md.contains("CAC asked which text is 'authoritative'"));
    // Objectives: DHS notified in time but attributed in public.
    assert!(md.contains("| **DHS** No public attribution before the facts are in. |"));
    assert!(md.contains("**missed**: No public attribution"));
    // Markdown escapes table pipes and markup.
    assert!(md.contains("Ransomware \\| ambulances diverted"));
    assert!(md.contains("&lt;script&gt;"));
    assert!(!md.contains("<script"));
}

/// The first `n` records of the drill, as a journal of an exercise that
/// was never ended.
fn truncated_journal(dir: &Path, n: usize) -> PathBuf {
    let text = std::fs::read_to_string(common::path(JOURNAL)).unwrap();
    let path = dir.join("cut.journal");
    let lines: Vec<&str> = text.lines().take(n + 1).collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    std::fs::copy(common::path(SCENARIO), dir.join("drill.ron")).unwrap();
    path
}

#[test]
fn an_interrupted_exercise_is_reported_as_it_stood() {
    let dir = tempfile::tempdir().unwrap();
    let path = truncated_journal(dir.path(), 6);
    let r = replay(&path, false);
    assert!(!r.engine.ended());
    assert_eq!(r.engine.now(), 200);
    let html = report::render(&r, Format::Html, Lang::En);
    parse_xml(&html);
    assert!(html.contains("The exercise was interrupted"));
    assert!(html.contains("class=\"cut\""));
    // --to-end plays on: the drill times out into an outcome.
    let r = replay(&path, true);
    assert!(r.engine.ended());
    let md = report::render(&r, Format::Markdown, Lang::Zh);
    assert!(!md.contains("演练中途中断"));
    assert!(md.contains("## 2. 结局"));
}

fn hotline(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_cli_writes_both_formats_and_explains_failures() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let md = dir.path().join("r.md");
    let (code, out, err) = hotline(&["report", JOURNAL, "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("exercise ended"));
    let r = replay(&common::path(JOURNAL), false);
    assert_eq!(
        std::fs::read_to_string(&html).unwrap(),
        report::render(&r, Format::Html, Lang::En)
    );
    let (code, _, err) = hotline(&[
        "report",
        JOURNAL,
        "-o",
        md.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# 演练总结报告")
    );

    // Usage: an output name that says no format.
    let (code, _, err) = hotline(&["report", JOURNAL, "-o", "x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("*.html or *.md"), "{err}");
    // A journal that is not there, or not a journal.
    let (code, _, err) = hotline(&["report", "nope.journal", "-o", "x.md"]);
    assert_eq!(code, 1);
    assert!(err.contains("nope.journal"), "{err}");
    let bad = dir.path().join("bad.journal");
    std::fs::write(&bad, "{\"not\": \"a journal\"}\n").unwrap();
    let (code, _, err) = hotline(&["report", bad.to_str().unwrap(), "-o", "x.md"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a Hotline journal header"), "{err}");
    // The wrong scenario, named explicitly.
    let (code, _, err) = hotline(&[
        "report",
        JOURNAL,
        "-o",
        "x.md",
        "--scenario",
        "tests/fixtures/engine/mechanics.ron",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("not `mechanics`"), "{err}");
    // A journal whose scenario is nowhere to be found.
    let lonely = dir.path().join("lonely.journal");
    std::fs::copy(common::path(JOURNAL), &lonely).unwrap();
    let (code, _, err) = hotline(&["report", lonely.to_str().unwrap(), "-o", "x.md"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot find scenario `report-drill`"), "{err}");
    assert!(!Path::new("x.md").exists() && !common::path("x.md").exists());
}
