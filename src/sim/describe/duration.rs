//! Exercise durations and times written for readers, not parsers: the CLI
//! and test plans keep the compact "+1d2h30m" of `offset`.

use crate::scenario::Lang;

/// "1 day 3 h 46 min", "2 h", "45 min", "3 days"; Chinese "1天3小时46分钟".
/// Zero parts are left out; zero itself is "0 min" / "0分钟".
pub fn duration_words(minutes: u32, lang: Lang) -> String {
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let mut parts: Vec<String> = Vec::new();
    match lang {
        Lang::En => {
            if d > 0 {
                parts.push(format!("{d} {}", if d == 1 { "day" } else { "days" }));
            }
            if h > 0 {
                parts.push(format!("{h} h"));
            }
            if m > 0 || minutes == 0 {
                parts.push(format!("{m} min"));
            }
            parts.join(" ")
        }
        Lang::Zh => {
            if d > 0 {
                parts.push(format!("{d}天"));
            }
            if h > 0 {
                parts.push(format!("{h}小时"));
            }
            if m > 0 || minutes == 0 {
                parts.push(format!("{m}分钟"));
            }
            parts.concat()
        }
    }
}

/// Exercise minute `t` relative to the start: "+2 h 10 min", Chinese
/// "开始后2小时10分钟"; the start itself is "+0 min" / "开始时".
pub fn elapsed_words(t: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("+{}", duration_words(t, lang)),
        Lang::Zh if t == 0 => "开始时".into(),
        Lang::Zh => format!("开始后{}", duration_words(t, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::{En, Zh};

    #[test]
    fn durations_read_as_days_hours_and_minutes_in_english() {
        let cases = [
            (0, "0 min"),
            (59, "59 min"),
            (60, "1 h"),
            (130, "2 h 10 min"),
            (1440, "1 day"),
            (1441, "1 day 1 min"),
            (1440 + 3 * 60 + 46, "1 day 3 h 46 min"),
            (3 * 1440, "3 days"),
        ];
        for (m, want) in cases {
            assert_eq!(duration_words(m, En), want, "{m} minutes");
        }
    }

    #[test]
    fn durations_read_as_days_hours_and_minutes_in_chinese() {
        let cases = [
            (0, "0分钟"),
            (59, "59分钟"),
            (60, "1小时"),
            (130, "2小时10分钟"),
            (1440, "1天"),
            (1441, "1天1分钟"),
            (1440 + 3 * 60 + 46, "1天3小时46分钟"),
            (3 * 1440, "3天"),
        ];
        for (m, want) in cases {
            assert_eq!(duration_words(m, Zh), want, "{m} minutes");
        }
    }

    #[test]
    fn exercise_times_are_counted_from_the_start_in_both_languages() {
        let cases = [
            (0, "+0 min", "开始时"),
            (59, "+59 min", "开始后59分钟"),
            (60, "+1 h", "开始后1小时"),
            (1440, "+1 day", "开始后1天"),
            (1441, "+1 day 1 min", "开始后1天1分钟"),
        ];
        for (t, en, zh) in cases {
            assert_eq!(
                (elapsed_words(t, En).as_str(), elapsed_words(t, Zh).as_str()),
                (en, zh)
            );
        }
    }
}
