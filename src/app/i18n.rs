//! Interface strings in both languages. Each call site carries its own
//! pair, so a string and its translation are reviewed together, and
//! scripts/subset-font.sh finds every Chinese character in the sources.

use crate::scenario::Lang;
use crate::sim::World;

pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// "14:05 Tue" (or "14:05 周二") local time of a team at exercise minute `t`.
pub fn local_time(w: &World, team: usize, t: u32, lang: Lang) -> String {
    let Some(tm) = w.scenario.teams.get(team) else {
        return String::new();
    };
    let local = w
        .scenario
        .meta
        .start
        .plus(i64::from(t) + i64::from(tm.utc_offset.0));
    let days = match lang {
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    };
    let full = local.format();
    let hm = full.rsplit(' ').next().unwrap_or("");
    format!("{hm} {}", days[local.weekday() as usize % 7])
}

/// "reply due in 3 h 20 min" or "overdue by 15 min", in words.
pub fn countdown(due: u32, now: u32, lang: Lang) -> String {
    use crate::sim::describe::duration_words;
    if due >= now {
        let left = duration_words(due - now, lang);
        match lang {
            Lang::En => format!("reply due in {left}"),
            Lang::Zh => format!("距答复期限还有{left}"),
        }
    } else {
        let late = duration_words(now - due, lang);
        match lang {
            Lang::En => format!("reply overdue by {late}"),
            Lang::Zh => format!("答复已逾期{late}"),
        }
    }
}

pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "中文",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn weekdays_follow_the_interface_language() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/wrong-target.ron");
        let w = crate::sim::open::open(&p).unwrap().world;
        let en = local_time(&w, 0, 0, Lang::En);
        let zh = local_time(&w, 0, 0, Lang::Zh);
        let (hm_en, day_en) = en.split_once(' ').unwrap();
        let (hm_zh, day_zh) = zh.split_once(' ').unwrap();
        assert_eq!(hm_en, hm_zh, "same clock");
        assert!(day_zh.starts_with('周'), "{zh}");
        let ix = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .position(|d| *d == day_en)
            .unwrap();
        assert_eq!(
            day_zh,
            ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][ix]
        );
        // A day later is the next weekday in both languages.
        assert_ne!(local_time(&w, 0, 1440, Lang::Zh), zh);
        assert_eq!(local_time(&w, 99, 0, Lang::En), "", "no such team");
    }
}
