use chrono::{Datelike, NaiveDate};

/// A client's birth as far as it is known: many refugees' documents carry only a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Birth {
    #[default]
    Unknown,
    Year(i32),
    Date(NaiveDate),
}

impl Birth {
    pub fn year(&self) -> Option<i32> {
        match self {
            Birth::Unknown => None,
            Birth::Year(y) => Some(*y),
            Birth::Date(d) => Some(d.year()),
        }
    }

    /// Reads `1988`, `1988-04-02` or `02-04-1988`; `today` bounds the year so a typo like
    /// 2988 is caught.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Birth, String> {
        let t = text.trim();
        let refuse = || {
            format!(
                "could not read the birth \"{t}\": give a year (1988) or a date (1988-04-02 or 02-04-1988)"
            )
        };
        let birth = if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            Birth::Year(t.parse().map_err(|_| refuse())?)
        } else if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Birth::Date(d)
        } else if let Ok(d) = NaiveDate::parse_from_str(t, "%d-%m-%Y") {
            Birth::Date(d)
        } else {
            return Err(refuse());
        };
        let year = birth.year().unwrap_or(0);
        if year < 1900 || year > today.year() || matches!(birth, Birth::Date(d) if d > today) {
            return Err(format!(
                "the birth \"{t}\" lies outside 1900 to today: check the year"
            ));
        }
        Ok(birth)
    }
}

impl Birth {
    /// Whether someone born `other` may be the person of this birth, as the duplicate warning
    /// asks it: an unknown birth, on either side, may be anyone; known ones the same year.
    pub fn may_be(&self, other: &Birth) -> bool {
        self.year().is_none() || other.year().is_none() || self.year() == other.year()
    }

    /// `may_be`, and where both are whole dates, the same day: what an import needs before it
    /// leaves a row out as someone already there, since a row left out is a person lost if
    /// the two are not one.
    pub fn may_be_same_day(&self, other: &Birth) -> bool {
        match (self, other) {
            (Birth::Date(a), Birth::Date(b)) => a == b,
            _ => self.may_be(other),
        }
    }

    /// As people read it: the year, or day-month-year (the form every screen and text output
    /// uses, `dates::SHOWN_DATE`); empty when unknown.
    pub fn shown(&self) -> String {
        self.written("%d-%m-%Y")
    }

    /// For JSON and other programs: the year, or an ISO date.
    pub fn iso(&self) -> String {
        self.written("%Y-%m-%d")
    }

    fn written(&self, date_format: &str) -> String {
        match self {
            Birth::Unknown => String::new(),
            Birth::Year(y) => y.to_string(),
            Birth::Date(d) => d.format(date_format).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn reads_year_and_both_date_orders() {
        assert_eq!(Birth::parse("1988", today()), Ok(Birth::Year(1988)));
        let d = NaiveDate::from_ymd_opt(1988, 4, 2).unwrap();
        assert_eq!(Birth::parse("1988-04-02", today()), Ok(Birth::Date(d)));
        assert_eq!(Birth::parse("02-04-1988", today()), Ok(Birth::Date(d)));
    }

    #[test]
    fn two_whole_dates_are_one_birth_only_on_the_same_day() {
        let d = |m, day| Birth::Date(NaiveDate::from_ymd_opt(1985, m, day).unwrap());
        assert!(d(4, 3).may_be(&d(6, 5)), "the warning asks the year");
        assert!(!d(4, 3).may_be_same_day(&d(6, 5)));
        assert!(d(4, 3).may_be_same_day(&d(4, 3)));
        assert!(d(4, 3).may_be_same_day(&Birth::Year(1985)));
        assert!(Birth::Unknown.may_be_same_day(&d(4, 3)));
        assert!(!Birth::Year(1986).may_be_same_day(&d(4, 3)));
        assert!(
            Birth::Year(1990).may_be(&Birth::Unknown),
            "a client registered without one"
        );
    }

    #[test]
    fn refuses_impossible_births() {
        assert!(Birth::parse("2988", today()).is_err());
        assert!(Birth::parse("1988-02-30", today()).is_err());
        assert!(Birth::parse("2027-01-01", today()).is_err());
        assert!(Birth::parse("soon", today()).is_err());
    }
}
