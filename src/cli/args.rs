//! The command line, as clap reads it. Global options work before or after the subcommand.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "spreekuur",
    version,
    about = "The desk of the walk-in hour: find a client, log a visit, see the follow-ups.",
    long_about = "The desk of the walk-in hour: find a client, log a visit, see the follow-ups.\n\nWithout a subcommand spreekuur opens the desk (full screen). The subcommands do every core job from the command line; --json gives one JSON document on stdout."
)]
pub struct Cli {
    /// The store file (else $SPREEKUUR_DB, else ~/.local/share/spreekuur/spreekuur.redb)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The volunteer who does this (else $SPREEKUUR_VOLUNTEER, else the login name)
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub volunteer: Option<String>,

    /// Language of labels: nl or en (else the config's, else nl); `notice` also takes ar, ti,
    /// fa, so, tr and kmr
    #[arg(long, global = true, value_name = "nl|en")]
    pub lang: Option<String>,

    /// Keys of the desk: default, vim, or a keymap file that overrides single bindings
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub keymap: Option<String>,

    /// Colours of the desk: auto (ask the terminal), light or dark (else the config's, else auto)
    #[arg(long, global = true, value_name = "auto|light|dark")]
    pub theme: Option<String>,

    /// Print one JSON document instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// With an error, also print its technical detail (for whoever maintains spreekuur)
    #[arg(long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Register or change a client
    #[command(subcommand)]
    Client(ClientCommand),
    /// Find clients by name, alias, birth year, number or phone
    Find(FindArgs),
    /// Show a client with visits (newest first) and follow-ups
    Show(ShowArgs),
    /// Log a visit of a client, or an anonymous one
    Visit(VisitArgs),
    /// Correct a visit: its moment, categories, referrals, channel or note
    VisitEdit(VisitEditArgs),
    /// Delete a visit logged by mistake; it no longer counts anywhere
    VisitDelete(VisitDeleteArgs),
    /// List open follow-ups by due date
    Followups(FollowupsArgs),
    /// Mark a follow-up done (or cancelled)
    Done(DoneArgs),
    /// Add a follow-up without a visit (`followup add`)
    #[command(subcommand)]
    Followup(FollowupCommand),
    /// List the deadline rules: key, label, period and days of warning
    Deadlines,
    /// Appointments of clients with their volunteer: plan, list, cancel, mark no-show
    #[command(subcommand)]
    Afspraak(AfspraakCommand),
    /// Count a period: contacts, clients, categories, referrals, follow-ups, appointments
    #[command(long_about = TALLY_HELP)]
    Tally(TallyArgs),
    /// The year in the shape of the office's annual report
    Jaaroverzicht(YearArgs),
    /// Bring in an office's client list from CSV or .xlsx (a dry run unless --yes)
    Import(ImportArgs),
    /// Fill an empty store with realistic synthetic data, for trying and benchmarking
    Demo(DemoArgs),
    /// Say where the store and the config file are
    Where,
    /// List the audit log: who viewed, changed, exported or erased which client, and when
    Audit(AuditArgs),
    /// Everything stored about one client, for an access request (coordinator)
    Export(ExportArgs),
    /// Erase a client with every note and follow-up; anonymous counts stay (coordinator)
    Forget(ForgetArgs),
    /// Hide a client from search and lists (--lift to undo, coordinator)
    Restrict(RestrictArgs),
    /// Erase clients without contact for a period; a dry run unless --yes (coordinator)
    Purge(PurgeArgs),
    /// Write a consistent copy of the store while others keep working (coordinator)
    Backup(BackupArgs),
    /// Verify the store without changing it; exits non-zero on a problem
    Check(CheckArgs),
    /// Tell a client what is recorded and why: the privacy notice, in the client's language
    #[command(long_about = NOTICE_HELP)]
    Notice(NoticeArgs),
}

