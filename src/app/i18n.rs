//! Interface strings in both languages. Each call site carries its own
//! pair, so a string and its translation are reviewed together, and
//! scripts/subset-font.sh finds every Chinese character in the sources.

use crate::scenario::{Lang, Minutes};
use crate::sim::World;

pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// "14:05 Tue" local time of a team at exercise minute `t`.
pub fn local_time(w: &World, team: usize, t: u32) -> String {
    let tm = &w.s.teams[team];
    let local =
        w.s.meta
            .start
            .plus(i64::from(t) + i64::from(tm.utc_offset.0));
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let full = local.format();
    let hm = full.rsplit(' ').next().unwrap_or("");
    format!("{hm} {}", days[local.weekday() as usize % 7])
}

/// "+3h20m" or "-15m": time left until a deadline.
pub fn countdown(due: u32, now: u32) -> String {
    if due >= now {
        format!("{}", Minutes(due - now))
    } else {
        format!("-{}", Minutes(now - due))
    }
}

pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "中文",
    }
}
