//! Adding up the anonymous tallies of several offices (`tally merge`): each office sends its
//! `tally --json --for-outside`, and a region coordinator adds them without any personal data
//! leaving an office. Every figure is added; a key only one office has is kept; a count an
//! office hid (`<5`, `x`) makes the sum a range ("12-16").

use serde_json::{Map, Value, json};

/// Why the files cannot be added up, naming the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MergeRefused(pub String);

/// Keys that describe one office's report rather than count anything: they are checked to
/// agree, or left out of the sum.
const PERIOD_KEYS: [&str; 4] = ["from", "to", "period", "year"];
const LEFT_OUT: [&str; 5] = [
    "compare",
    "closed",
    "live",
    "categories_ranked",
    "referrals_ranked",
];

/// A count as an office sent it: exact, or the range its hidden text allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    lo: u64,
    hi: u64,
}

impl Range {
    /// Reads a count: a number, `<T` (0 to T-1), `x` (at least the threshold, at most the
    /// office's clients), `.` (withheld: at most the office's clients) or a range "a-b" from
    /// an earlier merge.
    fn of(v: &Value, threshold: u64, most: u64) -> Option<Range> {
        if let Some(n) = v.as_u64() {
            return Some(Range { lo: n, hi: n });
        }
        let text = v.as_str()?.trim();
        if text == "x" {
            return Some(Range {
                lo: threshold,
                hi: most.max(threshold),
            });
        }
        if text == "." {
            return Some(Range { lo: 0, hi: most });
        }
        if let Some(below) = text.strip_prefix('<') {
            let below: u64 = below.parse().ok()?;
            return Some(Range {
                lo: 0,
                hi: below.saturating_sub(1),
            });
        }
        let (lo, hi) = text.split_once('-')?;
        let (lo, hi) = (lo.parse().ok()?, hi.parse().ok()?);
        (lo <= hi).then_some(Range { lo, hi })
    }

    fn value(self) -> Value {
        if self.lo == self.hi {
            json!(self.lo)
        } else {
            json!(format!("{}-{}", self.lo, self.hi))
        }
    }
}

/// One office's tally: the file it came from and its JSON.
pub struct OfficeTally {
    pub file: String,
    pub json: Value,
}

/// Adds up the offices' tallies; refuses, naming the file, anything that is no outside
/// tally or counts another period than the first.
pub fn merge(offices: &[OfficeTally]) -> Result<Value, MergeRefused> {
    let Some(first) = offices.first() else {
        return Err(MergeRefused(
            "give the tally files to add up: spreekuur tally merge a.json b.json".into(),
        ));
    };
    for office in offices {
        check(office, first)?;
    }
    let mut sum = Map::new();
    for office in offices {
        let o = office.json.as_object().into_iter().flatten();
        let threshold = office.json["outside_threshold"].as_u64().unwrap_or(5);
        let most = office.json["clients"]
            .as_u64()
            .unwrap_or(0)
            .max(office.json["households"].as_u64().unwrap_or(0));
        for (key, value) in o {
            if LEFT_OUT.contains(&key.as_str()) || key == "merged" {
                continue;
            }
            if PERIOD_KEYS.contains(&key.as_str()) || key == "outside_threshold" {
                sum.entry(key.clone()).or_insert_with(|| value.clone());
                continue;
            }
            let added = add(sum.get(key), value, threshold, most)
                .map_err(|what| MergeRefused(format!("{}: \"{key}\" {what}", office.file)))?;
            sum.insert(key.clone(), added);
        }
    }
    // The strictest threshold of the offices: the one the summed report keeps to.
    let threshold = offices
        .iter()
        .filter_map(|o| o.json["outside_threshold"].as_u64())
        .max()
        .unwrap_or(5);
    sum.insert("outside_threshold".into(), json!(threshold));
    // A file that is itself a sum brings the offices it was added up from.
    let files: Vec<Value> = offices
        .iter()
        .flat_map(|o| match o.json["merged"]["files"].as_array() {
            Some(earlier) => earlier.clone(),
            None => vec![json!(o.file)],
        })
        .collect();
    sum.insert(
        "merged".into(),
        json!({
            "offices": files.len(),
            "files": files,
            "clients": "the sum of each office's unique clients (and households): someone who came to two offices counts twice",
        }),
    );
    Ok(Value::Object(sum))
}

/// Refuses a file that is no spreekuur tally for outside, or of another period.
fn check(office: &OfficeTally, first: &OfficeTally) -> Result<(), MergeRefused> {
    let o = office.json.as_object().ok_or_else(|| {
        MergeRefused(format!(
            "{} holds no spreekuur tally; make one with: spreekuur tally --json --for-outside",
            office.file
        ))
    })?;
    for key in ["from", "to", "visits"] {
        if !o.contains_key(key) {
            return Err(MergeRefused(format!(
                "{} is no spreekuur tally (it has no \"{key}\"); make one with: spreekuur tally --json --for-outside",
                office.file
            )));
        }
    }
    if !o.contains_key("outside_threshold") || o.contains_key("by_volunteer") {
        return Err(MergeRefused(format!(
            "{} is a tally for inside its office (it may hold volunteers' names and small counts); ask that office for: spreekuur tally --json --for-outside",
            office.file
        )));
    }
    let period = |j: &Value| (j["from"].clone(), j["to"].clone());
    if period(&office.json) != period(&first.json) {
        let shown = |j: &Value| {
            format!(
                "{} to {}",
                j["from"].as_str().unwrap_or("?"),
                j["to"].as_str().unwrap_or("?")
            )
        };
        return Err(MergeRefused(format!(
            "{} counts {}, but {} counts {}: add up tallies of the same period",
            office.file,
            shown(&office.json),
            first.file,
            shown(&first.json)
        )));
    }
    Ok(())
}

