//! `hotline lsp` driven as an editor would: the binary spawned, framed
//! JSON-RPC over its stdin and stdout, every wait bounded. Its diagnostics
//! must be `hotline check`'s on every bundled scenario and fixture.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: u64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("hotline lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            while let Some(v) = read_frame(&mut out) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 0,
        };
        let init = c.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        assert_eq!(init["capabilities"]["hoverProvider"], json!(true));
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let v = self.wait(|m| m["id"] == json!(id));
        assert!(v.get("error").is_none(), "{method} failed: {v}");
        v["result"].clone()
    }

    /// The next message that passes `want`; others are dropped.
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .rx
                .recv_timeout(left)
                .expect("the server answered in time");
            if want(&m) {
                return m;
            }
        }
    }

    /// Opens (or replaces) a document and returns its published diagnostics.
    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ron", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character },
                    "context": { "includeDeclaration": true } }),
        )
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": "shutdown" }));
        let _ = self.rx.recv_timeout(WAIT);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn uri_of(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// Scenario files an editor could open: bundled scenarios and every
/// fixture that is a UTF-8 text file.
fn corpus() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && p.extension().is_none() {
                walk(&p, out);
            } else if p.is_file() && p.extension().is_some_and(|x| x == "ron") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("scenarios"), &mut out);
    walk(&root().join("tests/fixtures"), &mut out);
    // Test plans are left to `hotline check PLAN.ron` (see lsp::diagnostics).
    out.retain(|p| {
        std::fs::read_to_string(p)
            .is_ok_and(|t| t.len() < 1 << 20 && !hotline::sim::plan::looks_like_plan(&t))
    });
    out.sort();
    out
}

/// `check --format json`'s diagnostics as (code, severity, range) in LSP
/// terms, with the message.
fn check_json(path: &Path, text: &str) -> Vec<(String, u64, [u64; 4], String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let src = text.strip_prefix('\u{feff}').unwrap_or(text);
    let utf16 = |line: u64, col: u64| -> [u64; 2] {
        let l = src.split('\n').nth(line as usize - 1).unwrap_or("");
        let units: usize = l.chars().take(col as usize - 1).map(char::len_utf16).sum();
        [line - 1, units as u64]
    };
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = d["line"]
                .as_u64()
                .map_or([0, 0], |l| utf16(l, d["col"].as_u64().unwrap()));
            let end = d["end_line"]
                .as_u64()
                .map_or([0, 0], |l| utf16(l, d["end_col"].as_u64().unwrap()));
            let sev = if d["severity"] == "error" { 1 } else { 2 };
            let code = d["code"].as_str().unwrap().to_string();
            (
                code,
                sev,
                [start[0], start[1], end[0], end[1]],
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn lsp_tuple(d: &Value) -> (String, u64, [u64; 4], String) {
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap();
    let message = d["message"].as_str().unwrap();
    let first = message.split("\nhelp: ").next().unwrap().to_string();
    (
        d["code"].as_str().unwrap().to_string(),
        n(&d["severity"]),
        [
            n(&r["start"]["line"]),
            n(&r["start"]["character"]),
            n(&r["end"]["line"]),
            n(&r["end"]["character"]),
        ],
        first,
    )
}

#[test]
fn diagnostics_match_check_on_every_bundled_scenario_and_fixture() {
    let files = corpus();
    assert!(files.len() >= 10, "only {} files", files.len());
    let mut with_findings = 0;
    let mut c = Client::start();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let expected = check_json(path, &text);
        let got: Vec<_> = c.open(&uri_of(path), &text).iter().map(lsp_tuple).collect();
        assert_eq!(got, expected, "{}", path.display());
        with_findings += usize::from(!expected.is_empty());
    }
    assert!(
        with_findings >= 4,
        "only {with_findings} files had findings to compare"
    );
}

/// Line and UTF-16 column of the first occurrence of `needle` after `after`.
fn find(text: &str, after: &str, needle: &str) -> (u32, u32) {
    let base = text.find(after).expect("anchor present");
    let i = base + text[base..].find(needle).expect("needle present");
    let line = text[..i].matches('\n').count() as u32;
    let start = text[..i].rfind('\n').map_or(0, |j| j + 1);
    (line, text[start..i].encode_utf16().count() as u32)
}

const MINIMAL: &str = "tests/fixtures/valid/minimal.ron";

#[test]
fn diagnostics_follow_the_text_as_it_is_typed() {
    let text = std::fs::read_to_string(root().join(MINIMAL)).unwrap();
    let uri = "file:///tmp/typing.ron";
    let mut c = Client::start();
    assert!(c.open(uri, &text).is_empty());
    let broken = text.replacen(
        "channels: [\"email\", \"hotline\"]",
        "channels: [\"email\", \"hotlin\"]",
        1,
    );
    assert_ne!(broken, text, "the edit applies");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": broken }] }),
    );
    let d = c.diagnostics(uri);
    assert!(
        d.iter()
            .any(|d| d["code"] == "HL0101" || d["message"].as_str().unwrap().contains("hotlin")),
        "{d:?}"
    );
    let (line, ch) = find(&broken, "messages:", "\"hotlin\"");
    assert!(
        d.iter()
            .any(|d| d["range"]["start"] == json!({ "line": line, "character": ch })),
        "{d:?}"
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": text }] }),
    );
    assert!(c.diagnostics(uri).is_empty());
}