impl Command {
    /// The subcommand as typed, for a message that says which command failed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Client(_) => "client",
            Command::Find(_) => "find",
            Command::Show(_) => "show",
            Command::Visit(_) => "visit",
            Command::VisitEdit(_) => "visit-edit",
            Command::VisitDelete(_) => "visit-delete",
            Command::Followups(_) => "followups",
            Command::Done(_) => "done",
            Command::Followup(_) => "followup",
            Command::Deadlines => "deadlines",
            Command::Afspraak(_) => "afspraak",
            Command::Tally(_) => "tally",
            Command::Jaaroverzicht(_) => "jaaroverzicht",
            Command::Import(_) => "import",
            Command::Demo(_) => "demo",
            Command::Where => "where",
            Command::Audit(_) => "audit",
            Command::Export(_) => "export",
            Command::Forget(_) => "forget",
            Command::Restrict(_) => "restrict",
            Command::Purge(_) => "purge",
            Command::Backup(_) => "backup",
            Command::Check(_) => "check",
            Command::Notice(_) => "notice",
        }
    }
}

const NOTICE_HELP: &str =
    "Tell a client what is recorded and why: the privacy notice, in the client's language.

--lang picks the language: nl (the default, or the config's lang), en, ar, ti, fa (Dari and
Farsi; prs works too), so, tr or kmr. --html gives a printable page. An office replaces any
text with its own file <config dir>/notice/LANG.toml; --toml prints the built-in one to start
from.";

#[derive(Subcommand, Debug)]
pub enum ClientCommand {
    /// Register a new client; prints its number
    Add(ClientFields),
    /// Change a client
    Edit(ClientEditArgs),
}

#[derive(Args, Debug, Default)]
pub struct ClientFields {
    /// Name as on the residence document
    #[arg(long)]
    pub name: Option<String>,
    /// Another spelling of the name (repeat for more)
    #[arg(long = "alias", value_name = "A")]
    pub aliases: Vec<String>,
    /// Birth year (1988) or date (1988-04-02)
    #[arg(long, value_name = "YEAR|DATE")]
    pub born: Option<String>,
    /// Country, ISO code such as SY, ER, AF
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// Gender: v (vrouw), m (man), x, or onbekend
    #[arg(long, value_name = "V|M|X")]
    pub gender: Option<String>,
    /// Language, ISO code such as ar, ti, prs (repeat or separate with commas)
    #[arg(long = "language", value_name = "CODE")]
    pub languages: Vec<String>,
    /// The client needs an interpreter
    #[arg(long)]
    pub interpreter: bool,
    /// Phone number (any formatting)
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
    /// A short note (no medical, religious or asylum details)
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// The volunteer who guides the client (their login name)
    #[arg(long, value_name = "NAME")]
    pub begeleider: Option<String>,
}

#[derive(Args, Debug)]
pub struct ClientEditArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
    #[command(flatten)]
    pub fields: ClientFields,
    /// No interpreter needed any more
    #[arg(long, conflicts_with = "interpreter")]
    pub no_interpreter: bool,
    /// Remove a spelling from the aliases (repeat for more)
    #[arg(long = "remove-alias", value_name = "A")]
    pub remove_aliases: Vec<String>,
    /// Join the household of client OTHER
    #[arg(long, value_name = "OTHER", value_parser = client_number)]
    pub household: Option<u64>,
    /// Leave the household
    #[arg(long, conflicts_with = "household")]
    pub leave_household: bool,
    /// The date the client was told what is recorded and why
    #[arg(long, value_name = "DATE")]
    pub informed: Option<String>,
    /// The client has no begeleider any more
    #[arg(long, conflicts_with = "begeleider")]
    pub no_begeleider: bool,
}

#[derive(Args, Debug)]
pub struct FindArgs {
    /// What to look for: name, alias, birth year, client number or phone
    #[arg(required_unless_present = "begeleider", num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 20, value_parser = how_many)]
    pub limit: usize,
    /// The clients this volunteer guides (instead of a search)
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    pub begeleider: Option<String>,
    /// Include restricted clients (coordinator)
    #[arg(long)]
    pub restricted: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
}