/// `so_far` plus one office's `value`: counts add, maps add key by key.
fn add(so_far: Option<&Value>, value: &Value, threshold: u64, most: u64) -> Result<Value, String> {
    if let Some(map) = value.as_object() {
        let mut out = match so_far {
            None => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err("is a list in one file and a count in another".into()),
        };
        for (key, v) in map {
            let added = add(out.get(key), v, threshold, most)?;
            out.insert(key.clone(), added);
        }
        return Ok(Value::Object(out));
    }
    let this = Range::of(value, threshold, most).ok_or("is not a count")?;
    let before = match so_far {
        None => Range { lo: 0, hi: 0 },
        Some(v) => {
            Range::of(v, threshold, most).ok_or("is a list in one file and a count in another")?
        }
    };
    Ok(Range {
        lo: before.lo + this.lo,
        hi: before.hi + this.hi,
    }
    .value())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(file: &str, json: Value) -> OfficeTally {
        OfficeTally {
            file: file.into(),
            json,
        }
    }

    fn tally(visits: u64, extra: Value) -> Value {
        let mut v = json!({
            "from": "2025-01-01", "to": "2025-12-31", "period": "2025",
            "visits": visits, "clients": 40, "households": 30, "outside_threshold": 5,
            "by_category": {"toeslagen": 3},
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    }

    #[test]
    fn every_figure_is_added_and_a_key_of_one_office_is_kept() {
        let a = office(
            "a.json",
            tally(10, json!({"by_category": {"toeslagen": 3, "duo": 2}})),
        );
        let b = office("b.json", tally(7, json!({"by_referral": {"kwadraad": 1}})));
        let sum = merge(&[a, b]).unwrap();
        assert_eq!(sum["visits"], 17);
        assert_eq!(sum["clients"], 80);
        assert_eq!(sum["by_category"], json!({"toeslagen": 6, "duo": 2}));
        assert_eq!(sum["by_referral"], json!({"kwadraad": 1}));
        assert_eq!(sum["period"], "2025");
        assert_eq!(sum["merged"]["offices"], 2);
    }

    #[test]
    fn a_hidden_count_makes_the_sum_a_range() {
        let a = office(
            "a.json",
            tally(1, json!({"clients_by_gender": {"f": "<5", "m": 30}})),
        );
        let b = office(
            "b.json",
            tally(1, json!({"clients_by_gender": {"f": 12, "m": "x"}})),
        );
        let sum = merge(&[a, b]).unwrap();
        assert_eq!(sum["clients_by_gender"]["f"], "12-16");
        assert_eq!(sum["clients_by_gender"]["m"], "35-70");
        let c = office("c.json", tally(1, json!({"clients_by_gender": {"f": 2}})));
        let again = merge(&[office("sum.json", sum), c]).unwrap();
        assert_eq!(again["clients_by_gender"]["f"], "14-18");
        assert_eq!(again["merged"]["offices"], 3);
    }

    #[test]
    fn a_withheld_count_is_anything_up_to_the_offices_clients() {
        let a = office(
            "a.json",
            tally(1, json!({"clients_by_gender": {"f": ".", "m": "."}})),
        );
        let b = office("b.json", tally(1, json!({"clients_by_gender": {"f": 3}})));
        let sum = merge(&[a, b]).unwrap();
        assert_eq!(sum["clients_by_gender"]["f"], "3-43");
        assert_eq!(sum["clients_by_gender"]["m"], "0-40");
    }

    #[test]
    fn other_periods_and_other_files_are_refused_by_name() {
        let a = office("a.json", tally(1, json!({})));
        let b = office("b.json", tally(1, json!({"to": "2025-06-30"})));
        let e = merge(&[a, b]).unwrap_err();
        assert!(e.0.contains("b.json") && e.0.contains("same period"), "{e}");
        let inside = office("c.json", tally(1, json!({"by_volunteer": {"ans": 1}})));
        let e = merge(&[office("a.json", tally(1, json!({}))), inside]).unwrap_err();
        assert!(
            e.0.contains("c.json") && e.0.contains("--for-outside"),
            "{e}"
        );
        let e = merge(&[office("d.json", json!({"name": "x"}))]).unwrap_err();
        assert!(
            e.0.contains("d.json") && e.0.contains("no spreekuur tally"),
            "{e}"
        );
        let odd = office("e.json", tally(1, json!({"visits": "veel"})));
        let e = merge(&[odd]).unwrap_err();
        assert!(e.0.contains("e.json") && e.0.contains("visits"), "{e}");
    }
}
