//! The browser client's files, served by the workshop server at `/` so a
//! participant opens `http://HOST:PORT/?code=CODE` and plays: nothing to
//! install. The folder is what `scripts/build-web.sh` writes; each file is
//! sent as its `.br` or `.gz` sibling to browsers that accept one.

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse};
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Where `scripts/build-web.sh` puts the bundle, next to this program's own
/// build (`target/release/hotline` → `target/web-bundle`), else under the working
/// folder.
pub fn default_dir() -> PathBuf {
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.join("web-bundle")));
    beside_exe
        .filter(|d| is_bundle(d))
        .unwrap_or_else(|| PathBuf::from("target/web-bundle"))
}

/// A folder holding a built client.
pub fn is_bundle(dir: &Path) -> bool {
    dir.join("index.html").is_file() && dir.join("hotline_bg.wasm").is_file()
}

/// What a browser gets at `/`: the client, or a page saying how to build it.
pub fn routes<S: Clone + Send + Sync + 'static>(dir: Option<&Path>) -> Router<S> {
    match dir.filter(|d| is_bundle(d)) {
        // File names carry no hash: a browser must ask again each visit, or
        // it may pair a cached `hotline.js` with a rebuilt module.
        Some(d) => Router::new()
            .fallback_service(
                ServeDir::new(d)
                    .precompressed_br()
                    .precompressed_gzip()
                    .append_index_html_on_directories(true),
            )
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-cache"),
            )),
        None => {
            let page = missing_page(dir);
            Router::new().fallback(move || async move {
                (StatusCode::NOT_FOUND, Html(page)).into_response()
            })
        }
    }
}

/// Why there is no client, and the command that builds one.
pub fn missing(dir: Option<&Path>) -> String {
    let dir = dir.map_or_else(default_dir, Path::to_path_buf);
    format!(
        "the browser client is not built in {}: run `bash scripts/build-web.sh` in Hotline's source folder, then restart the server (or pass --web DIR)",
        dir.display()
    )
}

fn missing_page(dir: Option<&Path>) -> String {
    format!(
        "<!doctype html><meta charset=utf-8><title>Hotline</title>\
         <h1>Hotline workshop server</h1><p>Seats connect to <code>/ws</code>.</p>\
         <p>This server has no browser client: {}.</p>",
        html_escape(&missing(dir))
    )
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
