//! `hotline lsp`: a language server for scenario files over stdio.
//! Diagnostics come from the loader and checker `hotline check` uses, hover
//! and completion from docs/scenario-format.md, definitions and references
//! from the checker's id tables. Bevy-free; no network.

use std::collections::HashMap;
use std::path::Path;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::Value;

use crate::scenario::diag::{Diagnostic, Severity};
use crate::scenario::load::ron_options;
use crate::scenario::model::Scenario;
use crate::scenario::spans::Spans;

pub mod docs;
pub mod nav;
pub mod text;

/// An open document: its text and the last version of it that parsed
/// (ids for completion survive a half-typed edit).
struct Doc {
    text: String,
    parsed: Option<Scenario>,
}

/// Runs the server on stdin and stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (conn, io) = Connection::stdio();
    // Full text sync (1): scenario files are small.
    let caps = serde_json::json!({
        "textDocumentSync": 1,
        "hoverProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "completionProvider": { "triggerCharacters": ["\"", "("] },
    });
    conn.initialize(caps).map_err(|e| e.to_string())?;
    serve(&conn)?;
    drop(conn);
    io.join().map_err(|e| e.to_string())
}

fn serve(conn: &Connection) -> Result<(), String> {
    let mut docs: HashMap<String, Doc> = HashMap::new();
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let resp = answer(&docs, req);
                send(conn, Message::Response(resp))?;
            }
            Message::Notification(n) => {
                if let Some(uri) = update(&mut docs, n)? {
                    let diags = docs
                        .get(&uri)
                        .map_or(Vec::new(), |d| diagnostics(&uri, &d.text));
                    let params = serde_json::json!({ "uri": uri, "diagnostics": diags });
                    send(
                        conn,
                        Message::Notification(Notification::new(
                            "textDocument/publishDiagnostics".into(),
                            params,
                        )),
                    )?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(conn: &Connection, m: Message) -> Result<(), String> {
    conn.sender.send(m).map_err(|e| e.to_string())
}

/// Applies an open, change or close; returns the document whose
/// diagnostics must be published.
fn update(docs: &mut HashMap<String, Doc>, n: Notification) -> Result<Option<String>, String> {
    let p = &n.params;
    let uri = p["textDocument"]["uri"].as_str().map(str::to_string);
    let text = match n.method.as_str() {
        "textDocument/didOpen" => p["textDocument"]["text"].as_str().map(str::to_string),
        // Full sync: the last change holds the whole text.
        "textDocument/didChange" => p["contentChanges"]
            .as_array()
            .and_then(|c| c.last())
            .and_then(|c| c["text"].as_str())
            .map(str::to_string),
        "textDocument/didClose" => {
            if let Some(u) = &uri {
                docs.remove(u);
            }
            return Ok(uri);
        }
        _ => return Ok(None),
    };
    let (Some(uri), Some(text)) = (uri, text) else {
        return Ok(None);
    };
    let parsed = ron_options().from_str::<Scenario>(&text).ok();
    let doc = docs.entry(uri.clone()).or_insert(Doc {
        text: String::new(),
        parsed: None,
    });
    doc.text = text;
    if parsed.is_some() {
        doc.parsed = parsed;
    }
    Ok(Some(uri))
}

/// The file name diagnostics carry: the path of a `file:` URI.
fn file_of(uri: &str) -> String {
    uri.strip_prefix("file://").unwrap_or(uri).to_string()
}

/// The checker's findings as LSP diagnostics: what `hotline check` prints
/// for the same text, with the same codes and spans.
pub fn diagnostics(uri: &str, text: &str) -> Vec<Value> {
    let file = file_of(uri);
    // A test plan is checked against its scenario, which an editor buffer
    // alone does not name reliably: `hotline check PLAN.ron` does that.
    // Reporting it as a broken scenario would only mislead.
    if crate::sim::plan::looks_like_plan(text) {
        return Vec::new();
    }
    let found: Vec<Diagnostic> = match crate::scenario::load_str(Path::new(&file), text) {
        Ok(loaded) => loaded.warnings,
        Err(d) => d,
    };
    let src = text.strip_prefix('\u{feff}').unwrap_or(text);
    found.iter().map(|d| to_lsp_diag(src, d)).collect()
}

fn to_lsp_diag(src: &str, d: &Diagnostic) -> Value {
    let (start, end) = match (d.start, d.end) {
        (Some(s), Some(e)) => (text::to_lsp(src, s), text::to_lsp(src, e)),
        _ => ((0, 0), (0, 0)),
    };
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    serde_json::json!({
        "range": range(start, end),
        "severity": if d.severity == Severity::Error { 1 } else { 2 },
        "code": d.code.as_str(),
        "source": "hotline",
        "message": message,
    })
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    serde_json::json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 },
    })
}

