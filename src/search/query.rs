//! What the volunteer typed: name words, a birth year or date, a client number or a phone.

use super::parts::{Part, parse_name};
use super::phone_key;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone)]
pub struct Query {
    pub parts: Vec<Part>,
    /// The last word may still be being typed ("moham"), so prefixes of it count.
    pub typing: bool,
    pub year: Option<i32>,
    pub date: Option<NaiveDate>,
    /// The whole query read as a client number.
    pub number: Option<u64>,
    /// The whole query read as a phone number (see `phone_key`).
    pub phone: Option<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let trimmed = text.trim();
        let mut year = None;
        let mut date = None;
        let mut name_words: Vec<&str> = Vec::new();
        // Whether the last thing typed was a name word (not a year after it).
        let mut name_last = false;
        for token in trimmed.split_whitespace() {
            name_last = false;
            if let Some(d) = read_date(token) {
                date = Some(d);
                year = Some(d.year());
            } else if let Some(y) = read_year(token) {
                year = Some(y);
            } else {
                name_words.push(token);
                name_last = true;
            }
        }
        let digits_only = !trimmed.is_empty()
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()/.".contains(c));
        let (number, phone) = if digits_only {
            let plain: String = trimmed.chars().filter(char::is_ascii_digit).collect();
            (plain.parse().ok(), phone_key(trimmed))
        } else {
            (None, None)
        };
        let parts = if digits_only {
            Vec::new()
        } else {
            parse_name(&name_words.join(" "))
        };
        let typing = name_last && !text.ends_with(char::is_whitespace);
        Query {
            parts,
            typing,
            year,
            date,
            number,
            phone,
        }
    }

    /// A query for the duplicate warning: a complete name and the birth on the form.
    pub fn for_name(name: &str, year: Option<i32>, date: Option<NaiveDate>) -> Query {
        Query {
            parts: parse_name(name),
            typing: false,
            year,
            date,
            number: None,
            phone: None,
        }
    }
}

fn read_year(token: &str) -> Option<i32> {
    (token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()))
        .then(|| token.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// 1986-03-02, 02-03-1986, 02/03/1986 or 02.03.1986.
fn read_date(token: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(token, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_or_date_is_taken_out_of_the_name() {
        let q = Query::parse("hassan 1986");
        assert_eq!(q.year, Some(1986));
        assert_eq!(q.parts.len(), 1);
        let q = Query::parse("Mohammed Al-Hassan 02-03-1986");
        assert_eq!(q.date, NaiveDate::from_ymd_opt(1986, 3, 2));
        assert_eq!(q.year, Some(1986));
        assert_eq!(q.parts.len(), 2);
    }

    #[test]
    fn numbers_and_phones() {
        let q = Query::parse("1042");
        assert_eq!(q.number, Some(1042));
        assert_eq!(q.phone, None);
        assert!(q.parts.is_empty());
        let q = Query::parse("+31 6 1234 5678");
        assert_eq!(q.phone.as_deref(), Some("612345678"));
        let q = Query::parse("06-12345678");
        assert_eq!(q.phone.as_deref(), Some("612345678"));
    }

    #[test]
    fn the_last_word_is_typing_until_a_space() {
        assert!(Query::parse("moham").typing);
        assert!(!Query::parse("moham ").typing);
        assert!(!Query::parse("").typing);
        assert!(!Query::parse("moham 1986").typing);
    }

    #[test]
    fn comma_means_surname_first() {
        let q = Query::parse("GHIRMAY, Daniel 1990");
        assert_eq!(q.parts[0].main().core, "daniel");
        assert_eq!(q.year, Some(1990));
    }
}
