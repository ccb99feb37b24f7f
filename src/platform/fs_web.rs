//! Files in a browser page: the page's `localStorage`, one key per file
//! ("hotline:" + path) and one for its time, so a journal outlives the tab.
//! The bundled scenarios are compiled in, read-only. Without storage
//! (blocked by the browser's settings) files live in memory for the visit.

use super::super::BUNDLED;
use super::*;
use std::cell::RefCell;
use std::collections::BTreeMap;

const FILE: &str = "hotline:";
const TIME: &str = "hotline-t:";

thread_local! {
    static MEMORY: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    match storage() {
        Some(s) => s.get_item(key).ok()?,
        None => MEMORY.with(|m| m.borrow().get(key).cloned()),
    }
}

fn set(key: &str, value: &str) -> io::Result<()> {
    match storage() {
        Some(s) => s.set_item(key, value).map_err(|_| {
            io::Error::new(
                io::ErrorKind::StorageFull,
                "the browser's storage for this page is full",
            )
        }),
        None => {
            MEMORY.with(|m| m.borrow_mut().insert(key.to_string(), value.to_string()));
            Ok(())
        }
    }
}

fn keys() -> Vec<String> {
    match storage() {
        Some(s) => {
            let n = s.length().unwrap_or(0);
            (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
        }
        None => MEMORY.with(|m| m.borrow().keys().cloned().collect()),
    }
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
    set(&format!("{FILE}{n}"), text)?;
    set(
        &format!("{TIME}{n}"),
        &super::super::unix_secs().to_string(),
    )
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
        if let Some(p) = k.strip_prefix(FILE).filter(|p| direct(p)) {
            let t = get(&format!("{TIME}{p}"))
                .and_then(|t| t.parse().ok())
                .unwrap_or(0.0);
            v.push((PathBuf::from(p), t));
        }
    }
    if v.is_empty() {
        return Err(not_found(dir));
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
