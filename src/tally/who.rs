//! Who came: the unique clients of a period by origin, gender, age, first language and
//! interpreter, and the households with children (docs/tallies.md defines each figure).

use crate::model::{Birth, Gender, Profile};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// The key of every breakdown's row for clients of whom it is not known.
pub const UNKNOWN: &str = "unknown";

/// Age bands by their lowest age, ascending from 0; the last band is open ("65+").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeBands(Vec<u32>);

impl Default for AgeBands {
    /// The bands most municipalities and funds ask for.
    fn default() -> Self {
        AgeBands(vec![0, 5, 12, 18, 30, 50, 65])
    }
}

impl AgeBands {
    /// Bands from their lowest ages as config.toml gives them (`age_bands = [0, 5, 12, 18]`).
    pub fn new(lowest: Vec<u32>) -> Result<AgeBands, String> {
        let refuse = |why: &str| {
            format!(
                "age_bands is {lowest:?}: {why}; give the lowest age of each band, from 0 up, such as [0, 5, 12, 18, 30, 50, 65]"
            )
        };
        if lowest.first() != Some(&0) {
            return Err(refuse("the first band must start at 0"));
        }
        if lowest.windows(2).any(|w| w[0] >= w[1]) {
            return Err(refuse("each band must start above the one before"));
        }
        if lowest.iter().any(|a| *a > 120) || lowest.len() > 20 {
            return Err(refuse("at most 20 bands, none starting above 120"));
        }
        Ok(AgeBands(lowest))
    }

    /// The bands' keys in order: "0-4", "5-11" … "65+".
    pub fn keys(&self) -> Vec<String> {
        self.0
            .iter()
            .enumerate()
            .map(|(i, lo)| match self.0.get(i + 1) {
                Some(next) if *next == lo + 1 => lo.to_string(),
                Some(next) => format!("{lo}-{}", next - 1),
                None => format!("{lo}+"),
            })
            .collect()
    }

    fn index_of(&self, age: u32) -> usize {
        self.0.iter().rposition(|lo| *lo <= age).unwrap_or(0)
    }
}

/// The figures of who came in one period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WhoCame {
    /// ISO code -> clients; `unknown` for those without a country.
    pub by_country: BTreeMap<String, u64>,
    /// `f`, `m`, `x`, `unknown` -> clients (all four always).
    pub by_gender: BTreeMap<String, u64>,
    /// Band key -> clients, in band order, then `unknown`.
    pub by_age: Vec<(String, u64)>,
    /// Younger than 18 on the period's last day.
    pub children: u64,
    pub adults: u64,
    pub age_unknown: u64,
    /// First language (ISO 639) -> clients; `unknown` for those without one.
    pub by_language: BTreeMap<String, u64>,
    /// `yes`, `no`, `unknown` -> clients.
    pub interpreter: BTreeMap<String, u64>,
    /// Households seen with at least one member younger than 18, whether or not that member
    /// came; the others are `households - households_with_children`.
    pub households_with_children: u64,
}

/// The age in whole years on `day`. With only the year known, the birthday is taken as
/// 1 January (as Dutch documents write an unknown birthday). None when not known, or born
/// after `day`.
pub fn age_on(birth: &Birth, day: NaiveDate) -> Option<u32> {
    let age = match birth {
        Birth::Unknown => return None,
        Birth::Year(y) => day.year() - y,
        Birth::Date(d) => {
            let mut age = day.year() - d.year();
            if (day.month(), day.day()) < (d.month(), d.day()) {
                age -= 1;
            }
            age
        }
    };
    u32::try_from(age).ok()
}

/// Counts who came, one client at a time.
pub struct WhoCounter<'b> {
    bands: &'b AgeBands,
    day: NaiveDate,
    countries: HashMap<String, u64>,
    genders: [u64; 4],
    ages: Vec<u64>,
    age_unknown: u64,
    children: u64,
    languages: HashMap<String, u64>,
    interpreter: [u64; 2],
    counted: u64,
}

