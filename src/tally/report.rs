//! A tally (with the periods it is compared with) as rows under section titles, the one shape
//! that the table, the CSV and the workbook are written from.

use super::{Period, Tally};
use crate::labels::Labels;
use crate::model::{Catalog, CatalogKind, Channel};
use std::collections::{BTreeMap, HashMap};

/// One line of a breakdown: a stable key, a label in the chosen language, and one value per
/// column (the period, then what it is compared with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub values: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// A stable name for the sheet and the JSON ("summary", "category" …).
    pub key: &'static str,
    pub title: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Column headings: the periods, with "verschil" after each comparison.
    pub columns: Vec<String>,
    pub sections: Vec<Section>,
    /// Cells that show a text instead of their number, by (section, row, column): small
    /// counts hidden in a report for outside the office ("<5"), and added-up figures that
    /// are known only as a range.
    pub shown_as: BTreeMap<(usize, usize, usize), String>,
}

impl Report {
    /// What a cell shows: its number (a difference with its sign), or the text that stands
    /// for it.
    pub fn cell(&self, section: usize, row: usize, column: usize) -> String {
        if let Some(text) = self.shown_as.get(&(section, row, column)) {
            return text.clone();
        }
        let v = self.sections[section].rows[row].values[column];
        if is_difference(column) {
            format!("{v:+}")
        } else {
            v.to_string()
        }
    }
}

/// Whether a column holds a difference: columns are the period, then each comparison
/// followed by its difference.
pub fn is_difference(column: usize) -> bool {
    column > 0 && column.is_multiple_of(2)
}

/// What the report shows: the period, its tally, and the comparisons.
pub struct Compared<'a> {
    pub period: Period,
    pub tally: &'a Tally,
    pub previous: Option<(Period, &'a Tally)>,
    pub year_earlier: Option<(Period, &'a Tally)>,
}

impl Compared<'_> {
    fn tallies(&self) -> Vec<&Tally> {
        let mut all = vec![self.tally];
        all.extend(self.previous.map(|(_, t)| t));
        all.extend(self.year_earlier.map(|(_, t)| t));
        all
    }
}

/// One key's counts in the period and each comparison (in `Compared::tallies` order), with
/// the difference after each comparison.
fn with_differences(counts: &[u64]) -> Vec<i64> {
    let now = counts.first().copied().unwrap_or(0) as i64;
    let mut out = vec![now];
    for &then in &counts[1.min(counts.len())..] {
        out.push(then as i64);
        out.push(now - then as i64);
    }
    out
}

/// A summary line: its key, its label, and how to read it from a tally.
type SummaryLine<'a> = (&'a str, &'a str, fn(&Tally) -> u64);

fn summary(c: &Compared, l: &Labels) -> Section {
    let rows: Vec<SummaryLine> = vec![
        ("visits", l.contacts, |t| t.visits),
        ("anonymous_visits", l.anonymous_contacts, |t| {
            t.anonymous_visits
        }),
        ("clients", l.unique_clients, |t| t.clients),
        ("households", l.households, |t| t.households),
        ("new_clients", l.new_clients, |t| t.new_clients),
        ("followups_opened", l.followups_opened, |t| {
            t.followups.opened
        }),
        ("followups_done", l.followups_done, |t| t.followups.done),
        ("followups_cancelled", l.followups_cancelled, |t| {
            t.followups.cancelled
        }),
        ("followups_open_now", l.followups_open_now, |t| {
            t.followups.open_now
        }),
        ("followups_overdue_now", l.followups_overdue_now, |t| {
            t.followups.overdue_now
        }),
    ];
    lines(c, "summary", l.summary, rows)
}

/// The appointments whose moment falls in the period, by what became of them.
fn appointments(c: &Compared, l: &Labels) -> Section {
    let a = l.appointment;
    let rows: Vec<SummaryLine> = vec![
        ("appointments_planned", a.total_planned, |t| {
            t.appointments.planned
        }),
        ("appointments_kept", a.total_kept, |t| t.appointments.kept),
        ("appointments_cancelled", a.total_cancelled, |t| {
            t.appointments.cancelled
        }),
        ("appointments_no_show", a.total_no_show, |t| {
            t.appointments.no_show
        }),
        ("appointments_open", a.total_open, |t| t.appointments.open),
    ];
    lines(c, "appointment", a.title, rows)
}

