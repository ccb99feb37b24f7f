//! Files in a browser page: the page's `localStorage`, one key per file
//! ("hotline:" + path) and one for its time, so a journal outlives the tab.
//! The bundled scenarios are compiled in, read-only. Without storage
//! (blocked by the browser's settings) files live in memory for the visit;
//! native tests run this module on that memory (`fs::web`).

// Natively only the tests use it.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use super::super::BUNDLED;
use super::{Path, PathBuf, io};
use std::cell::RefCell;
use std::collections::BTreeMap;

const FILE: &str = "hotline:";
const TIME: &str = "hotline-t:";

thread_local! {
    static MEMORY: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        return s.get_item(key).ok()?;
    }
    MEMORY.with(|m| m.borrow().get(key).cloned())
}

fn set(key: &str, value: &str) -> io::Result<()> {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        return s.set_item(key, value).map_err(|_| {
            io::Error::new(
                io::ErrorKind::StorageFull,
                "the browser's storage for this page is full",
            )
        });
    }
    MEMORY.with(|m| m.borrow_mut().insert(key.to_string(), value.to_string()));
    Ok(())
}

fn keys() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        let n = s.length().unwrap_or(0);
        return (0..n).filter_map(|i| s.key(i).ok().flatten()).collect();
    }
    MEMORY.with(|m| m.borrow().keys().cloned().collect())
}

/// The path as a key: `/`-separated, without a leading `./`.
fn name(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").trim_end_matches('/').to_string()
}

fn bundled(path: &Path) -> Option<&'static str> {
    let n = name(path);
    BUNDLED.iter().find(|(p, _)| *p == n).map(|(_, text)| *text)
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("no file {} in this page's storage", path.display()),
    )
}

pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    if let Some(text) = bundled(path) {
        return Ok(text.as_bytes().to_vec());
    }
    get(&format!("{FILE}{}", name(path)))
        .map(String::into_bytes)
        .ok_or_else(|| not_found(path))
}

pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = read(path)?;
    bytes.truncate(limit as usize);
    Ok(bytes)
}

/// Storage holds text: a file must be UTF-8 (every file Hotline writes is).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let n = name(path);
    // The file's text is the last thing that can fail: a write reported
    // as failed must not have stored it (the journal relies on that).
    let _ = set(
        &format!("{TIME}{n}"),
        &super::super::unix_secs().to_string(),
    );
    set(&format!("{FILE}{n}"), text)
}

/// One `setItem` is already all or nothing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes)
}

/// Folders are implied by the paths of the files in them.
pub fn create_dir_all(_: &Path) -> io::Result<()> {
    Ok(())
}

pub fn exists(path: &Path) -> bool {
    is_file(path) || is_dir(path).unwrap_or(false)
}

pub fn is_file(path: &Path) -> bool {
    bundled(path).is_some() || get(&format!("{FILE}{}", name(path))).is_some()
}

pub fn is_dir(path: &Path) -> io::Result<bool> {
    let prefix = format!("{}/", name(path));
    Ok(BUNDLED.iter().any(|(p, _)| p.starts_with(&prefix))
        || keys()
            .iter()
            .any(|k| k.strip_prefix(FILE).is_some_and(|p| p.starts_with(&prefix))))
}

/// The files directly in `dir` (subfolders are not listed).
pub fn list(dir: &Path) -> io::Result<Vec<(PathBuf, f64)>> {
    let prefix = format!("{}/", name(dir));
    let direct = |p: &str| {
        p.strip_prefix(&prefix)
            .is_some_and(|rest| !rest.contains('/'))
    };
    let mut v: Vec<(PathBuf, f64)> = BUNDLED
        .iter()
        .filter(|(p, _)| direct(p))
        .map(|(p, _)| (PathBuf::from(p), 0.0))
        .collect();
    for k in keys() {
        // A stored file under a bundled file's path is never read back.
        let shadowed = |p: &str| BUNDLED.iter().any(|(b, _)| *b == p);
        if let Some(p) = k.strip_prefix(FILE).filter(|p| direct(p) && !shadowed(p)) {
            let t = get(&format!("{TIME}{p}"))
                .and_then(|t| t.parse().ok())
                .unwrap_or(0.0);
            v.push((PathBuf::from(p), t));
        }
    }
    Ok(v)
}