#[derive(Args, Debug)]
pub struct VisitArgs {
    /// The client's number (or --anonymous)
    #[arg(required_unless_present = "anonymous", value_parser = client_number)]
    pub number: Option<u64>,
    /// A visit without a client; it still counts in tallies
    #[arg(long, conflicts_with = "number")]
    pub anonymous: bool,
    /// Category keys, comma-separated or repeated
    #[arg(long = "category", required = true, value_name = "KEY[,KEY...]")]
    pub categories: Vec<String>,
    /// A referral: destination key, optionally with a note (repeat for more)
    #[arg(long = "refer", value_name = "KEY[:note]")]
    pub referrals: Vec<String>,
    /// spreekuur (default), infopunt, telefoon, afspraak (default with --afspraak) or
    /// huisbezoek
    #[arg(long)]
    pub channel: Option<String>,
    /// This visit keeps the client's planned appointment N
    #[arg(long, value_name = "N", conflicts_with = "anonymous", value_parser = appointment_number)]
    pub afspraak: Option<u64>,
    /// A short note
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// When it happened, for a late entry ("2026-11-27 14:30")
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// A follow-up to add with the visit
    #[arg(long = "follow-up", value_name = "TEXT", requires = "due")]
    pub follow_up: Option<String>,
    /// The follow-up's due date (2026-12-12, +2w, vrijdag …)
    #[arg(long, value_name = "DATE", requires = "follow_up")]
    pub due: Option<String>,
    #[command(flatten)]
    pub letter: LetterArgs,
}

/// A follow-up that guards the legal deadline of a letter.
#[derive(Args, Debug)]
pub struct LetterArgs {
    /// A deadline rule (see `spreekuur deadlines`): the follow-up guards it
    #[arg(long, value_name = "KEY", requires = "letter")]
    pub deadline: Option<String>,
    /// The letter's date (28-11-2026, 28-11: the last one, vrijdag: last Friday)
    #[arg(long, value_name = "DATE", requires = "deadline")]
    pub letter: Option<String>,
    /// Go on with an unlikely date: a letter dated in the future or more than a year back, a
    /// follow-up due more than 5 years ahead, a visit before 2000 or more than a day ahead
    #[arg(long)]
    pub yes: bool,
}

#[derive(Subcommand, Debug)]
pub enum FollowupCommand {
    /// Add a follow-up for a client, without a visit; prints its number
    Add(FollowupAddArgs),
}

#[derive(Args, Debug)]
pub struct FollowupAddArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
    /// What is to be done
    #[arg(
        long,
        value_name = "TEXT",
        requires = "due",
        required_unless_present = "deadline"
    )]
    pub text: Option<String>,
    /// When (2026-12-12, +2w, vrijdag …)
    #[arg(long, value_name = "DATE", requires = "text")]
    pub due: Option<String>,
    /// Who does it (a volunteer's login name); else the client's begeleider, else you
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    #[command(flatten)]
    pub letter: LetterArgs,
}

#[derive(Subcommand, Debug)]
pub enum AfspraakCommand {
    /// Plan an appointment for a client; prints its number
    Add(AfspraakAddArgs),
    /// List the appointments of a day (default today) or a week, by moment
    List(AfspraakListArgs),
    /// Cancel a planned appointment
    Cancel(AfspraakNumber),
    /// Mark a planned appointment whose moment has passed: the client did not come
    Noshow(AfspraakNumber),
}

#[derive(Args, Debug)]
pub struct AfspraakAddArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
    /// When: a date and a time ("vrijdag 10:30", "2026-12-04 10:30", "morgen 9:15")
    #[arg(long, value_name = "WHEN")]
    pub at: String,
    /// The volunteer it is with (default: you)
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// What it is about, in a few words
    #[arg(long, value_name = "TEXT")]
    pub about: Option<String>,
    /// Where (a room, an address)
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    /// Go on when the appointment lies more than 5 years ahead
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("period").multiple(false))]
pub struct AfspraakListArgs {
    /// One day (default: today)
    #[arg(long, group = "period", value_name = "DATE")]
    pub day: Option<String>,
    /// The ISO week (Monday to Sunday) holding DATE (default: this week)
    #[arg(long, group = "period", value_name = "DATE", num_args = 0..=1, default_missing_value = "vandaag")]
    pub week: Option<String>,
    /// Only those with this volunteer
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// Include those of restricted clients (coordinator; yours are always shown)
    #[arg(long)]
    pub restricted: bool,
}

#[derive(Args, Debug)]
pub struct AfspraakNumber {
    /// The appointment's number
    #[arg(value_parser = appointment_number)]
    pub appointment: u64,
}

