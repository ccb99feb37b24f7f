//! The browser client's files at `/`: served precompressed when the browser
//! accepts it, never from outside their folder, and when they are not
//! built, a page saying how to build them.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use hotline::net::server::Server;

/// One HTTP/1.1 GET over loopback: (status line, headers, body).
fn get(server: &Server, path: &str, accept: &str) -> (String, String, Vec<u8>) {
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
    (
        status.to_string(),
        headers.to_lowercase(),
        raw[split + 4..].to_vec(),
    )
}

fn bundle(dir: &Path) {
    std::fs::write(dir.join("index.html"), "<canvas id=hotline>").unwrap();
    std::fs::write(dir.join("index.html.br"), "brotli bytes").unwrap();
    std::fs::write(dir.join("hotline_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("hotline_bg.wasm.gz"), "gzip bytes").unwrap();
}

#[test]
fn the_page_and_its_files_are_served_precompressed_to_browsers_that_accept_it() {
    let dir = tempfile::tempdir().unwrap();
    bundle(dir.path());
    let server = Server::start_with_web("127.0.0.1:0".parse().unwrap(), Some(dir.path())).unwrap();

    let (status, headers, body) = get(&server, "/?code=ABCD", "gzip, br");
    assert!(status.contains("200"), "{status}");
    assert!(headers.contains("content-encoding: br"), "{headers}");
    assert!(headers.contains("cache-control: no-cache"), "{headers}");
    assert_eq!(body, b"brotli bytes");

    let (status, headers, body) = get(&server, "/", "identity");
    assert!(status.contains("200"), "{status}");
    assert!(!headers.contains("content-encoding"), "{headers}");
    assert_eq!(body, b"<canvas id=hotline>");

    let (_, headers, body) = get(&server, "/hotline_bg.wasm", "gzip");
    assert!(
        headers.contains("content-type: application/wasm"),
        "{headers}"
    );
    assert!(headers.contains("content-encoding: gzip"), "{headers}");
    assert_eq!(body, b"gzip bytes");
}

#[test]
fn nothing_outside_the_client_folder_is_served() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("web");
    std::fs::create_dir(&dir).unwrap();
    bundle(&dir);
    std::fs::write(root.path().join("secret.journal"), "private").unwrap();
    let server = Server::start_with_web("127.0.0.1:0".parse().unwrap(), Some(&dir)).unwrap();
    for path in [
        "/../secret.journal",
        "/%2e%2e/secret.journal",
        "/web/../../secret.journal",
    ] {
        let (status, _, body) = get(&server, path, "identity");
        assert!(!status.contains("200"), "{path}: {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("private"),
            "{path}"
        );
    }
}

#[test]
fn without_a_built_client_the_page_says_how_to_build_it_and_seats_still_join() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_web("127.0.0.1:0".parse().unwrap(), Some(dir.path())).unwrap();
    let (status, _, body) = get(&server, "/", "gzip");
    assert!(status.contains("404"), "{status}");
    let page = String::from_utf8_lossy(&body);
    assert!(page.contains("scripts/build-web.sh"), "{page}");
    assert!(page.contains(&dir.path().display().to_string()), "{page}");
    // The socket path is not swallowed by the page.
    let (status, _, _) = get(&server, "/ws", "identity");
    assert!(!status.contains("404"), "{status}");
}

#[test]
fn a_browser_that_drops_a_download_halfway_does_not_stop_the_server() {
    // The real binary: SIGPIPE is a process-wide setting of `main`, which an
    // in-process server would never see.
    let dir = tempfile::tempdir().unwrap();
    bundle(dir.path());
    // Big enough that the server is still writing when the reader goes.
    std::fs::write(dir.path().join("big.wasm"), vec![7u8; 32 << 20]).unwrap();
    let sc = super::support::root().join("scenarios/wrong-target.ron");
    let web = dir.path().to_str().unwrap();
    let (mut child, first) = super::support::serve_logged(
        &[
            sc.to_str().unwrap(),
            "--bind",
            "127.0.0.1:0",
            "--web",
            web,
            "--codes-json",
        ],
        true,
        None,
    );
    let ws = first["url"].as_str().unwrap();
    let addr = ws
        .trim_start_matches("ws://")
        .trim_end_matches("/ws")
        .to_string();
    // Dropped at varied moments: a write into a reset connection is what
    // raised the signal, and when that happens is a race.
    for i in 0..40 {
        let Ok(mut s) = TcpStream::connect(&addr) else {
            break;
        };
        let req = format!("GET /big.wasm HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        let _ = s.write_all(req.as_bytes());
        let mut some = [0u8; 4096];
        let _ = s.read(&mut some);
        drop(s); // unread data: the kernel answers the server with a reset
        std::thread::sleep(Duration::from_millis(20 * (i % 5)));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "hotline serve died when a download was dropped: {:?}",
        child.try_wait()
    );
    let mut s = TcpStream::connect(&addr).expect("the server still listens");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let req = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut page = String::new();
    s.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let _ = child.kill();
}
