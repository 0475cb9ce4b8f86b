//! The loop: reads keys and signals, ticks the clock, carries out effects against the store
//! and feeds their results back to `update`, draws when something changed.

use super::background;
use super::keymap::Keymap;
use super::late_answer::{LateAnswer, Passed};
use super::screens;
use super::state::{
    AppointmentRow, CardData, Desk, FollowupRow, NoticeView, State, TodayData, VisitRow,
};
use super::terminal::{self, Backend, Guard};
use super::theme;
use super::update::{DEADLINE_SOON_DAYS, Effect, Event, RESULT_LIMIT, update};
use crate::config::{Config, Lang, ThemeChoice};
use crate::model::{AppointmentState, AuditAction, Client, FollowUp, FollowUpState, Stamp};
use crate::store::{AppointmentFilter, Store, StoreError};
use crate::tally::{self, Period, export, report};
use chrono::{Local, NaiveDateTime};
use crossterm::event;
use ratatui::Terminal;
use std::collections::HashMap;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_secs(1);
const POLL: Duration = Duration::from_millis(200);

pub struct DeskOptions<'a> {
    pub store_path: &'a Path,
    pub volunteer: String,
    pub lang: Lang,
    pub config: Config,
    pub keymap: Keymap,
    pub theme: ThemeChoice,
}

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// The store file's name, short enough for the status line.
fn short_path(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string())
}

/// Opens the desk and runs it until the volunteer quits or the session hangs up.
pub fn open_desk(opts: DeskOptions) -> Result<(), String> {
    let group = opts.config.group.clone();
    let store = Store::open_shared(opts.store_path, group.as_deref()).map_err(|e| e.to_string())?;
    let warning = crate::store::files::permission_warning(opts.store_path, group.as_deref());
    let hangup = terminal::hangup_flag().map_err(|e| e.to_string())?;
    let guard = Guard::enter().map_err(|e| e.to_string())?;
    // Asked in raw mode (the answer is neither echoed nor held for a newline) and before the
    // event thread starts, so the answer is read here and never taken for typed keys.
    let mut asked = None;
    let theme = theme::choose(
        opts.theme,
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        std::env::var("COLORFGBG").ok().as_deref(),
        || {
            let answer = background::ask_terminal();
            asked = Some(answer);
            answer.background
        },
    );
    let mut late = LateAnswer::new(asked.is_some_and(|a| !a.done));
    let desk = Desk {
        store_label: short_path(opts.store_path),
        volunteer: opts.volunteer,
        catalog: opts.config.catalog,
        deadlines: opts.config.deadlines,
        lang: opts.lang,
        keymap: opts.keymap,
        theme,
        report_groups: opts.config.report_groups,
        age_bands: opts.config.age_bands,
        office: opts.config.office,
        retention_months: opts.config.retention_months,
    };
    let mut state = State::new(desk, now());
    let mut queue: VecDeque<Event> = VecDeque::new();
    queue.push_back(Event::Tick);
    // A store others can read: the warning (with the command that fixes it) stays in view.
    if let Some(w) = warning {
        queue.push_back(Event::Failed(crate::labels::refusal::open_to_others(
            opts.lang, &w,
        )));
    }
    // What opening finished (an interrupted erasure), or could not, is said once.
    for note in store.open_notes() {
        queue.push_back(Event::Failed(crate::labels::refusal::open_note(
            opts.lang, note,
        )));
    }
    if let Ok(Some(draft)) = store.draft(&state.desk.volunteer) {
        queue.push_back(Event::DraftFound(draft));
    }
    let mut term = Terminal::new(Backend::new(std::io::stdout())).map_err(|e| e.to_string())?;
    let result = run_loop(
        &mut term, &store, &mut state, &mut queue, &hangup, &mut late,
    );
    drop(term);
    drop(guard);
    result
}

