//! The server's switchboard: which code opens which seat of which room, and
//! how long a guesser waits.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::room::RoomTx;
use crate::net::proto::Seat;

/// Letters that survive being read aloud or copied by hand: no I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A join code: ten characters of 5 bits each (50 bits of randomness),
/// written `ABCDE-FGHJK`.
pub fn new_code() -> String {
    let mut raw = [0u8; 10];
    getrandom::fill(&mut raw).expect("the operating system gives random bytes");
    let c: String = raw
        .iter()
        .map(|b| ALPHABET[usize::from(b & 31)] as char)
        .collect();
    format!("{}-{}", &c[..5], &c[5..])
}

/// Codes are compared without case, spaces or dashes: people retype them.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A resume token: 128 random bits, hex.
pub fn new_token() -> String {
    let mut raw = [0u8; 16];
    getrandom::fill(&mut raw).expect("the operating system gives random bytes");
    crate::sim::journal::hex(&raw)
}

/// Wrong codes from one address: the first few are answered at once, then
/// each waits twice as long as the last (up to 8 s); an address that stops
/// guessing for ten minutes starts afresh.
#[derive(Default)]
pub struct Throttle {
    fails: HashMap<IpAddr, (u32, Instant)>,
}

pub const FREE_TRIES: u32 = 3;
const MAX_DELAY: Duration = Duration::from_secs(8);
const FORGET_AFTER: Duration = Duration::from_secs(600);

impl Throttle {
    /// Records a wrong code from `ip` at `now`; how long to wait before
    /// answering it.
    pub fn fail(&mut self, ip: IpAddr, now: Instant) -> Duration {
        if self.fails.len() > 10_000 {
            self.fails
                .retain(|_, (_, last)| now.duration_since(*last) < FORGET_AFTER);
        }
        let e = self.fails.entry(ip).or_insert((0, now));
        if now.duration_since(e.1) >= FORGET_AFTER {
            e.0 = 0;
        }
        e.0 += 1;
        e.1 = now;
        Self::delay(e.0)
    }

    /// The wait after the `n`th wrong code in a row.
    pub fn delay(n: u32) -> Duration {
        match n.checked_sub(FREE_TRIES) {
            None | Some(0) => Duration::ZERO,
            Some(k) => (Duration::from_millis(250) * 2u32.pow(k.min(6) - 1)).min(MAX_DELAY),
        }
    }
}

/// Every room's codes, shared by the connection handlers.
#[derive(Default)]
pub struct Hub {
    pub codes: Mutex<HashMap<String, (RoomTx, Seat)>>,
    pub throttle: Mutex<Throttle>,
    next_conn: AtomicU64,
}

impl Hub {
    pub fn next_conn(&self) -> u64 {
        self.next_conn.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub fn lookup(&self, code: &str) -> Option<(RoomTx, Seat)> {
        lock(&self.codes).get(&normalise(code)).cloned()
    }

    pub fn set_code(&self, code: &str, room: RoomTx, seat: Seat) {
        lock(&self.codes).insert(normalise(code), (room, seat));
    }

    pub fn drop_code(&self, code: &str) {
        lock(&self.codes).remove(&normalise(code));
    }
}

/// A poisoned lock only means another thread panicked mid-update of a map
/// of codes; the map itself is still usable.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
