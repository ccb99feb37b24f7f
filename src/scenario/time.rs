//! Time values as authors write them: durations "2h30m", clock times "09:00",
//! UTC offsets "+08:00" and UTC timestamps "2026-03-10T14:00:00Z".
//!
//! The exercise runs in whole minutes; we do calendar arithmetic ourselves so
//! results never depend on the host's time zone database.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A span of exercise time in minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub u32);

/// Minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock(pub u32);

/// Offset from UTC in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset(pub i32);

/// Minutes since 1970-01-01T00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

const MAX_MINUTES: u64 = 366 * 24 * 60;

pub fn parse_minutes(s: &str) -> Result<Minutes, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty duration; write e.g. \"90m\", \"2h\" or \"1d12h\"".into());
    }
    let mut total: u64 = 0;
    let mut num: Option<u64> = None;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                let d = u64::from(c as u8 - b'0');
                let n = num.unwrap_or(0).saturating_mul(10).saturating_add(d);
                num = Some(n);
            }
            'd' | 'h' | 'm' => {
                let n = num
                    .take()
                    .ok_or_else(|| format!("`{c}` in duration \"{s}\" has no number before it"))?;
                let unit = match c {
                    'd' => 24 * 60,
                    'h' => 60,
                    _ => 1,
                };
                total = total.saturating_add(n.saturating_mul(unit));
            }
            ' ' => {}
            _ => {
                return Err(format!(
                    "unexpected `{c}` in duration \"{s}\"; use digits with d, h and m, e.g. \"1d2h30m\""
                ));
            }
        }
    }
    if num.is_some() {
        return Err(format!(
            "duration \"{s}\" ends in a bare number; add a unit (d, h or m)"
        ));
    }
    if total > MAX_MINUTES {
        return Err(format!("duration \"{s}\" is longer than a year"));
    }
    Ok(Minutes(total as u32))
}

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, h, m) = (self.0 / 1440, self.0 / 60 % 24, self.0 % 60);
        let mut out = String::new();
        if d > 0 {
            out += &format!("{d}d");
        }
        if h > 0 {
            out += &format!("{h}h");
        }
        if m > 0 || out.is_empty() {
            out += &format!("{m}m");
        }
        f.write_str(&out)
    }
}

impl Serialize for Minutes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Minutes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Minutes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as \"90m\", \"2h\" or \"1d12h\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Minutes, E> {
                parse_minutes(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Minutes, E> {
                if v > MAX_MINUTES {
                    return Err(E::custom(format!("{v} minutes is longer than a year")));
                }
                Ok(Minutes(v as u32))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Minutes, E> {
                if v < 0 {
                    return Err(E::custom("a duration cannot be negative"));
                }
                self.visit_u64(v as u64)
            }
        }
        d.deserialize_any(V)
    }
}

fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_hhmm(&s).map(Clock).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{s}\" is not a clock time; write \"HH:MM\", e.g. \"09:00\""
            ))
        })
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)
    }
}

impl Serialize for Offset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || {
            de::Error::custom(format!(
                "\"{s}\" is not a UTC offset; write e.g. \"+08:00\" or \"-05:00\""
            ))
        };
        let (sign, rest) = match s.as_bytes().first() {
            Some(b'+') => (1, &s[1..]),
            Some(b'-') => (-1, &s[1..]),
            _ => return Err(bad()),
        };
        let m = parse_hhmm(rest).filter(|m| *m <= 14 * 60).ok_or_else(bad)?;
        Ok(Offset(sign * m as i32))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm), so weekday and office-hours arithmetic need no library.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let hm = parse_hhmm(s.get(11..16)?)?;
    if s.get(16..17)? != ":" || num(17..19)? != 0 {
        return None;
    }
    let dim = [
        31,
        28 + u32::from(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)),
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo) || d == 0 || d > dim[mo as usize - 1] || hm >= 1440 {
        return None;
    }
    Some(Timestamp(
        days_from_civil(y as i64, mo, d) * 1440 + hm as i64,
    ))
}

impl Timestamp {
    /// Monday = 0.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.0.div_euclid(1440) + 3).rem_euclid(7)) as u32
    }
    pub fn minute_of_day(self) -> u32 {
        self.0.rem_euclid(1440) as u32
    }
    pub fn plus(self, m: i64) -> Timestamp {
        Timestamp(self.0 + m)
    }
    /// "2026-03-10 14:00"
    pub fn format(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(1440));
        format!("{y:04}-{m:02}-{d:02} {}", Clock(self.minute_of_day()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0.div_euclid(1440));
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{}:00Z",
            Clock(self.minute_of_day())
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_timestamp(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{s}\" is not a UTC time; write \"YYYY-MM-DDTHH:MM:00Z\", e.g. \"2026-03-10T14:00:00Z\""
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_print() {
        assert_eq!(parse_minutes("1d2h30m"), Ok(Minutes(1590)));
        assert_eq!(parse_minutes("90m"), Ok(Minutes(90)));
        assert_eq!(Minutes(1590).to_string(), "1d2h30m");
        assert_eq!(Minutes(0).to_string(), "0m");
        assert!(parse_minutes("12").is_err());
        assert!(parse_minutes("h").is_err());
        assert!(parse_minutes("2x").is_err());
        assert!(parse_minutes("99999999999999999999d").is_err());
    }

    #[test]
    fn timestamps_round_trip_with_weekdays() {
        let t = parse_timestamp("2026-03-10T14:00:00Z").unwrap();
        assert_eq!(t.to_string(), "2026-03-10T14:00:00Z");
        assert_eq!(t.weekday(), 1, "10 March 2026 is a Tuesday");
        assert_eq!(t.minute_of_day(), 14 * 60);
        assert!(parse_timestamp("2026-02-29T00:00:00Z").is_none());
        assert!(parse_timestamp("2024-02-29T00:00:00Z").is_some());
        assert!(parse_timestamp("2026-03-10 14:00").is_none());
    }
}