fn run_loop(
    term: &mut Terminal<Backend>,
    store: &Store,
    state: &mut State,
    queue: &mut VecDeque<Event>,
    hangup: &std::sync::atomic::AtomicBool,
    late: &mut LateAnswer,
) -> Result<(), String> {
    let terminal_events = read_terminal();
    let mut last_tick = Instant::now();
    let mut dirty = true;
    loop {
        if hangup.load(Ordering::Relaxed) {
            queue.push_front(Event::Hangup);
        }
        while let Some(ev) = queue.pop_front() {
            let hung_up = ev == Event::Hangup;
            for effect in update(state, ev, now()) {
                if let Some(result) = carry_out(store, state, effect) {
                    queue.push_back(result);
                }
            }
            dirty = true;
            if hung_up {
                // The terminal may be gone: stop without drawing.
                return Ok(());
            }
        }
        if state.quit {
            return Ok(());
        }
        if dirty {
            term.draw(|f| screens::draw(f, state))
                .map_err(|e| e.to_string())?;
            dirty = false;
        }
        match terminal_events.recv_timeout(POLL) {
            Ok(event::Event::Key(k)) => match late.pass(k) {
                Passed::Keys(keys) => queue.extend(keys.into_iter().map(Event::Key)),
                // The terminal's colour after all: its theme from now on.
                Passed::Answer(Some(background)) => {
                    state.desk.theme = background.into();
                    dirty = true;
                }
                Passed::Answer(None) => {}
            },
            Ok(event::Event::Resize(_, _)) => dirty = true,
            Ok(_) | Err(RecvTimeoutError::Timeout) => {}
            // The terminal is gone (a dropped SSH session that sent no signal).
            Err(RecvTimeoutError::Disconnected) => queue.push_front(Event::Hangup),
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            queue.push_back(Event::Tick);
        }
    }
}

/// Reads the terminal's events on a thread of their own. When the terminal goes away,
/// crossterm's read can spin instead of failing; reading here keeps the loop free to see the
/// hang-up signal (or the failed draw) and stop, which ends this thread with the process.
fn read_terminal() -> Receiver<event::Event> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(ev).is_err() {
                break;
            }
        }
    });
    rx
}