/// A section of fixed lines, each read from every tally with the differences.
fn lines(c: &Compared, key: &'static str, title: &str, rows: Vec<SummaryLine>) -> Section {
    Section {
        key,
        title: title.to_string(),
        rows: rows
            .into_iter()
            .map(|(key, label, get)| Row {
                key: key.to_string(),
                label: label.to_string(),
                values: with_differences(&c.tallies().into_iter().map(get).collect::<Vec<_>>()),
            })
            .collect(),
    }
}

/// A breakdown by key over every tally, ranked by the current period (most first).
pub(super) fn breakdown(
    c: &Compared,
    key: &'static str,
    title: &str,
    keys_of: impl Fn(&Tally) -> Vec<(String, u64)>,
    label_of: impl Fn(&str) -> String,
    ranked: bool,
) -> Section {
    // Each tally's breakdown is worked out once (a century's months are 1,200 keys).
    let per_tally: Vec<HashMap<String, u64>> = c
        .tallies()
        .into_iter()
        .map(|t| keys_of(t).into_iter().collect())
        .collect();
    let mut keys: Vec<String> = Vec::new();
    for t in c.tallies() {
        for (k, _) in keys_of(t) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let mut rows: Vec<Row> = keys
        .into_iter()
        .map(|k| {
            let counts: Vec<u64> = per_tally
                .iter()
                .map(|m| m.get(&k).copied().unwrap_or(0))
                .collect();
            Row {
                values: with_differences(&counts),
                label: label_of(&k),
                key: k,
            }
        })
        .collect();
    if ranked {
        rows.sort_by(|a, b| b.values[0].cmp(&a.values[0]).then(a.label.cmp(&b.label)));
    }
    Section {
        key,
        title: title.to_string(),
        rows,
    }
}

pub fn build(
    c: &Compared,
    l: &Labels,
    catalog: &Catalog,
    english: bool,
    with_months: bool,
) -> Report {
    let mut columns = vec![c.period.shown()];
    for (p, _) in [c.previous, c.year_earlier].into_iter().flatten() {
        columns.push(p.shown());
        columns.push(l.difference.to_string());
    }
    let map = |m: &std::collections::BTreeMap<String, u64>| -> Vec<(String, u64)> {
        m.iter().map(|(k, n)| (k.clone(), *n)).collect()
    };
    let mut sections = vec![
        summary(c, l),
        appointments(c, l),
        breakdown(
            c,
            "channel",
            l.per_channel,
            |t| {
                Channel::ALL
                    .iter()
                    .filter_map(|ch| {
                        t.by_channel
                            .get(ch.key())
                            .map(|n| (ch.key().to_string(), *n))
                    })
                    .collect()
            },
            |k| k.to_string(),
            false,
        ),
        breakdown(
            c,
            "group",
            l.per_group,
            |t| t.by_group.clone(),
            |k| k.to_string(),
            false,
        ),
        breakdown(
            c,
            "category",
            l.per_category,
            |t| map(&t.by_category),
            |k| catalog.label(CatalogKind::Category, k, english).to_string(),
            true,
        ),
        breakdown(
            c,
            "referral",
            l.per_referral,
            |t| map(&t.by_referral),
            |k| catalog.label(CatalogKind::Referral, k, english).to_string(),
            true,
        ),
        breakdown(
            c,
            "volunteer",
            l.per_volunteer,
            |t| map(&t.by_volunteer),
            |k| k.to_string(),
            true,
        ),
    ];
    sections.extend(super::who_report::sections(c, english));
    if with_months {
        // Months line up by position (January with January), not by name, across years.
        let months = |t: &Tally| -> Vec<(String, u64)> {
            t.by_month()
                .into_iter()
                .enumerate()
                .map(|(i, (_, n))| (format!("{:02}", i + 1), n))
                .collect()
        };
        let names: Vec<String> = c.tally.by_month().into_keys().collect();
        sections.push(breakdown(
            c,
            "month",
            l.per_month,
            months,
            |k| {
                k.parse::<usize>()
                    .ok()
                    .and_then(|i| names.get(i - 1).cloned())
                    .unwrap_or_else(|| k.to_string())
            },
            false,
        ));
    }
    // Open and overdue follow-ups are counted as of now, the same for every period: they are
    // shown once, not beside themselves with a difference of 0.
    let mut shown_as = BTreeMap::new();
    for (r, row) in sections[0].rows.iter().enumerate() {
        if row.key.ends_with("_now") {
            for column in 1..columns.len() {
                shown_as.insert((0, r, column), String::new());
            }
        }
    }
    Report {
        columns,
        sections,
        shown_as,
    }
}
