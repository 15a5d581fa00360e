//! Calendar dates with a precision, as used for event dates and dated roles.

use serde::{Deserialize, Serialize, Serializer};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

/// A proleptic Gregorian date. Unknown month/day are stored as 1 and marked by
/// `precision`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub precision: DatePrecision,
}

impl Date {
    /// A day-precision date, or `None` if it does not exist.
    #[must_use]
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(
            Date {
                year,
                month,
                day,
                precision: DatePrecision::Day,
            },
        )
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYYMMDD`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<i32> {
            let t = s.get(r)?;
            t.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| t.parse().ok())?
        };
        match b.len() {
            4 => {
                let y = num(0..4)?;
                Some(Date {
                    year: y,
                    month: 1,
                    day: 1,
                    precision: DatePrecision::Year,
                })
            }
            7 if b[4] == b'-' => {
                let (y, m) = (num(0..4)?, num(5..7)?);
                (1..=12).contains(&m).then_some(Date {
                    year: y,
                    month: m as u8,
                    day: 1,
                    precision: DatePrecision::Month,
                })
            }
            8 => Date::ymd(num(0..4)?, num(4..6)? as u8, num(6..8)? as u8),
            10 if b[4] == b'-' && b[7] == b'-' => {
                Date::ymd(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
            }
            _ => None,
        }
    }

    /// Days since 1970-01-01 (negative before).
    #[must_use]
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01.
    #[must_use]
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date {
            year,
            month,
            day,
            precision: DatePrecision::Day,
        }
    }

    /// Day of the week, 0 = Monday .. 6 = Sunday.
    #[must_use]
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.days() + 3).rem_euclid(7)) as u8
    }

    /// This date moved by `n` days (day precision).
    #[must_use]
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// The last day this date could stand for (end of its year or month).
    #[must_use]
    pub fn last_day(self) -> Date {
        match self.precision {
            DatePrecision::Day => self,
            DatePrecision::Month => Date {
                day: days_in_month(self.year, self.month),
                precision: DatePrecision::Day,
                ..self
            },
            DatePrecision::Year => Date {
                month: 12,
                day: 31,
                precision: DatePrecision::Day,
                ..self
            },
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.precision {
            DatePrecision::Year => write!(f, "{:04}", self.year),
            DatePrecision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            DatePrecision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts_days() {
        let d = Date::parse("2021-12-07").unwrap();
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.weekday(), 1, "2021-12-07 was a Tuesday");
        assert_eq!(Date::parse("19700101").unwrap().days(), 0);
        assert_eq!(Date::parse("2022-02").unwrap().last_day().day, 28);
        assert_eq!(Date::parse("2024-02-30"), None);
        assert_eq!(Date::parse("20x1"), None);
        assert_eq!(Date::parse("1999").unwrap().to_string(), "1999");
    }
}
