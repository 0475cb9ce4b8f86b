//! Bringing an office's existing client list in from a spreadsheet: a dry run that says what
//! would happen, then one transaction that registers every readable row.

mod alike;
pub mod columns;
pub mod reason;
pub mod rejects;
pub mod table;

use crate::model::{Birth, ClientDraft, Gender, Stamp, contains_bsn, fields};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use columns::Field;
use reason::Reason;
use table::Table;

/// A row that cannot be imported, with why. `line` is the line in the sheet (the header is 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub line: usize,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readable {
    pub line: usize,
    pub draft: ClientDraft,
}

/// A row that looks like a client already in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikeExisting {
    pub line: usize,
    /// None when the row may match a restricted client: who that is stays hidden.
    pub client: Option<Existing>,
    /// The row, or the client, gives no birth, so only the name matched: a weaker sign than
    /// name and birth.
    pub by_name_only: bool,
}

/// The client already in the store that a row looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub number: u64,
    pub name: String,
    pub born: Birth,
}

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub rows: usize,
    pub readable: Vec<Readable>,
    pub unreadable: Vec<Unreadable>,
    pub like_existing: Vec<LikeExisting>,
    /// Lines that look like the same person, by the duplicate warning's rules.
    pub like_each_other: Vec<Vec<usize>>,
    /// Which line looks like which, the pairs those groups are made of.
    like: alike::Alike,
    /// Columns left out because the office may not hold them (BSN, V-nummer …).
    pub refused_columns: Vec<String>,
    /// Columns not recognised, so not read.
    pub unknown_columns: Vec<String>,
}

/// Reads every row and checks it against the store, storing nothing.
pub fn plan(
    table: &Table,
    assigned: &[Option<Field>],
    store: &Store,
    today: NaiveDate,
    mut progress: impl FnMut(usize, usize),
) -> Result<Plan, StoreError> {
    let mut plan = Plan::default();
    for (i, h) in table.header.iter().enumerate() {
        match assigned.get(i).copied().flatten() {
            Some(Field::Refused) => plan.refused_columns.push(h.clone()),
            None if !h.is_empty() => plan.unknown_columns.push(h.clone()),
            _ => {}
        }
    }
    for (i, row) in table.rows.iter().enumerate() {
        let line = table.line(i);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        plan.rows += 1;
        match draft(row, assigned, today) {
            Ok(draft) => {
                let by_name_only = draft.birth.year().is_none();
                let similar = store.possible_duplicates(&draft.name, &draft.birth, 3)?;
                for hit in similar.clients {
                    if draft.birth.may_be_same_day(&hit.client.birth) {
                        plan.like_existing.push(LikeExisting {
                            line,
                            // A client registered without a birth matches by name alone too.
                            by_name_only: by_name_only || hit.client.birth.year().is_none(),
                            client: Some(Existing {
                                number: hit.client.number,
                                name: hit.client.name,
                                born: hit.client.birth,
                            }),
                        });
                    }
                }
                // A restricted client is never named in the dry run: only that one may match.
                if similar.restricted > 0 {
                    plan.like_existing.push(LikeExisting {
                        line,
                        client: None,
                        by_name_only,
                    });
                }
                plan.readable.push(Readable { line, draft });
            }
            Err(reason) => plan.unreadable.push(Unreadable { line, reason }),
        }
        if (i + 1) % 500 == 0 {
            progress(i + 1, table.rows.len());
        }
    }
    progress(table.rows.len(), table.rows.len());
    plan.like = alike::pairs(&plan.readable);
    plan.like_each_other = alike::groups(&plan.like);
    Ok(plan)
}

/// Why `--skip-existing` leaves a row out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// Like a client already in the store, by name and birth.
    LikeClient,
    /// Without a birth, like a client by name alone.
    LikeClientByName,
    /// Like an earlier row of the file that is registered, both giving a birth that fits.
    LikeEarlierRow,
}

impl Plan {
    /// The rows `--skip-existing` leaves out, by line. A row like an earlier row is left out
    /// only when it looks like a row that is registered itself, and both rows give a birth:
    /// a row without one would otherwise pull people of different years together, and a
    /// row like a left-out row would lose a person the store does not have.
    pub fn left_out(&self) -> std::collections::BTreeMap<usize, LeftOut> {
        let mut out = std::collections::BTreeMap::new();
        let born: std::collections::BTreeSet<usize> = self
            .readable
            .iter()
            .filter(|r| r.draft.birth.year().is_some())
            .map(|r| r.line)
            .collect();
        let mut registered = std::collections::BTreeSet::new();
        for row in &self.readable {
            let why = match self.like_existing.iter().find(|l| l.line == row.line) {
                Some(l) if l.by_name_only => Some(LeftOut::LikeClientByName),
                Some(_) => Some(LeftOut::LikeClient),
                None if born.contains(&row.line)
                    && self.like.get(&row.line).is_some_and(|like| {
                        like.iter()
                            .any(|l| *l < row.line && born.contains(l) && registered.contains(l))
                    }) =>
                {
                    Some(LeftOut::LikeEarlierRow)
                }
                None => None,
            };
            match why {
                Some(why) => {
                    out.insert(row.line, why);
                }
                None => {
                    registered.insert(row.line);
                }
            }
        }
        out
    }
}