impl<'b> WhoCounter<'b> {
    /// Ages are on `day`, the period's last day.
    pub fn new(bands: &'b AgeBands, day: NaiveDate) -> WhoCounter<'b> {
        WhoCounter {
            bands,
            day,
            countries: HashMap::new(),
            genders: [0; 4],
            ages: vec![0; bands.0.len()],
            age_unknown: 0,
            children: 0,
            languages: HashMap::new(),
            interpreter: [0; 2],
            counted: 0,
        }
    }

    /// Whether a client with this profile is a child on the period's last day.
    pub fn is_child(&self, p: &Profile<'_>) -> bool {
        age_on(&p.birth, self.day).is_some_and(|a| a < 18)
    }

    pub fn add(&mut self, p: &Profile<'_>) {
        self.counted += 1;
        let bump = |map: &mut HashMap<String, u64>, key: Option<&str>| {
            let key = key.unwrap_or(UNKNOWN);
            match map.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    map.insert(key.to_string(), 1);
                }
            }
        };
        bump(&mut self.countries, p.country);
        bump(&mut self.languages, p.language);
        self.genders[Gender::ALL.iter().position(|g| *g == p.gender).unwrap_or(3)] += 1;
        match age_on(&p.birth, self.day) {
            Some(age) => {
                self.ages[self.bands.index_of(age)] += 1;
                if age < 18 {
                    self.children += 1;
                }
            }
            None => self.age_unknown += 1,
        }
        self.interpreter[usize::from(p.interpreter)] += 1;
    }

    /// The figures, for `clients` unique clients (those without a profile, forgotten since,
    /// count as unknown in every breakdown) and `with_children` households.
    pub fn finish(mut self, clients: u64, with_children: u64) -> WhoCame {
        let missing = clients.saturating_sub(self.counted);
        let with_unknown = |map: HashMap<String, u64>| -> BTreeMap<String, u64> {
            let mut map: BTreeMap<String, u64> = map.into_iter().collect();
            *map.entry(UNKNOWN.to_string()).or_insert(0) += missing;
            map
        };
        let by_country = with_unknown(std::mem::take(&mut self.countries));
        let by_language = with_unknown(std::mem::take(&mut self.languages));
        let age_unknown = self.age_unknown + missing;
        let known_ages: u64 = self.ages.iter().sum();
        let mut by_age: Vec<(String, u64)> = self.bands.keys().into_iter().zip(self.ages).collect();
        by_age.push((UNKNOWN.to_string(), age_unknown));
        let [no, yes] = self.interpreter;
        WhoCame {
            by_country,
            by_gender: Gender::ALL
                .iter()
                .zip(self.genders)
                .map(|(g, n)| {
                    let n = if *g == Gender::Unknown {
                        n + missing
                    } else {
                        n
                    };
                    (g.key().to_string(), n)
                })
                .collect(),
            by_age,
            children: self.children,
            adults: known_ages - self.children,
            age_unknown,
            by_language,
            interpreter: [
                ("yes".to_string(), yes),
                ("no".to_string(), no),
                (UNKNOWN.to_string(), missing),
            ]
            .into(),
            households_with_children: with_children,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_age_is_counted_on_the_day_and_a_year_alone_means_1_january() {
        let birth = Birth::Date(day(2008, 6, 15));
        assert_eq!(age_on(&birth, day(2025, 6, 14)), Some(16));
        assert_eq!(age_on(&birth, day(2025, 6, 15)), Some(17));
        assert_eq!(age_on(&Birth::Year(2008), day(2025, 1, 1)), Some(17));
        assert_eq!(age_on(&Birth::Unknown, day(2025, 1, 1)), None);
        assert_eq!(age_on(&Birth::Year(2030), day(2025, 1, 1)), None);
    }

    #[test]
    fn bands_are_named_from_their_lowest_ages_and_checked() {
        let keys = AgeBands::default().keys();
        assert_eq!(
            keys,
            ["0-4", "5-11", "12-17", "18-29", "30-49", "50-64", "65+"]
        );
        assert_eq!(
            AgeBands::new(vec![0, 1, 18]).unwrap().keys(),
            ["0", "1-17", "18+"]
        );
        assert!(
            AgeBands::new(vec![5, 18])
                .unwrap_err()
                .contains("start at 0")
        );
        assert!(AgeBands::new(vec![0, 18, 18]).is_err());
        let bands = AgeBands::default();
        assert_eq!(bands.index_of(0), 0);
        assert_eq!(bands.index_of(17), 2);
        assert_eq!(bands.index_of(18), 3);
        assert_eq!(bands.index_of(99), 6);
    }

    #[test]
    fn every_breakdown_adds_up_to_the_clients_with_the_forgotten_as_unknown() {
        let bands = AgeBands::default();
        let mut who = WhoCounter::new(&bands, day(2025, 12, 31));
        let child = Profile {
            gender: Gender::Female,
            birth: Birth::Year(2015),
            country: Some("SY"),
            language: Some("ar"),
            interpreter: true,
        };
        let adult = Profile {
            gender: Gender::Unknown,
            birth: Birth::Unknown,
            country: None,
            language: None,
            interpreter: false,
        };
        who.add(&child);
        who.add(&adult);
        let w = who.finish(3, 1);
        let sum = |m: &BTreeMap<String, u64>| m.values().sum::<u64>();
        assert_eq!(sum(&w.by_country), 3);
        assert_eq!(w.by_country["unknown"], 2);
        assert_eq!(sum(&w.by_gender), 3);
        assert_eq!(w.by_gender["unknown"], 2);
        assert_eq!(w.by_age.iter().map(|(_, n)| n).sum::<u64>(), 3);
        assert_eq!(w.by_age[1], ("5-11".to_string(), 1));
        assert_eq!((w.children, w.adults, w.age_unknown), (1, 0, 2));
        assert_eq!(sum(&w.by_language), 3);
        assert_eq!(
            w.interpreter["yes"] + w.interpreter["no"] + w.interpreter["unknown"],
            3
        );
    }
}
