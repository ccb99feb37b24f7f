//! Files. On a computer these are `std::fs`; in a browser page (which has
//! no file system) they live in the page's `localStorage`, keyed by path,
//! and the bundled scenarios are compiled in under `scenarios/`.
//!
//! Only what Hotline needs: whole-file reads and writes, appending with a
//! sync (the journal), folder listings with modification times.

use std::io;
use std::path::{Path, PathBuf};

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;
    use std::fs::{File, OpenOptions};
    use std::io::{Read, Seek, Write};

    pub fn read(path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    /// At most `limit` bytes (a device or a pipe could be endless).
    pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        File::open(path)?.take(limit).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }

    /// Writes whole then renames: a reader never sees half a file.
    pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, path)
    }

    /// Puts a file where its user finds it: here, on the disk.
    pub fn export(path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }

    pub fn create_dir_all(dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)
    }

    pub fn exists(path: &Path) -> bool {
        path.exists()
    }

    pub fn is_file(path: &Path) -> bool {
        path.is_file()
    }

    pub fn is_dir(path: &Path) -> io::Result<bool> {
        Ok(std::fs::metadata(path)?.is_dir())
    }

    /// The entries of `dir` with their modification times (seconds since
    /// 1970), in no particular order.
    pub fn list(dir: &Path) -> io::Result<Vec<(PathBuf, f64)>> {
        let mut v = Vec::new();
        for e in std::fs::read_dir(dir)?.flatten() {
            let t = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0.0, |d| d.as_secs_f64());
            v.push((e.path(), t));
        }
        Ok(v)
    }

    /// A file written at its end, each write synced before it returns.
    pub struct Appender(File);

    impl Appender {
        /// A new file; an existing one is an error, never overwritten.
        pub fn create_new(path: &Path) -> io::Result<Appender> {
            Ok(Appender(
                OpenOptions::new().write(true).create_new(true).open(path)?,
            ))
        }

        /// An existing file cut to its first `len` bytes.
        pub fn truncate_to(path: &Path, len: u64) -> io::Result<Appender> {
            let mut f = OpenOptions::new().write(true).open(path)?;
            f.set_len(len)?;
            f.seek(io::SeekFrom::End(0))?;
            Ok(Appender(f))
        }

        pub fn write_synced(&mut self, bytes: &[u8]) -> io::Result<()> {
            self.0.write_all(bytes)?;
            self.0.sync_data()
        }
    }
}

#[cfg(target_arch = "wasm32")]
#[path = "fs_web.rs"]
mod imp;

/// The browser's files, tested natively on their in-memory fallback.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "fs_web.rs"]
mod web;

pub use imp::*;

pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}