#[derive(Args, Debug)]
pub struct VisitEditArgs {
    /// The visit's number
    #[arg(value_parser = visit_number)]
    pub visit: u64,
    /// When it happened ("2026-11-27 14:30")
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Go on when --at lies before 2000 or more than a day ahead
    #[arg(long)]
    pub yes: bool,
    /// The categories, replacing the old ones (comma-separated or repeated)
    #[arg(long = "category", value_name = "KEY[,KEY...]")]
    pub categories: Vec<String>,
    /// The referrals, replacing the old ones (repeat for more)
    #[arg(long = "refer", value_name = "KEY[:note]")]
    pub referrals: Vec<String>,
    /// Remove all referrals
    #[arg(long, conflicts_with = "referrals")]
    pub no_referrals: bool,
    /// spreekuur, infopunt, telefoon, afspraak or huisbezoek
    #[arg(long)]
    pub channel: Option<String>,
    /// The note, replacing the old one
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
}

#[derive(Args, Debug)]
pub struct VisitDeleteArgs {
    /// The visit's number
    #[arg(value_parser = visit_number)]
    pub visit: u64,
}

#[derive(Args, Debug)]
pub struct FollowupsArgs {
    /// Only those past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only those due on or before this date
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    /// Only those assigned to this volunteer
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Include those of restricted clients (coordinator)
    #[arg(long)]
    pub restricted: bool,
}

#[derive(Args, Debug)]
pub struct DoneArgs {
    /// The follow-up's number
    #[arg(value_parser = followup_number)]
    pub followup: u64,
    /// Cancel it instead of marking it done
    #[arg(long)]
    pub cancel: bool,
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("period").multiple(false))]
#[command(args_conflicts_with_subcommands = true)]
pub struct TallyArgs {
    #[command(subcommand)]
    pub merge: Option<TallyCommand>,
    /// One day (default: today)
    #[arg(long, group = "period", value_name = "DATE")]
    pub day: Option<String>,
    /// The ISO week (Monday to Sunday) holding DATE (default: this week)
    #[arg(long, group = "period", value_name = "DATE", num_args = 0..=1, default_missing_value = "vandaag")]
    pub week: Option<String>,
    /// A month
    #[arg(long, group = "period", value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// A quarter
    #[arg(long, group = "period", value_name = "YYYY-Qn")]
    pub quarter: Option<String>,
    /// A year
    #[arg(long, group = "period", value_name = "YYYY")]
    pub year: Option<String>,
    /// First day of a range (with --to)
    #[arg(long, group = "period", requires = "to", value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of a range (with --from)
    #[arg(long, requires = "from", value_name = "DATE")]
    pub to: Option<String>,
    /// Put the previous period beside it (and for a month, quarter or year also the same
    /// period a year earlier), with the differences
    #[arg(long)]
    pub compare: bool,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Subcommand, Debug)]
