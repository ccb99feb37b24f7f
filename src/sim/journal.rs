//! The journal: a header line, then one JSON action record per line, each
//! flushed to disk before the action takes effect, so killing the process
//! at any moment loses nothing that was acknowledged.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::action::Action;
use crate::platform::fs::{self, Appender};

pub const FORMAT: &str = "hotline-journal/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub scenario: String,
    pub version: String,
    /// SHA-256 of the scenario text: a journal replays only against the
    /// exact scenario it was written with.
    pub content_hash: String,
    pub seed: u64,
    /// Where the scenario was loaded from, to find it again on replay.
    #[serde(default)]
    pub scenario_path: Option<String>,
    pub hotline: String,
    /// The hidden truth, when it was fixed rather than drawn from the seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truth: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Exercise minute at which the action took effect.
    pub t: u32,
    pub action: Action,
    /// Who asked for it over the network, so a server resumed from this
    /// journal knows which requests it already carried out (and a seat that
    /// reconnects does not send one twice). Absent for local actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Origin>,
}

/// A seat's request: its seat name and the request number it chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub seat: String,
    pub req: u64,
}

pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug)]
pub enum JournalError {
    Io {
        path: PathBuf,
        err: io::Error,
    },
    Bad {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    Mismatch {
        path: PathBuf,
        msg: String,
    },
}

impl fmt::Display for JournalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JournalError::Io { path, err } => write!(f, "{}: {err}", path.display()),
            JournalError::Bad { path, line, msg } => write!(f, "{}:{line}: {msg}", path.display()),
            JournalError::Mismatch { path, msg } => write!(f, "{}: {msg}", path.display()),
        }
    }
}

impl std::error::Error for JournalError {}

/// A journal read back: its records, and what was wrong with its tail.
#[derive(Debug, Clone)]
pub struct Journal {
    pub header: Header,
    pub records: Vec<Record>,
    /// Set when the last line was cut short (the process died mid-write):
    /// the line number, skipped.
    pub torn_line: Option<usize>,
    /// Length of the well-formed prefix, for appending after a torn tail.
    pub good_len: u64,
}

impl Journal {
    pub fn read(path: &Path) -> Result<Journal, JournalError> {
        let io_err = |err| JournalError::Io {
            path: path.to_path_buf(),
            err,
        };
        let bytes = fs::read(path).map_err(io_err)?;
        let bad = |line: usize, msg: String| JournalError::Bad {
            path: path.to_path_buf(),
            line,
            msg,
        };
        let mut header: Option<Header> = None;
        let mut records = Vec::new();
        let mut torn_line = None;
        let mut good_len = 0u64;
        let mut offset = 0usize;
        let mut lineno = 0;
        while offset < bytes.len() {
            lineno += 1;
            let end = bytes[offset..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|p| offset + p);
            let (line, next, complete) = match end {
                Some(e) => (&bytes[offset..e], e + 1, true),
                None => (&bytes[offset..], bytes.len(), false),
            };
            offset = next;
            if line.iter().all(u8::is_ascii_whitespace) {
                good_len = offset as u64;
                continue;
            }
            let parsed = std::str::from_utf8(line)
                .map_err(|e| e.to_string())
                .and_then(|s| {
                    if header.is_none() {
                        serde_json::from_str::<Header>(s)
                            .map(Err)
                            .map_err(|e| e.to_string())
                    } else {
                        serde_json::from_str::<Record>(s)
                            .map(Ok)
                            .map_err(|e| e.to_string())
                    }
                });
            match parsed {
                Ok(Err(h)) => {
                    if h.format != FORMAT {
                        return Err(bad(
                            lineno,
                            format!(
                                "journal format `{}`; this Hotline reads `{FORMAT}`",
                                h.format
                            ),
                        ));
                    }
                    header = Some(h);
                }
                Ok(Ok(r)) => {
                    if let Some(prev) = records.last().map(|r: &Record| r.t)
                        && r.t < prev
                    {
                        return Err(bad(
                            lineno,
                            format!("record at minute {} comes after one at minute {prev}", r.t),
                        ));
                    }
                    records.push(r);
                }
                Err(_) if !complete && header.is_some() => {
                    torn_line = Some(lineno);
                    break;
                }
                Err(e) if header.is_none() => {
                    return Err(bad(lineno, format!("not a Hotline journal header: {e}")));
                }
                Err(e) => return Err(bad(lineno, format!("not a journal record: {e}"))),
            }
            // A record whose newline was lost still counts; appending then
            // starts a fresh line (see `append_to`).
            good_len = offset as u64;
        }
        let header = header.ok_or_else(|| bad(1, "empty journal: no header line".into()))?;
        Ok(Journal {
            header,
            records,
            torn_line,
            good_len,
        })
    }
}

/// Appends records, each synced to disk before `append` returns.
pub struct JournalWriter {
    file: Appender,
    path: PathBuf,
}

impl JournalWriter {
    pub fn create(path: &Path, header: &Header) -> Result<JournalWriter, JournalError> {
        let io_err = |err| JournalError::Io {
            path: path.to_path_buf(),
            err,
        };
        let file = Appender::create_new(path).map_err(io_err)?;
        let mut w = JournalWriter {
            file,
            path: path.to_path_buf(),
        };
        w.write_line(&serde_json::to_string(header).expect("header serialises"))?;
        Ok(w)
    }

    /// Opens an existing journal for appending after its well-formed prefix
    /// (a torn last line is cut off first).
    pub fn append_to(path: &Path, journal: &Journal) -> Result<JournalWriter, JournalError> {
        let io_err = |err| JournalError::Io {
            path: path.to_path_buf(),
            err,
        };
        let needs_newline = journal.good_len > 0 && {
            let bytes = fs::read(path).map_err(io_err)?;
            bytes.get(journal.good_len as usize - 1) != Some(&b'\n')
        };
        let file = Appender::truncate_to(path, journal.good_len).map_err(io_err)?;
        let mut w = JournalWriter {
            file,
            path: path.to_path_buf(),
        };
        if needs_newline {
            w.file.write_synced(b"\n").map_err(io_err)?;
        }
        Ok(w)
    }

    pub fn append(&mut self, r: &Record) -> Result<(), JournalError> {
        self.write_line(&serde_json::to_string(r).expect("records serialise"))
    }

    fn write_line(&mut self, s: &str) -> Result<(), JournalError> {
        let io_err = |err| JournalError::Io {
            path: self.path.clone(),
            err,
        };
        let mut buf = Vec::with_capacity(s.len() + 1);
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'\n');
        self.file.write_synced(&buf).map_err(io_err)
    }
}
