//! Civil dates (`YYYY-MM-DD`, proleptic Gregorian): when a pledge is in force, when an event
//! happened, the date a scenario is assessed at.
//!
//! One small type rather than a date crate: the scenario format needs only calendar days (no time
//! of day, no time zone), comparison and adding days, and the workspace has no date crate to
//! reuse. Dates are compared as dates (year, month, day; the derived `Ord` follows that field
//! order), never as strings, and counted in days from 1970-01-01 for lead times.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date; the message says what was expected, for a diagnostic's label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Form(String),
    /// Year 0000: the calendar starts at year 1.
    #[error("`{0}` has year 0; years start at 1")]
    Year(String),
    /// A month outside 1..=12.
    #[error("`{text}` has month {month}; months run from 01 to 12")]
    Month { text: String, month: u32 },
    /// A day the month does not have (2025-02-31, 2025-04-31, 2025-02-29).
    #[error("`{text}` does not exist: {month_name} {year} has {days} days")]
    Day {
        text: String,
        year: u16,
        month: u8,
        month_name: &'static str,
        days: u8,
    },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1..=12) of `year`.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `n` ASCII digits as a number, or `None`.
fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

impl Date {
    /// 1970-01-01, day 0 of [`Date::days`].
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// The date `year-month-day`, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day))
        .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` strictly: four-digit year, two-digit month and day, a day the month
    /// has (leap years included).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let form = || DateError::Form(text.to_string());
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(form());
        };
        let (Some(year), Some(month), Some(day)) = (digits(y, 4), digits(m, 2), digits(d, 2))
        else {
            return Err(form());
        };
        Self::checked(text, year, month, day)
    }

    /// Parses `YYYY-MM` (a scenario's `as_of` may name a month) as the month's last day: what is
    /// in force by the end of the month counts for the month.
    pub fn parse_month_end(text: &str) -> Result<Date, DateError> {
        let form = || DateError::Form(text.to_string());
        let (y, m) = text.split_once('-').ok_or_else(form)?;
        let (Some(year), Some(month)) = (digits(y, 4), digits(m, 2)) else {
            return Err(form());
        };
        if year == 0 {
            return Err(DateError::Year(text.to_string()));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: text.to_string(),
                month,
            });
        }
        let (year, month) = (year as u16, month as u8);
        Ok(Date {
            year,
            month,
            day: days_in_month(year, month),
        })
    }

    fn checked(text: &str, year: u32, month: u32, day: u32) -> Result<Date, DateError> {
        if year == 0 {
            return Err(DateError::Year(text.to_string()));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: text.to_string(),
                month,
            });
        }
        let (year, month) = (year as u16, month as u8);
        let days = days_in_month(year, month);
        if day == 0 || day > u32::from(days) {
            return Err(DateError::Day {
                text: text.to_string(),
                year,
                month,
                month_name: MONTHS[usize::from(month) - 1],
                days,
            });
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it): Hinnant's `days_from_civil`, exact for every
    /// proleptic Gregorian date.
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`), if it is within years
    /// 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date `n` days later (earlier when negative); saturates at the ends of the calendar
    /// (9999-12-31, 0001-01-01), which no lead time the loader accepts reaches.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days().saturating_add(n)).unwrap_or(if n >= 0 {
            Date {
                year: 9999,
                month: 12,
                day: 31,
            }
        } else {
            Date {
                year: 1,
                month: 1,
                day: 1,
            }
        })
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_real_dates_and_prints_them_back() {
        for s in [
            "2025-08-19",
            "2024-02-29",
            "2000-02-29",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        assert!(matches!(
            Date::parse("2025-02-31"),
            Err(DateError::Day { days: 28, .. })
        ));
        assert!(matches!(
            Date::parse("2025-02-29"),
            Err(DateError::Day { days: 28, .. })
        ));
        assert!(matches!(
            Date::parse("1900-02-29"),
            Err(DateError::Day { days: 28, .. })
        ));
        assert!(matches!(
            Date::parse("2025-04-31"),
            Err(DateError::Day { days: 30, .. })
        ));
        assert!(matches!(
            Date::parse("2025-13-01"),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            Date::parse("2025-00-10"),
            Err(DateError::Month { month: 0, .. })
        ));
        assert!(matches!(
            Date::parse("2025-01-00"),
            Err(DateError::Day { .. })
        ));
        assert!(matches!(Date::parse("0000-01-01"), Err(DateError::Year(_))));
        for bad in [
            "",
            "2025",
            "2025-1-01",
            "25-01-01",
            "2025/01/01",
            "2025-01-01T00:00",
            "2025-01-01-",
            "+2025-01-01",
            "2025-0a-01",
            "19/08/2025",
            " 2025-01-01",
        ] {
            assert!(
                matches!(Date::parse(bad), Err(DateError::Form(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_month_and_its_length() {
        let e = Date::parse("2025-02-31").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`2025-02-31` does not exist: February 2025 has 28 days"
        );
        let e = Date::parse("2025-13-01").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`2025-13-01` has month 13; months run from 01 to 12"
        );
    }

    #[test]
    fn orders_as_dates() {
        assert!(d("2025-09-01") > d("2025-08-31"));
        assert!(d("2026-01-01") > d("2025-12-31"));
        assert!(d("2025-10-01") > d("2025-09-30"));
    }

    #[test]
    fn counts_days_across_months_leap_years_and_eras() {
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(Date::EPOCH.days(), 0);
        assert_eq!(d("2000-03-01").days() - d("2000-02-28").days(), 2);
        assert_eq!(d("1900-03-01").days() - d("1900-02-28").days(), 1);
        assert_eq!(d("2025-01-01").days_until(d("2026-01-01")), 365);
        assert_eq!(d("2024-01-01").days_until(d("2025-01-01")), 366);
        assert_eq!(d("2026-03-01").add_days(90), d("2026-05-30"));
        assert_eq!(d("2026-01-31").add_days(-31), d("2025-12-31"));
        assert_eq!(d("9999-12-31").add_days(1), d("9999-12-31"));
        // Every day of four centuries round-trips through its day number, one day apart.
        let mut prev = d("1899-12-31");
        for n in d("1900-01-01").days()..=d("2300-12-31").days() {
            let date = Date::from_days(n).unwrap();
            assert_eq!(date.days(), n);
            assert_eq!(prev.add_days(1), date);
            assert!(date > prev);
            prev = date;
        }
    }

    #[test]
    fn a_month_means_its_last_day() {
        assert_eq!(Date::parse_month_end("2025-02").unwrap(), d("2025-02-28"));
        assert_eq!(Date::parse_month_end("2024-02").unwrap(), d("2024-02-29"));
        assert_eq!(Date::parse_month_end("2025-08").unwrap(), d("2025-08-31"));
        assert!(Date::parse_month_end("2025-13").is_err());
        assert!(Date::parse_month_end("2025-08-01").is_err());
    }
}