/// Does one effect against the store; what came of it returns as an event.
fn carry_out(store: &Store, state: &State, effect: Effect) -> Option<Event> {
    let stamp = || Stamp {
        who: state.desk.volunteer.clone(),
        at: state.now,
    };
    let result: Result<Option<Event>, StoreError> = (|| {
        Ok(match effect {
            Effect::Find(query) => {
                let results = if query.trim().is_empty() {
                    Vec::new()
                } else {
                    store.find(&query, RESULT_LIMIT, false)?
                };
                Some(Event::Found { query, results })
            }
            Effect::LoadCard(n) => {
                let client = store.client(n)?;
                let household = store.household_members(&client)?;
                let today = state.today();
                let mut appointments: Vec<_> = store
                    .appointments_of(n)?
                    .into_iter()
                    .filter(|a| a.state == AppointmentState::Planned && a.at.date() >= today)
                    .collect();
                appointments.sort_by_key(|a| (a.at, a.number));
                Some(Event::CardLoaded(Box::new(CardData {
                    household,
                    followups: store.followups_of(n)?,
                    visits: store.visits_of(n)?,
                    appointments,
                    client,
                })))
            }
            Effect::LoadFollowups => {
                let open = store.open_followups(None)?;
                Some(Event::FollowupsLoaded(followup_rows(store, open)?))
            }
            Effect::LoadToday => Some(Event::TodayLoaded(Box::new(today(store, state)?))),
            Effect::LoadStatus => {
                let today = state.today();
                let (_, overdue) = store.open_followup_totals(today)?;
                let appointments = store.appointment_counts(today, today)?;
                Some(Event::StatusLoaded {
                    clients: store.client_count()?,
                    due_today: store.followups_due_on(today)?,
                    overdue,
                    appointments_today: appointments.planned - appointments.cancelled,
                    deadlines_soon: store.deadlines_within(today, DEADLINE_SOON_DAYS)?,
                })
            }
            Effect::Duplicates { name, birth } => Some(Event::DuplicatesFound(
                store.possible_duplicates(&name, &birth, 8)?,
            )),
            Effect::SaveVisit {
                visit,
                followups,
                keeps,
            } => {
                let (number, fus) = match keeps {
                    Some(a) => store.add_visit_keeping(visit, followups, a)?,
                    None => store.add_visit(visit, followups)?,
                };
                Some(Event::VisitSaved {
                    number,
                    followup: fus.first().copied(),
                })
            }
            Effect::ChangeVisit { number, visit } => {
                store.correct_visit(number, &stamp(), &visit)?;
                Some(Event::VisitCorrected(number))
            }
            Effect::DeleteVisit(number) => {
                store.delete_visit(number, &stamp())?;
                Some(Event::VisitDeleted(number))
            }
            Effect::PlanAppointment(new) => {
                let (a, same) = store.add_appointment(new, &stamp())?;
                let l = crate::labels::labels(state.desk.lang).appointment;
                let warning = same.first().map(|o| {
                    l.double_booked
                        .replace("{with}", &o.with)
                        .replace("{at}", &crate::dates::shown_moment(o.at))
                        .replace("{n}", &o.number.to_string())
                        .replace("{client}", &o.client.to_string())
                });
                Some(Event::AppointmentPlanned {
                    number: a.number,
                    at: a.at,
                    warning,
                })
            }
            Effect::AddClient(draft) => Some(Event::ClientSaved {
                number: store.add_client(draft, stamp())?,
                new: true,
            }),
            Effect::UpdateClient(n, draft) => {
                store.update_client(n, stamp(), |c| {
                    c.name = draft.name;
                    c.aliases = draft.aliases;
                    c.birth = draft.birth;
                    c.gender = draft.gender;
                    c.country = draft.country;
                    c.languages = draft.languages;
                    c.interpreter = draft.interpreter;
                    c.phone = draft.phone;
                    c.begeleider = draft.begeleider;
                    Ok(())
                })?;
                Some(Event::ClientSaved {
                    number: n,
                    new: false,
                })
            }
            Effect::AddAlias(n, alias) => {
                store.update_client(n, stamp(), |c| {
                    if !c.aliases.contains(&alias) {
                        c.aliases.push(alias);
                    }
                    Ok(())
                })?;
                Some(Event::Changed(state.desk.d().alias_added.to_string()))
            }
            Effect::AddFollowup(f) => {
                let n = store.add_followup(f)?;
                Some(Event::Changed(format!(
                    "{}: {n}",
                    state.desk.l().followup_saved
                )))
            }
            Effect::CloseFollowup(n) => {
                store.close_followup(n, FollowUpState::Done(stamp()))?;
                Some(Event::Changed(format!(
                    "{}: {n}",
                    state.desk.l().followup_done
                )))
            }
            Effect::SaveDraft(d) => {
                store.save_draft(&state.desk.volunteer, &d)?;
                None
            }
            Effect::ClearDraft => {
                store.clear_draft(&state.desk.volunteer)?;
                None
            }
            Effect::LoadTally(period) => {
                let (from, to) = period.bounds();
                Some(Event::TallyLoaded(Box::new(tally::count(
                    store,
                    from,
                    to,
                    state.today(),
                    &state.desk.report_groups,
                    &state.desk.age_bands,
                )?)))
            }
            Effect::ExportTally(period) => Some(export_tally(store, state, period)?),
            Effect::AuditView(n) => {
                store.audit(&stamp(), Some(n), AuditAction::View)?;
                None
            }
            Effect::AuditFind { numbers } => {
                store.audit_find(&stamp(), &numbers)?;
                None
            }
            Effect::LoadNotice { client, languages } => {
                let office_dir = crate::config::office_dir(&crate::config::process_env);
                let notices =
                    crate::notice::for_client(&languages, &office_dir).map_err(|e| e.to_string());
                match notices {
                    Ok(notices) => Some(Event::NoticeLoaded(Box::new(NoticeView {
                        client,
                        notices,
                        office: state.desk.office.clone(),
                        retention_months: state.desk.retention_months,
                    }))),
                    Err(message) => Some(Event::Failed(message)),
                }
            }
            Effect::MarkInformed(n) => {
                let today = state.today();
                store.update_client(n, stamp(), |c| {
                    c.informed = Some(today);
                    Ok(())
                })?;
                Some(Event::Changed(state.desk.d().informed_now.to_string()))
            }
        })
    })();
    result.unwrap_or_else(|e| {
        Some(Event::Failed(crate::labels::refusal::store(
            state.desk.lang,
            &e,
        )))
    })
}