pub enum TallyCommand {
    /// Add up several offices' tallies of one period (each made with tally --json
    /// --for-outside): every figure added, unique clients as the sum of each office's
    Merge(MergeArgs),
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The offices' tally files (JSON)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Args, Debug)]
pub struct ReportOutput {
    /// CSV for Dutch Excel (; separated, UTF-8 with BOM)
    #[arg(long)]
    pub csv: bool,
    /// The CSV separator, e.g. , for English Excel
    #[arg(long, value_name = "CHAR", default_value = ";", requires = "csv")]
    pub csv_sep: char,
    /// Write a workbook to PATH: a sheet and a chart per breakdown (jaaroverzicht: the annual
    /// report's sheet first)
    #[arg(long, value_name = "PATH")]
    pub xlsx: Option<PathBuf>,
    /// A report to send outside the office: small counts of people hidden as <5 (and what
    /// would give them away), no volunteers' names
    #[arg(long)]
    pub for_outside: bool,
}

#[derive(Args, Debug)]
pub struct YearArgs {
    /// The year, e.g. 2026
    pub year: String,
    /// Store the year's figures as closed (coordinator): from then on the year overview
    /// shows them, however the live figures change; closing again replaces them
    #[arg(long)]
    pub close: bool,
    /// Of a closed year, put today's live figures beside the closed ones
    #[arg(long)]
    pub live: bool,
    #[command(flatten)]
    pub output: ReportOutput,
}

const TALLY_HELP: &str = "Count a period: contacts, clients, categories, referrals, follow-ups,
appointments.

Definitions (docs/tallies.md has them in full):
  contact        one visit record, anonymous visits included; also per channel
  unique clients different clients with a visit in the period
  households     different households among them (a client without one is its own)
  new clients    clients whose first visit ever falls in the period
  per category   a visit counts once in each of its categories, so the categories add up
                 to more than the contacts
  report groups  a visit counts once in each group its categories fall in (config.toml)
  referrals      referrals per destination
  follow-ups     opened, done and cancelled in the period; open and overdue now
  appointments   planned for a day in the period, and of those kept, cancelled, no-show
                 and still open (a past one nobody marked stays open)
  volunteers     contacts per volunteer

Without a period option the tally counts today.";

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The file: .csv (any separator) or .xlsx
    pub file: PathBuf,
    /// Which column holds which field, when the headers are not recognised:
    /// "Column=field,..." with fields name, first_name, infix, last_name, alias, born,
    /// gender, country, languages, interpreter, phone, note, or skip
    #[arg(long, value_name = "MAP")]
    pub map: Option<String>,
    /// The sheet of a workbook (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Import for real (without it, only the dry run is shown)
    #[arg(long)]
    pub yes: bool,
    /// Leave out the rows that look like a client already in the store (by name alone too)
    #[arg(long)]
    pub skip_existing: bool,
    /// Write the rows that cannot be read to this new CSV file, unchanged, with the reason in a
    /// last column: fix them there and import that file
    #[arg(long, value_name = "PATH")]
    pub rejects: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// How many clients
    #[arg(long, default_value_t = 500)]
    pub clients: usize,
    /// How many visits
    #[arg(long, default_value_t = 3000)]
    pub visits: usize,
    /// The same seed gives the same store
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Only lines about this client
    #[arg(long, value_name = "NUMBER", value_parser = client_number)]
    pub client: Option<u64>,
    /// Only lines of this volunteer
    #[arg(long, value_name = "NAME")]
    pub volunteer: Option<String>,
    /// From this day (inclusive)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this day (inclusive)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only lines of this action (view, change, find, export …)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
    /// Readable text (the default; wins over --json)
    #[arg(long)]
    pub text: bool,
    /// Write to this new file (created 0600) instead of standard output
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ForgetArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
    /// Do not ask for the typed confirmation (for scripts)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct RestrictArgs {
    /// The client's number
    #[arg(value_parser = client_number)]
    pub number: u64,
    /// Lift the restriction
    #[arg(long)]
    pub lift: bool,
}

#[derive(Args, Debug)]
pub struct PurgeArgs {
    /// Without contact for this long: 24m, 2y (else config.toml's retention, else 24m)
    #[arg(long, value_name = "PERIOD")]
    pub inactive: Option<String>,
    /// Erase them; without it purge only lists them
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct NoticeArgs {
    /// A printable HTML page instead of text
    #[arg(long)]
    pub html: bool,
    /// Write to this new file instead of standard output
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Print the built-in file of the language, to start the office's own from
    #[arg(long, conflicts_with_all = ["html", "out"])]
    pub toml: bool,
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The file to write (an earlier backup to that path is replaced; any other file is
    /// left alone)
    pub path: PathBuf,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// First finish what an interrupted command left (an erasure whose rewrite of the store
    /// file did not complete), then verify
    #[arg(long)]
    pub repair: bool,
}

/// A number the volunteer types, read with a sentence that says where to find the right one
/// (clap's own words are a parser's: "invalid digit found in string"); clap puts the value
/// typed before it.
fn number(text: &str, what: &str, where_: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("not {what}: {where_}"))
}

fn client_number(text: &str) -> Result<u64, String> {
    number(
        text,
        "a client number",
        "give the number `spreekuur find` shows, e.g. 1042",
    )
}

fn visit_number(text: &str) -> Result<u64, String> {
    number(
        text,
        "a visit number",
        "`spreekuur show CLIENT` lists the client's visits with their numbers",
    )
}

fn followup_number(text: &str) -> Result<u64, String> {
    number(
        text,
        "a follow-up number",
        "`spreekuur followups` lists the open ones with their numbers",
    )
}

fn appointment_number(text: &str) -> Result<u64, String> {
    number(
        text,
        "an appointment number",
        "`spreekuur afspraak list --week` lists them with their numbers",
    )
}

/// How many results: at least one, since a list of none would say "nobody found".
fn how_many(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("not a number of results: give a whole number from 1, e.g. 20".to_string()),
    }
}