fn answer(docs: &HashMap<String, Doc>, req: Request) -> Response {
    let Request { id, method, params } = req;
    let uri = params["textDocument"]["uri"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let line = params["position"]["line"].as_u64().unwrap_or(0) as u32;
    let character = params["position"]["character"].as_u64().unwrap_or(0) as u32;
    let Some(doc) = docs.get(&uri) else {
        return ok(id, Value::Null);
    };
    let src = doc.text.strip_prefix('\u{feff}').unwrap_or(&doc.text);
    let (offset, pos) = text::from_lsp(src, line, character);
    let result = match method.as_str() {
        "textDocument/hover" => hover(src, offset),
        "textDocument/definition" => locate(src, pos, &uri, |sites, at| {
            nav::definition(sites, at).into_iter().collect()
        })
        .and_then(|mut v| v.pop())
        .unwrap_or(Value::Null),
        "textDocument/references" => {
            let with_decl = params["context"]["includeDeclaration"]
                .as_bool()
                .unwrap_or(true);
            locate(src, pos, &uri, |sites, at| {
                nav::references(sites, at, with_decl)
            })
            .map(Value::Array)
            .unwrap_or(Value::Null)
        }
        "textDocument/completion" => Value::Array(complete(src, offset, doc.parsed.as_ref())),
        _ => {
            return Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("unsupported request {method}"),
            );
        }
    };
    ok(id, result)
}

fn ok(id: RequestId, v: Value) -> Response {
    Response::new_ok(id, v)
}

/// Runs `pick` on the id sites of the current text (which must parse) at
/// the cursor, and returns LSP locations.
fn locate(
    src: &str,
    pos: crate::scenario::diag::Pos,
    uri: &str,
    pick: impl for<'s> Fn(&'s [nav::Site], &nav::Site) -> Vec<&'s nav::Site>,
) -> Option<Vec<Value>> {
    let s: Scenario = ron_options().from_str(src).ok()?;
    let spans = Spans::new(src);
    let sites = nav::sites(&s, &spans);
    let at = nav::at(&sites, pos)?;
    Some(
        pick(&sites, at)
            .into_iter()
            .map(|site| {
                serde_json::json!({
                    "uri": uri,
                    "range": range(text::to_lsp(src, site.start), text::to_lsp(src, site.end)),
                })
            })
            .collect(),
    )
}

/// The fields that lead from the top of the file to `offset`.
fn field_chain(spans: &Spans, offset: usize) -> (Vec<String>, Option<String>) {
    let frames = spans.frames_at(offset);
    let variant = frames.last().and_then(|f| f.variant.clone());
    (
        frames.into_iter().filter_map(|f| f.field).collect(),
        variant,
    )
}

/// Hover text for the word under the cursor: a field (documented in the
/// section of the record it is in) or a variant.
pub fn hover(src: &str, offset: usize) -> Value {
    let Some((start, word)) = text::word_at(src, offset) else {
        return Value::Null;
    };
    if text::in_string(src, start) {
        return Value::Null;
    }
    let after = src[start + word.len()..].trim_start();
    let row = if after.starts_with(':') {
        let spans = Spans::new(src);
        let (chain, variant) = field_chain(&spans, start);
        let refs: Vec<&str> = chain.iter().map(String::as_str).collect();
        // A named field of a variant (`Sent(msg: ..)`) is documented with it.
        match variant.and_then(|v| docs::lookup(None, &v).filter(|_| v != "Some")) {
            Some(row) => Some(row),
            None => docs::lookup(docs::section_for(&refs), word),
        }
    } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        docs::variants()
            .into_iter()
            .find(|(n, _)| n == word)
            .map(|(_, r)| r)
    } else {
        None
    };
    match row {
        Some(r) => serde_json::json!({
            "contents": { "kind": "markdown", "value": docs::render(r) },
        }),
        None => Value::Null,
    }
}

