//! A report for outside the office: the breakdowns of who came hide small counts, and any
//! other count from which a hidden one could be worked out. docs/tallies.md says the rule in
//! the words a coordinator repeats to the municipality.
//!
//! A hidden count below the threshold shows as `<5` (it lies between 0 and 4), a hidden count
//! at or above it as `x`. Each breakdown adds up to a figure the report prints (unique
//! clients, households), and the age bands also add up to children and adults: those sums are
//! the relations a reader can subtract with. After the small counts are hidden, the range each
//! hidden count can still take is narrowed through every relation, and while one is narrowed
//! to a single value the smallest shown count of a relation it is in is hidden too. When a
//! relation has no shown count left (four genders of four clients each, of 16), the bounds of
//! `<5` alone give its counts away: then its counts are withheld, `.`, which says nothing of
//! their size.

use super::report::{Report, is_difference};

/// Sections whose rows are counts of people: the only ones a small count can identify.
pub fn is_about_people(section_key: &str) -> bool {
    section_key.starts_with("who_")
}

/// The text of a hidden count below the threshold.
pub fn small(threshold: u64) -> String {
    format!("<{threshold}")
}

/// The text of a count hidden only so that a small one cannot be worked out.
pub const HIDDEN: &str = "x";

/// The text of a count withheld because even the bounds of the hidden ones beside it would
/// give them away: it can be any number up to the figure broken down.
pub const WITHHELD: &str = ".";

/// Hides the small counts of `report`'s breakdowns of people, and what would give them away.
/// `threshold` is the smallest count shown (5: counts 1 to 4 are hidden).
pub fn protect(report: &mut Report, threshold: u64) {
    let threshold = threshold.max(1) as i64;
    let columns = report.columns.len();
    let mut hidden = Vec::new();
    for column in (0..columns).filter(|c| !is_difference(*c)) {
        let mut table = Table::of(report, column, threshold);
        table.hide_small();
        while let Some(step) = table.next_step() {
            match step {
                Step::Hide(cell) => table.cells[cell].hidden = true,
                Step::Withhold(cells) => {
                    for cell in cells {
                        table.cells[cell].withheld = true;
                    }
                }
            }
        }
        for cell in &table.cells {
            if cell.withheld || cell.hidden {
                let text = if cell.withheld {
                    WITHHELD.to_string()
                } else if cell.value < threshold {
                    small(threshold as u64)
                } else {
                    HIDDEN.to_string()
                };
                report
                    .shown_as
                    .insert((cell.section, cell.row, column), text);
                hidden.push((cell.section, cell.row, column));
            }
        }
    }
    // A difference next to a hidden count would give it back.
    for (s, r, c) in hidden {
        let pairs: Vec<usize> = if c == 0 {
            (2..columns).step_by(2).collect()
        } else {
            vec![c + 1]
        };
        for d in pairs.into_iter().filter(|d| *d < columns) {
            report.shown_as.insert((s, r, d), HIDDEN.to_string());
        }
    }
}

/// Where a row of a breakdown of people stands in the tally's JSON: a top-level key, and the
/// key inside it when the figure is one of a map.
pub fn json_place<'a>(
    section_key: &str,
    row_key: &'a str,
) -> Option<(&'static str, Option<&'a str>)> {
    Some(match section_key {
        "who_country" => ("clients_by_country", Some(row_key)),
        "who_gender" => ("clients_by_gender", Some(row_key)),
        "who_age" => ("clients_by_age", Some(row_key)),
        "who_language" => ("clients_by_language", Some(row_key)),
        "who_interpreter" => ("clients_interpreter", Some(row_key)),
        "who_children" => match row_key {
            "children" => ("children", None),
            "adults" => ("adults", None),
            _ => ("age_unknown", None),
        },
        "who_households" => match row_key {
            "with_children" => ("households_with_children", None),
            _ => return None,
        },
        _ => return None,
    })
}

/// One count of a breakdown of people in one column of the report.
struct Cell {
    section: usize,
    row: usize,
    value: i64,
    hidden: bool,
    /// Shown as neither its value nor a range (`WITHHELD`).
    withheld: bool,
}

/// What protecting a column does next.
enum Step {
    Hide(usize),
    Withhold(Vec<usize>),
}