/// Writes the period's tally as CSV for Dutch Excel into the volunteer's home directory
/// (readable by the volunteer only) and says where.
fn export_tally(store: &Store, state: &State, period: Period) -> Result<Event, StoreError> {
    let (from, to) = period.bounds();
    let counted = tally::count(
        store,
        from,
        to,
        state.today(),
        &state.desk.report_groups,
        &state.desk.age_bands,
    )?;
    let compared = report::Compared {
        period,
        tally: &counted,
        previous: None,
        year_earlier: None,
    };
    let l = state.desk.l();
    let rep = report::build(
        &compared,
        l,
        &state.desk.catalog,
        state.desk.english(),
        (to - from).num_days() > 31,
    );
    let dir = std::env::var_os("HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    let name: String = format!("spreekuur-telling-{period}.csv")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(name);
    Ok(
        match export::write_private(&path, export::csv(&rep, l, ';').as_bytes()) {
            Ok(()) => Event::Changed(
                state
                    .desk
                    .d()
                    .tally_saved
                    .replace("{path}", &path.display().to_string()),
            ),
            Err(e) => Event::Failed(e),
        },
    )
}

/// Follow-up rows with their clients' names; restricted clients stay out, as out of the search.
fn followup_rows(store: &Store, open: Vec<FollowUp>) -> Result<Vec<FollowupRow>, StoreError> {
    let clients = listable_clients(store, open.iter().map(|f| f.client))?;
    Ok(open
        .into_iter()
        .filter_map(|f| {
            let client = clients.get(&f.client)?;
            Some(FollowupRow {
                client_name: client.name.clone(),
                begeleider: client.begeleider.clone(),
                followup: f,
            })
        })
        .collect())
}

/// The clients a list may name: restricted ones are left out.
fn listable_clients(
    store: &Store,
    numbers: impl Iterator<Item = u64>,
) -> Result<HashMap<u64, Client>, StoreError> {
    let mut numbers: Vec<u64> = numbers.collect();
    numbers.sort_unstable();
    numbers.dedup();
    Ok(store
        .clients(&numbers)?
        .into_iter()
        .filter(|c| !c.restricted)
        .map(|c| (c.number, c))
        .collect())
}

/// Vandaag: today's visits (newest first), appointments and follow-ups due today.
fn today(store: &Store, state: &State) -> Result<TodayData, StoreError> {
    let day = state.today();
    let visits = store.visits_between(day, day)?;
    let filter = AppointmentFilter {
        with: None,
        viewer: state.desk.volunteer.clone(),
        restricted: false,
    };
    let appointments = store.appointment_list(day, day, &filter)?;
    let due = store.open_followups_due_on(day)?;
    let mut numbers: Vec<u64> = visits
        .iter()
        .filter_map(|v| v.client)
        .chain(appointments.iter().map(|a| a.appointment.client))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let clients: HashMap<u64, Client> = store
        .clients(&numbers)?
        .into_iter()
        .map(|c| (c.number, c))
        .collect();
    let me = state.desk.volunteer.as_str();
    // A restricted client is named only to the volunteer whose visit it is, as its
    // appointments and follow-ups are; to others that visit is not listed at all, since it
    // would give the number away.
    let named = |visit: &crate::model::Visit| {
        let client = clients.get(&visit.client?)?;
        (!client.restricted || visit.volunteer == me).then_some(client)
    };
    let listable = |n: u64| clients.get(&n).filter(|c| !c.restricted);
    Ok(TodayData {
        visits: visits
            .into_iter()
            .filter(|v| v.client.is_none() || named(v).is_some())
            .map(|visit| VisitRow {
                client_name: named(&visit).map(|c| c.name.clone()),
                begeleider: named(&visit).and_then(|c| c.begeleider.clone()),
                visit,
            })
            .collect(),
        appointments: appointments
            .into_iter()
            .map(|a| AppointmentRow {
                // The list already left out what this volunteer may not see.
                client_name: a.client_name,
                begeleider: listable(a.appointment.client).and_then(|c| c.begeleider.clone()),
                appointment: a.appointment,
            })
            .collect(),
        followups: followup_rows(store, due)?,
    })
}