/// Completion: ids inside a string (of the kind the field holds, when
/// known), variants after a colon, field names elsewhere.
pub fn complete(src: &str, offset: usize, parsed: Option<&Scenario>) -> Vec<Value> {
    let spans = Spans::new(src);
    let item = |label: &str, kind: u32, detail: &str, insert: String| serde_json::json!({ "label": label, "kind": kind, "detail": detail, "insertText": insert });
    if text::in_string(src, offset) {
        let Some(s) = parsed else { return Vec::new() };
        let frames = spans.frames_at(offset);
        let n = frames.len();
        let field = frames.last().and_then(|f| f.field.clone());
        let variant = n.checked_sub(2).and_then(|i| frames[i].variant.clone());
        let wanted = nav::kind_for(field.as_deref(), variant.as_deref());
        let kinds: Vec<crate::scenario::IdKind> = match wanted {
            Some(k) => vec![k],
            None => crate::scenario::IdKind::ALL.to_vec(),
        };
        return kinds
            .into_iter()
            .flat_map(|k| {
                crate::scenario::ids::declared(s, k)
                    .into_iter()
                    .map(move |d| item(d.id, 18, k.noun(), d.id.to_string()))
            })
            .collect();
    }
    // After `field:` (or `field: Outer(`) comes a value: offer variants.
    let before = src[..text::boundary(src, offset)]
        .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
        .trim_end();
    let value_pos = before.ends_with(':')
        || (before.ends_with('(') && {
            let head = before[..before.len() - 1].trim_end();
            head.ends_with(|c: char| c.is_ascii_alphanumeric())
        });
    if value_pos {
        return docs::variants()
            .into_iter()
            .map(|(n, r)| item(&n, 20, &r.section, n.clone()))
            .collect();
    }
    let (chain, _) = field_chain(&spans, offset);
    let refs: Vec<&str> = chain.iter().map(String::as_str).collect();
    let section = if refs.is_empty() {
        Some("Top level")
    } else {
        docs::section_for(&refs)
    };
    section
        .map(docs::fields_of)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|r| r.names.iter().map(move |n| (n, r)))
        .map(|(n, r)| {
            item(
                n,
                5,
                r.cells.get(1).map_or("", String::as_str),
                format!("{n}: "),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names the guide documents only in prose, not in a table row.
    const PROSE_ONLY: &[&str] = &["types", "within", "factor", "limit", "cooldown", "question"];

    #[test]
    fn every_field_written_in_the_bundled_scenarios_has_hover_docs() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
        let mut keys = 0;
        let mut missing = std::collections::BTreeSet::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let src = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let mut offset = 0;
            for line in src.split_inclusive('\n') {
                let code = line.split("//").next().unwrap_or("");
                for (i, _) in code.match_indices(':') {
                    let at = offset + i;
                    let Some((start, word)) = text::word_at(&src, at.saturating_sub(1)) else {
                        continue;
                    };
                    if start + word.len() != at || text::in_string(&src, start) {
                        continue;
                    }
                    keys += 1;
                    if hover(&src, start).is_null() {
                        missing.insert(word.to_string());
                    }
                }
                offset += line.len();
            }
        }
        assert!(keys > 1000, "only {keys} field names found");
        let unexpected: Vec<&String> = missing
            .iter()
            .filter(|m| !PROSE_ONLY.contains(&m.as_str()))
            .collect();
        assert!(
            unexpected.is_empty(),
            "no hover for {unexpected:?} ({keys} field names)"
        );
    }
}