/// A relation a reader knows: the signed sum of these cells is a figure the report prints
/// (or zero).
struct Relation {
    cells: Vec<(usize, i64)>,
    sum: i64,
}

/// One column's counts of people and the sums that tie them together.
struct Table {
    cells: Vec<Cell>,
    relations: Vec<Relation>,
    threshold: i64,
    /// The largest any count of the column can be: the column's unique clients.
    most: i64,
}

impl Table {
    fn of(report: &Report, column: usize, threshold: i64) -> Table {
        let mut cells = Vec::new();
        let mut relations = Vec::new();
        let of_section = |s: usize, cells: &mut Vec<Cell>| -> Vec<usize> {
            let section = &report.sections[s];
            section
                .rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let value = row.values.get(column).copied().unwrap_or(0);
                    cells.push(Cell {
                        section: s,
                        row: r,
                        value,
                        hidden: false,
                        withheld: false,
                    });
                    cells.len() - 1
                })
                .collect()
        };
        let mut by_key: Vec<(&str, Vec<usize>)> = Vec::new();
        for (s, section) in report.sections.iter().enumerate() {
            if is_about_people(section.key) {
                let ids = of_section(s, &mut cells);
                by_key.push((section.key, ids));
            }
        }
        // Every breakdown adds up to the figure it breaks down.
        for (_, ids) in &by_key {
            relations.push(Relation::summing(&cells, ids.iter().map(|i| (*i, 1))));
        }
        let find = |key: &str| by_key.iter().find(|(k, _)| *k == key).map(|(_, ids)| ids);
        if let (Some(age), Some(children)) = (find("who_age"), find("who_children")) {
            let row_key = |i: usize| -> &str {
                let c: &Cell = &cells[i];
                &report.sections[c.section].rows[c.row].key
            };
            let of_children = |key: &str| children.iter().copied().find(|i| row_key(*i) == key);
            // The bands below 18 add up to the children, the others to the adults, when no
            // band straddles 18; the unknown ages are the same number in both.
            let bands: Vec<(usize, Option<Band>)> =
                age.iter().map(|i| (*i, band(row_key(*i)))).collect();
            let straddles = bands.iter().any(
                |(_, b)| matches!(b, Some((lo, hi)) if *lo < 18 && hi.is_none_or(|h| h >= 18)),
            );
            if !straddles {
                for (group, is_child) in [("children", true), ("adults", false)] {
                    if let Some(total) = of_children(group) {
                        let members = bands.iter().filter_map(|(i, b)| match b {
                            Some((_, Some(hi))) if is_child && *hi < 18 => Some((*i, 1)),
                            Some((lo, _)) if !is_child && *lo >= 18 => Some((*i, 1)),
                            _ => None,
                        });
                        relations.push(Relation::summing(&cells, members.chain([(total, -1)])));
                    }
                }
            }
            if let (Some(a), Some(c)) = (
                bands.iter().find(|(_, b)| b.is_none()).map(|(i, _)| *i),
                of_children("unknown"),
            ) {
                relations.push(Relation::summing(&cells, [(a, 1), (c, -1)]));
            }
        }
        // A reader knows no count is larger than the largest figure broken down.
        let most = relations.iter().map(|r| r.sum).max().unwrap_or(0);
        Table {
            cells,
            relations,
            threshold,
            most,
        }
    }

    fn hide_small(&mut self) {
        for cell in &mut self.cells {
            cell.hidden = cell.value > 0 && cell.value < self.threshold;
        }
    }

    /// What a reader knows of each cell: its value when shown, else the range its text says.
    fn ranges(&self) -> Vec<(i64, i64)> {
        let mut ranges: Vec<(i64, i64)> = self
            .cells
            .iter()
            .map(|c| match (c.hidden, c.value < self.threshold) {
                _ if c.withheld => (0, self.most),
                (false, _) => (c.value, c.value),
                (true, true) => (0, self.threshold - 1),
                (true, false) => (self.threshold, self.most.max(self.threshold)),
            })
            .collect();
        // Narrow each range through every relation until nothing changes; the ranges only
        // shrink, so this ends.
        loop {
            let mut changed = false;
            for relation in &self.relations {
                for &(i, sign) in &relation.cells {
                    let (mut lo, mut hi) = (relation.sum, relation.sum);
                    for &(j, s) in relation.cells.iter().filter(|(j, _)| *j != i) {
                        let (a, b) = ranges[j];
                        let (a, b) = if s > 0 { (a, b) } else { (-b, -a) };
                        lo -= b;
                        hi -= a;
                    }
                    let (lo, hi) = if sign > 0 { (lo, hi) } else { (-hi, -lo) };
                    let (old_lo, old_hi) = ranges[i];
                    let new = (old_lo.max(lo), old_hi.min(hi));
                    if new != ranges[i] && new.0 <= new.1 {
                        ranges[i] = new;
                        changed = true;
                    }
                }
            }
            if !changed {
                return ranges;
            }
        }
    }

    /// For the hidden cells that can be worked out to one value: the shown cell to hide next,
    /// the smallest of a sum one of them is in whose hiding leaves it more than one value (so
    /// a count is not hidden where it protects nothing), else the smallest of those sums; when
    /// none of their sums shows anything more, the cells of one's sums are withheld.
    fn next_step(&mut self) -> Option<Step> {
        let ranges = self.ranges();
        let exposed: Vec<usize> = (0..self.cells.len())
            .filter(|i| {
                let c = &self.cells[*i];
                (c.hidden || c.withheld) && ranges[*i].0 == ranges[*i].1
            })
            .collect();
        let related = |table: &Table, cell: usize| -> Vec<usize> {
            let mut cells: Vec<usize> = table
                .relations
                .iter()
                .filter(|r| r.cells.iter().any(|(j, _)| *j == cell))
                .flat_map(|r| r.cells.iter().map(|(j, _)| *j))
                .collect();
            cells.sort_unstable();
            cells.dedup();
            cells
        };
        for &cell in &exposed {
            let mut candidates: Vec<usize> = related(self, cell)
                .into_iter()
                .filter(|j| !self.cells[*j].hidden && !self.cells[*j].withheld)
                .collect();
            candidates.sort_by_key(|j| (self.cells[*j].value, *j));
            let protects = |table: &mut Table, candidate: usize| {
                table.cells[candidate].hidden = true;
                let (lo, hi) = table.ranges()[cell];
                table.cells[candidate].hidden = false;
                lo < hi
            };
            if let Some(&chosen) = candidates.iter().find(|c| protects(self, **c)) {
                return Some(Step::Hide(chosen));
            }
            if let Some(&first) = candidates.first() {
                return Some(Step::Hide(first));
            }
        }
        // Each exposed cell's sums are hidden through: withhold those of the first that has
        // a count left to withhold. None left: the cell is known from figures the report must
        // print (a breakdown of no one), and no choice here changes that.
        exposed.iter().find_map(|&cell| {
            let withheld: Vec<usize> = related(self, cell)
                .into_iter()
                .filter(|j| !self.cells[*j].withheld)
                .collect();
            (!withheld.is_empty()).then_some(Step::Withhold(withheld))
        })
    }
}