/// What `apply` did: who was registered from which line, and how many rows it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: Vec<(usize, u64)>,
    /// Rows left out as like a client by name and birth.
    pub skipped: usize,
    /// Rows without a birth left out as like a client by name alone.
    pub skipped_by_name: usize,
    /// Rows left out as like an earlier row of the same file.
    pub skipped_alike: usize,
}

impl Applied {
    /// Counts the rows left out, by why.
    fn left_out(&mut self, why: LeftOut) {
        match why {
            LeftOut::LikeClient => self.skipped += 1,
            LeftOut::LikeClientByName => self.skipped_by_name += 1,
            LeftOut::LikeEarlierRow => self.skipped_alike += 1,
        }
    }
}

/// Registers the readable rows in one transaction: all of them, or none if anything fails.
/// The rows in `left_out` (`Plan::left_out`, for `--skip-existing`) are left out.
pub fn apply(
    plan: &Plan,
    store: &Store,
    stamp: Stamp,
    left_out: &std::collections::BTreeMap<usize, LeftOut>,
) -> Result<Applied, StoreError> {
    store.batch(|batch| {
        let mut applied = Applied::default();
        for row in &plan.readable {
            match left_out.get(&row.line) {
                Some(why) => applied.left_out(*why),
                None => applied.added.push((
                    row.line,
                    batch.register_client(row.draft.clone(), stamp.clone())?,
                )),
            }
        }
        Ok(applied)
    })
}

fn cell<'a>(row: &'a [String], assigned: &[Option<Field>], field: Field) -> Vec<&'a str> {
    assigned
        .iter()
        .enumerate()
        .filter(|(_, f)| **f == Some(field))
        .filter_map(|(i, _)| row.get(i).map(|c| c.trim()))
        .filter(|c| !c.is_empty())
        .collect()
}

fn draft(
    row: &[String],
    assigned: &[Option<Field>],
    today: NaiveDate,
) -> Result<ClientDraft, Reason> {
    let get = |f| cell(row, assigned, f);
    let unreadable = |field, value: &str| Reason::Unreadable {
        field,
        value: value.to_string(),
    };
    let name = match get(Field::Name).first() {
        Some(n) => n.to_string(),
        None => [Field::FirstName, Field::Infix, Field::LastName]
            .iter()
            .flat_map(|f| get(*f))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let birth = match get(Field::Born).first() {
        Some(b) => {
            let date = b.replace(['/', '.'], "-");
            let date = date.split_whitespace().next().unwrap_or("");
            Birth::parse(date, today).map_err(|_| unreadable(Field::Born, b))?
        }
        None => Birth::Unknown,
    };
    let aliases: Vec<&str> = get(Field::Alias)
        .into_iter()
        .flat_map(|a| a.split([';', '|']))
        .collect();
    let note = get(Field::Note).join("\n");
    let languages = get(Field::Languages);
    if name.trim().is_empty() {
        return Err(Reason::NoName);
    }
    Ok(ClientDraft {
        begeleider: None,
        name: fields::name(&name)
            .map_err(|_| Reason::of_text(Field::Name, &name, fields::NAME_MAX))?,
        aliases: fields::aliases(aliases.iter().copied())
            .map_err(|_| Reason::of_text(Field::Alias, &aliases.join(" "), fields::NAME_MAX))?,
        birth,
        gender: match get(Field::Gender).first() {
            Some(g) => fields::gender(g).map_err(|_| unreadable(Field::Gender, g))?,
            None => Gender::Unknown,
        },
        country: match get(Field::Country).first() {
            Some(c) => fields::country(c).map_err(|_| unreadable(Field::Country, c))?,
            None => None,
        },
        languages: fields::languages(languages.iter().copied())
            .map_err(|_| unreadable(Field::Languages, &languages.join(", ")))?,
        interpreter: match get(Field::Interpreter).first() {
            Some(v) if fields::yes(v) => true,
            Some(v) if fields::no(v) => false,
            Some(v) => return Err(unreadable(Field::Interpreter, v)),
            None => false,
        },
        phone: match get(Field::Phone).first() {
            Some(p) => fields::phone(p).map_err(|_| {
                if contains_bsn(p) || p.chars().count() > fields::PHONE_MAX {
                    Reason::of_text(Field::Phone, p, fields::PHONE_MAX)
                } else {
                    unreadable(Field::Phone, p)
                }
            })?,
            None => None,
        },
        note: fields::note(&note)
            .map_err(|_| Reason::of_text(Field::Note, &note, fields::NOTE_MAX))?,
    })
}