#[test]
fn hover_shows_the_format_guide_row_for_the_field_in_its_record() {
    let text = std::fs::read_to_string(root().join(MINIMAL)).unwrap();
    let uri = "file:///tmp/hover.ron";
    let mut c = Client::start();
    c.open(uri, &text);
    let (line, ch) = find(&text, "id: \"email\"", "latency");
    let h = c.at("textDocument/hover", uri, line, ch + 2);
    let value = h["contents"]["value"].as_str().expect("hover text");
    assert!(value.contains("transit time"), "{value}");
    // `min` in an answer is the floor, not a variable's range.
    let (line, ch) = find(&text, "answer:", "min:");
    let h = c.at("textDocument/hover", uri, line, ch);
    assert!(
        h["contents"]["value"].as_str().unwrap().contains("floor"),
        "{h}"
    );
    // A variant is documented too.
    let (line, ch) = find(&text, "ack_notify", "ReplyWithin");
    let h = c.at("textDocument/hover", uri, line, ch + 3);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("ReplyWithin"),
        "{h}"
    );
}

#[test]
fn definition_and_references_follow_ids_across_the_file() {
    let text = std::fs::read_to_string(root().join(MINIMAL)).unwrap();
    let uri = "file:///tmp/nav.ron";
    let mut c = Client::start();
    c.open(uri, &text);
    // `notify` in the DHS persona's first rule.
    let (line, ch) = find(&text, "id: \"tell\"", "\"notify\"");
    let def = c.at("textDocument/definition", uri, line, ch + 2);
    let (dline, dch) = find(&text, "messages:", "\"notify\"");
    assert_eq!(
        def["range"]["start"],
        json!({ "line": dline, "character": dch }),
        "{def}"
    );
    let refs = c.at("textDocument/references", uri, dline, dch + 1);
    let n = text.matches("\"notify\"").count();
    assert_eq!(refs.as_array().unwrap().len(), n, "{refs}");
}

#[test]
fn completion_offers_ids_of_the_right_kind_and_the_record_s_fields() {
    let text = std::fs::read_to_string(root().join(MINIMAL)).unwrap();
    let uri = "file:///tmp/complete.ron";
    let mut c = Client::start();
    c.open(uri, &text);
    let labels = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    // Inside `msg: "notify"`: message types only.
    let (line, ch) = find(&text, "id: \"tell\"", "\"notify\"");
    let ids = labels(&c.at("textDocument/completion", uri, line, ch + 1));
    assert!(
        ids.contains(&"ack".to_string()) && ids.contains(&"blame".to_string()),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"email".to_string()),
        "a channel offered for a message: {ids:?}"
    );
    // At the start of a channel's field: the channel fields of the guide.
    let (line, ch) = find(&text, "id: \"email\"", "latency");
    let fields = labels(&c.at("textDocument/completion", uri, line, ch));
    for f in ["latency", "translation", "suspendable_by", "ack_deadline"] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
    // After `kind:`: variants, Voice among them.
    let (line, ch) = find(&text, "id: \"email\"", "Email");
    let vs = labels(&c.at("textDocument/completion", uri, line, ch));
    assert!(vs.contains(&"Voice".to_string()), "{vs:?}");
}