impl Relation {
    fn summing(cells: &[Cell], members: impl IntoIterator<Item = (usize, i64)>) -> Relation {
        let members: Vec<(usize, i64)> = members.into_iter().collect();
        let sum = members.iter().map(|(i, s)| s * cells[*i].value).sum();
        Relation {
            cells: members,
            sum,
        }
    }
}

/// An age band's first year and last year (none for the open band at the top).
type Band = (u32, Option<u32>);

/// An age band's years from its key ("0-4" is (0, Some(4)), "65+" is (65, None)); None for
/// "unknown".
fn band(key: &str) -> Option<Band> {
    if let Some(from) = key.strip_suffix('+') {
        return Some((from.parse().ok()?, None));
    }
    let (from, to) = key.split_once('-')?;
    Some((from.parse().ok()?, Some(to.parse().ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::report::{Row, Section};
    use proptest::prelude::*;

    const BANDS: [&str; 7] = ["0-4", "5-11", "12-17", "18-29", "30-49", "50-64", "65+"];

    fn section(key: &'static str, rows: &[(&str, i64)]) -> Section {
        Section {
            key,
            title: key.to_string(),
            rows: rows
                .iter()
                .map(|(k, v)| Row {
                    key: k.to_string(),
                    label: k.to_string(),
                    values: vec![*v],
                })
                .collect(),
        }
    }

    /// A report of `people`, each a gender (0..4) and an age band (0..7, 7 for unknown).
    fn report_of(people: &[(usize, usize)]) -> Report {
        let mut gender = [0i64; 4];
        let mut age = [0i64; 8];
        for (g, a) in people {
            gender[*g] += 1;
            age[*a] += 1;
        }
        let children: i64 = age[..3].iter().sum();
        let adults: i64 = age[3..7].iter().sum();
        let mut age_rows: Vec<(&str, i64)> = BANDS.iter().copied().zip(age).collect();
        age_rows.push(("unknown", age[7]));
        Report {
            columns: vec!["2026".into()],
            sections: vec![
                section("summary", &[("clients", people.len() as i64)]),
                section(
                    "who_gender",
                    &[
                        ("f", gender[0]),
                        ("m", gender[1]),
                        ("x", gender[2]),
                        ("unknown", gender[3]),
                    ],
                ),
                section(
                    "who_children",
                    &[
                        ("children", children),
                        ("adults", adults),
                        ("unknown", age[7]),
                    ],
                ),
                section("who_age", &age_rows),
            ],
            shown_as: Default::default(),
        }
    }

    /// Every (section, row) a reader can see sums of, with the sum's sign, written out
    /// separately from the code under test: each breakdown adds up to the clients, the
    /// child bands to the children, the adult bands to the adults, the unknown ages agree.
    /// The signed (section, row) cells of a sum, and whether it adds up to the clients
    /// (else to zero).
    type Sum = (Vec<((usize, usize), i64)>, Option<usize>);

    /// The range a hidden cell's text allows.
    type Domain<'a> = &'a dyn Fn(&(usize, usize)) -> (i64, i64);

    fn known_sums() -> Vec<Sum> {
        let all = |s: usize, n: usize| (0..n).map(move |r| ((s, r), 1)).collect::<Vec<_>>();
        vec![
            (all(1, 4), Some(0)),
            (all(2, 3), Some(0)),
            (all(3, 8), Some(0)),
            (
                [((3, 0), 1), ((3, 1), 1), ((3, 2), 1), ((2, 0), -1)].to_vec(),
                None,
            ),
            (
                [
                    ((3, 3), 1),
                    ((3, 4), 1),
                    ((3, 5), 1),
                    ((3, 6), 1),
                    ((2, 1), -1),
                ]
                .to_vec(),
                None,
            ),
            ([((3, 7), 1), ((2, 2), -1)].to_vec(), None),
        ]
    }

    /// For each hidden cell, the values it can take given everything shown (searching every
    /// assignment the texts allow); stops once each has two.
    fn possible_values(report: &Report, clients: i64) -> Vec<((usize, usize), Vec<i64>)> {
        let hidden: Vec<(usize, usize)> =
            report.shown_as.keys().map(|(s, r, _)| (*s, *r)).collect();
        let domain = |cell: &(usize, usize)| -> (i64, i64) {
            match report.shown_as[&(cell.0, cell.1, 0)].as_str() {
                "<5" => (0, 4),
                "." => (0, clients),
                _ => (5, clients),
            }
        };
        let value = |cell: &(usize, usize)| report.sections[cell.0].rows[cell.1].values[0];
        let sums = known_sums();
        let mut seen: Vec<Vec<i64>> = vec![Vec::new(); hidden.len()];
        let mut chosen: Vec<i64> = Vec::new();
        fn search(
            chosen: &mut Vec<i64>,
            hidden: &[(usize, usize)],
            domain: Domain,
            fits: &dyn Fn(&[i64]) -> bool,
            seen: &mut Vec<Vec<i64>>,
        ) {
            if seen.iter().all(|v| v.len() >= 2) || !fits(chosen) {
                return;
            }
            if chosen.len() == hidden.len() {
                for (i, v) in chosen.iter().enumerate() {
                    if !seen[i].contains(v) {
                        seen[i].push(*v);
                    }
                }
                return;
            }
            let (lo, hi) = domain(&hidden[chosen.len()]);
            for v in lo..=hi {
                chosen.push(v);
                search(chosen, hidden, domain, fits, seen);
                chosen.pop();
            }
        }
        // A partial assignment fits while each sum can still be met by the unassigned cells.
        let fits = |chosen: &[i64]| -> bool {
            sums.iter().all(|(cells, total)| {
                let target = total.map_or(0, |_| clients);
                let (mut fixed, mut lo, mut hi) = (0, 0, 0);
                for (cell, sign) in cells {
                    match hidden.iter().position(|h| h == cell) {
                        Some(i) if i < chosen.len() => fixed += sign * chosen[i],
                        Some(_) => {
                            let (a, b) = domain(cell);
                            if *sign > 0 {
                                lo += a;
                                hi += b;
                            } else {
                                lo -= b;
                                hi -= a;
                            }
                        }
                        None => fixed += sign * value(cell),
                    }
                }
                target - fixed >= lo && target - fixed <= hi
            })
        };
        search(&mut chosen, &hidden, &domain, &fits, &mut seen);
        hidden.into_iter().zip(seen).collect()
    }

    #[test]
    fn a_small_count_is_shown_as_fewer_than_the_threshold() {
        let people: Vec<(usize, usize)> = (0..40).map(|i| (usize::from(i >= 3), 4)).collect();
        let mut report = report_of(&people);
        protect(&mut report, 5);
        assert_eq!(report.cell(1, 0, 0), "<5");
        // The smallest other count (a zero) is hidden too, or the three women would be the
        // clients minus the men; the men can then be shown.
        assert_eq!(report.cell(1, 2, 0), "<5");
        assert_eq!(report.cell(1, 1, 0), "37");
        assert_eq!(report.cell(0, 0, 0), "40");
    }

    #[test]
    fn counts_of_zero_and_of_the_threshold_are_shown_when_nothing_hangs_on_them() {
        let people: Vec<(usize, usize)> = (0..15)
            .map(|i| {
                (
                    i % 3,
                    if i < 5 {
                        3
                    } else if i < 10 {
                        4
                    } else {
                        5
                    },
                )
            })
            .collect();
        let mut report = report_of(&people);
        protect(&mut report, 5);
        assert!(report.shown_as.is_empty(), "{:?}", report.shown_as);
    }

    #[test]
    fn counts_that_the_bounds_of_the_hidden_ones_give_away_are_withheld() {
        // Four genders of four clients each: every count is below 5 and they add up to 16,
        // so each "<5" could only be 4.
        let people: Vec<(usize, usize)> = (0..16).map(|i| (i % 4, 4)).collect();
        let mut report = report_of(&people);
        protect(&mut report, 5);
        for row in 0..4 {
            assert_eq!(report.cell(1, row, 0), WITHHELD, "gender row {row}");
        }
        assert_eq!(report.cell(0, 0, 0), "16");
        for (cell, values) in possible_values(&report, 16) {
            assert!(values.len() >= 2, "{cell:?} can only be {values:?}");
        }
    }

    #[test]
    fn a_difference_beside_a_hidden_count_is_hidden() {
        let mut report = report_of(&[(0, 4), (1, 4), (1, 4), (1, 4), (1, 4), (1, 4)]);
        report.columns = vec!["2026".into(), "2025".into(), "verschil".into()];
        for section in &mut report.sections {
            for row in &mut section.rows {
                let v = row.values[0];
                row.values = vec![v, 20, v - 20];
            }
        }
        protect(&mut report, 5);
        assert_eq!(report.cell(1, 0, 0), "<5");
        assert_eq!(report.cell(1, 0, 2), "x");
        assert_eq!(report.cell(1, 0, 1), "20");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]
        /// No hidden count of an outside report can be worked out from what it shows: each
        /// could still be at least two values.
        #[test]
        fn no_hidden_count_can_be_subtracted_out(
            people in proptest::collection::vec((0usize..4, 0usize..8), 0..40),
        ) {
            let mut report = report_of(&people);
            protect(&mut report, 5);
            for (s, section) in report.sections.iter().enumerate().skip(1) {
                for (r, row) in section.rows.iter().enumerate() {
                    let v = row.values[0];
                    if v > 0 && v < 5 {
                        prop_assert!(report.shown_as.contains_key(&(s, r, 0)), "{s} {r} shown");
                    }
                }
            }
            for (cell, values) in possible_values(&report, people.len() as i64) {
                prop_assert!(values.len() >= 2, "{cell:?} can only be {values:?}: {:?}", report.shown_as);
            }
        }
    }
}