/// Appends by rewriting the stored text: journals are small, and storage
/// has no append.
pub struct Appender(PathBuf);

impl Appender {
    pub fn create_new(path: &Path) -> io::Result<Appender> {
        if exists(path) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} already exists", path.display()),
            ));
        }
        write(path, b"")?;
        Ok(Appender(path.to_path_buf()))
    }

    pub fn truncate_to(path: &Path, len: u64) -> io::Result<Appender> {
        let mut bytes = read(path)?;
        bytes.truncate(len as usize);
        write(path, &bytes)?;
        Ok(Appender(path.to_path_buf()))
    }

    pub fn write_synced(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut all = read(&self.0)?;
        all.extend_from_slice(bytes);
        write(&self.0, &all)
    }
}

/// Puts a file where its user finds it: in a browser, a download named
/// after the path's file name.
#[cfg(target_arch = "wasm32")]
pub fn export(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let fail = |what: &str| io::Error::other(format!("the browser refused the download ({what})"));
    let name = path
        .file_name()
        .map_or("hotline".into(), |n| n.to_string_lossy().into_owned());
    let mime = match path.extension().and_then(|x| x.to_str()) {
        Some("html") => "text/html;charset=utf-8",
        Some("md") => "text/markdown;charset=utf-8",
        _ => "text/plain;charset=utf-8",
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no page"))?;
    let a: web_sys::HtmlAnchorElement =
        wasm_bindgen::JsCast::dyn_into(document.create_element("a").map_err(|_| fail("link"))?)
            .map_err(|_| fail("link"))?;
    a.set_href(&url);
    a.set_download(&name);
    // The URL is not revoked: the download may still be reading it, and a
    // report is small enough to keep for the visit.
    a.click();
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    // Each test runs on its own thread, so on its own empty memory.

    fn read_to_string(p: &Path) -> io::Result<String> {
        Ok(String::from_utf8(read(p)?).unwrap())
    }

    #[test]
    fn files_are_read_back_and_listed_with_their_folder_only() {
        let j = Path::new("hotline-data/journals/a.journal");
        assert!(read(j).is_err());
        write(j, b"header\n").unwrap();
        write(Path::new("./hotline-data/journals/b.journal"), b"x").unwrap();
        write(Path::new("hotline-data/settings.json"), b"{}").unwrap();
        write(Path::new("hotline-data/journals/old/c.journal"), b"x").unwrap();
        assert_eq!(read_to_string(j).unwrap(), "header\n");
        let mut names: Vec<PathBuf> = list(Path::new("hotline-data/journals"))
            .unwrap()
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                PathBuf::from("hotline-data/journals/a.journal"),
                PathBuf::from("hotline-data/journals/b.journal")
            ]
        );
        assert!(is_dir(Path::new("hotline-data")).unwrap());
        assert!(is_file(j) && !is_file(Path::new("hotline-data")));
        assert!(list(Path::new("nowhere")).unwrap().is_empty());
        assert!(write(j, &[0xff, 0xfe]).is_err(), "storage holds text only");
    }

    #[test]
    fn the_bundled_scenarios_are_there_and_cannot_be_replaced() {
        let wt = Path::new("scenarios/wrong-target.ron");
        let text = read_to_string(wt).unwrap();
        assert!(text.contains("wrong-target"));
        let listed = list(Path::new("scenarios")).unwrap();
        assert_eq!(listed.len(), BUNDLED.len());
        write(wt, b"(meta: 3)").unwrap();
        assert_eq!(read_to_string(wt).unwrap(), text);
        assert_eq!(list(Path::new("scenarios")).unwrap().len(), BUNDLED.len());
    }

    #[test]
    fn an_appender_adds_to_the_end_and_never_replaces_a_stored_file() {
        let f = Path::new("hotline-data/journals/j.journal");
        let mut a = Appender::create_new(f).unwrap();
        a.write_synced(b"one\n").unwrap();
        a.write_synced(b"two\n").unwrap();
        assert!(Appender::create_new(f).is_err());
        assert_eq!(read_to_string(f).unwrap(), "one\ntwo\n");
        let mut a = Appender::truncate_to(f, 4).unwrap();
        a.write_synced(b"three\n").unwrap();
        assert_eq!(read_to_string(f).unwrap(), "one\nthree\n");
    }
}
