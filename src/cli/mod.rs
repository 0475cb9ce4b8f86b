//! The subcommands: each reads its arguments, calls the library and returns what to print.

mod appointments;
mod args;
mod audit;
mod backup;
mod check;
mod client;
mod confirm;
mod deadlines;
mod demo;
mod error;
mod export;
mod find;
mod followups;
mod forget;
mod import;
mod json;
mod letter;
mod merge;
mod notice;
mod output;
mod purge;
mod restrict;
mod show;
mod tally;
mod visit;
mod where_;
mod year;

use args::FollowupCommand;
pub use args::{Cli, Command};
pub use error::CliError;

use crate::config::{self, Config, Lang, ThemeChoice};
use crate::labels::{Labels, labels};
use crate::model::Stamp;
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use output::Output;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command knows: who, where, when, in which language.
pub struct Context {
    pub store_path: PathBuf,
    pub volunteer: String,
    pub lang: Lang,
    pub config: Config,
    pub now: NaiveDateTime,
    pub json: bool,
    /// The login name, for the coordinator check (not overridable with --as).
    pub login: Option<String>,
    /// --lang as given: `notice` takes more languages than the labels come in.
    pub lang_flag: Option<String>,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context, CliError> {
        let env = &config::process_env;
        let config = Config::load(env)?;
        let lang = match (&cli.lang, &cli.command) {
            // `notice --lang ar` asks for the notice's language; its few labels then follow
            // the config.
            (Some(l), Some(Command::Notice(_))) => Lang::parse(l).unwrap_or(config.lang),
            (Some(l), _) => Lang::parse(l)?,
            (None, _) => config.lang,
        };
        Ok(Context {
            store_path: config::store_path(cli.db.as_deref(), env),
            volunteer: config::volunteer(cli.volunteer.as_deref(), env)?,
            lang,
            config,
            now: chrono::Local::now().naive_local(),
            json: cli.json,
            login: config::login_name(env),
            lang_flag: cli.lang.clone(),
        })
    }

    /// Opens the store (creating it on first use), finishing what an interrupted command left,
    /// and says on stderr what it finished and when other users of the server can read it.
    pub fn open(&self) -> Result<Store, CliError> {
        let group = self.config.group.as_deref();
        self.opened(Store::open_shared(&self.store_path, group)?)
    }

    /// Opens the store like `open` for a command that only looks clients up (`find`).
    pub fn open_for_lookup(&self) -> Result<Store, CliError> {
        self.must_exist()?;
        let group = self.config.group.as_deref();
        self.opened(Store::open_for_lookup(&self.store_path, group)?)
    }

    /// Opens the store like `open` for a command that reads what is there (a list, a tally, a
    /// card): a mistyped --db path is said, not answered with an empty store made there.
    pub fn open_existing(&self) -> Result<Store, CliError> {
        self.must_exist()?;
        self.open()
    }

    /// Refuses a store path where there is no store: a command that reads says so.
    pub(super) fn must_exist(&self) -> Result<(), CliError> {
        if self.store_path.exists() {
            return Ok(());
        }
        Err(CliError::Usage(format!(
            "there is no store at {}: check the --db path (or $SPREEKUUR_DB); a new store is made when the first client is registered, or when the desk starts",
            self.store_path.display()
        )))
    }

    /// Says on stderr what opening the store found or did.
    fn opened(&self, store: Store) -> Result<Store, CliError> {
        let group = self.config.group.as_deref();
        if let Some(warning) = crate::store::files::permission_warning(&self.store_path, group) {
            eprintln!("spreekuur: {warning}");
        }
        for note in store.open_notes() {
            eprintln!("spreekuur: {note}");
        }
        Ok(store)
    }

    /// Refuses unless the login name is one of config.toml's coordinators. A guard rail
    /// against mistakes, not access control: that is the server's accounts and file modes.
    pub fn require_coordinator(&self, what: &str) -> Result<(), CliError> {
        match &self.login {
            Some(login) if self.config.coordinators.iter().any(|c| c == login) => Ok(()),
            login => Err(CliError::Usage(format!(
                "{what} is for a coordinator, and your login name ({}) is not in the coordinators list of config.toml; ask the coordinator",
                login.as_deref().unwrap_or("unknown")
            ))),
        }
    }

    pub fn stamp(&self) -> Stamp {
        Stamp {
            who: self.volunteer.clone(),
            at: self.now,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    pub fn labels(&self) -> &'static Labels {
        labels(self.lang)
    }

    pub fn english(&self) -> bool {
        self.lang.is_english()
    }
}

/// Runs one subcommand and prints its result; errors go to stderr with a non-zero exit.
pub fn run(cli: Cli) -> ExitCode {
    let flags = DeskFlags {
        keymap: cli.keymap.clone(),
        theme: cli.theme.clone(),
    };
    // Known before anything can fail, so even a panic's message says which command stopped on
    // which file.
    let failing = Failing {
        command: cli.command.as_ref().map_or("the desk", Command::name),
        store: config::store_path(cli.db.as_deref(), &config::process_env),
        verbose: cli.verbose,
    };
    let result = match guarded(|| {
        Context::from_cli(&cli).and_then(|ctx| dispatch(&ctx, cli.command, flags))
    }) {
        Ok(result) => result,
        Err(panic) => {
            eprintln!(
                "{}",
                failing.damaged("it stopped on data it could not read", Some(&panic))
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(output) => {
            let text = match output {
                Output::Text(t) | Output::Raw(t) => t,
                Output::Json(v) => format!("{v:#}\n"),
            };
            // A closed pipe (`spreekuur find x | head -1`) is not an error worth a message.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(CliError::Found {
            output: report,
            message,
        }) => {
            let _ = std::io::stdout().lock().write_all(report.as_bytes());
            eprintln!("spreekuur: {}", output::safe(&message));
            ExitCode::FAILURE
        }
        Err(CliError::Store(crate::store::StoreError::Damaged {
            what,
            place,
            detail,
        })) => {
            let what = match place {
                Some(place) if failing.command == "check" || failing.verbose => {
                    format!("{what}: {place}")
                }
                _ => what,
            };
            eprintln!("{}", failing.damaged(&what, detail.as_deref()));
            ExitCode::FAILURE
        }
        Err(e) => {
            // A message may quote what a file or a flag held (a header of an import, a
            // value typed): no escape in it may drive the terminal.
            eprintln!("spreekuur: {}", output::safe(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// What a message about a damaged store names: the command, the file, and whether the
/// technical detail may be shown.
struct Failing {
    command: &'static str,
    store: PathBuf,
    verbose: bool,
}

impl Failing {
    /// The sentence for a damaged store: which command stopped on which file, and what to do.
    /// `detail` (a panic's text and place, or redb's words) only with --verbose.
    fn damaged(&self, what: &str, detail: Option<&str>) -> String {
        let advice = if self.command == "check" {
            "Restore the store from its latest backup (the copy `spreekuur backup` made), or keep this message for whoever maintains spreekuur"
        } else {
            "Run `spreekuur check`, and if it reports a problem, restore the store from its latest backup (the copy `spreekuur backup` made)"
        };
        let mut text = format!(
            "spreekuur: {} stopped: the store {} looks damaged ({what}). Nothing was changed. {advice}.",
            self.command,
            self.store.display()
        );
        match detail {
            Some(d) if self.verbose => text.push_str(&format!("\ndetail: {d}")),
            Some(_) => text.push_str(" --verbose shows the technical detail."),
            None => {}
        }
        text
    }
}

/// Runs `work`, turning a panic (redb panics on some damaged pages, as it does not verify
/// checksums on every read) into a message instead of a trace. A transaction in progress is
/// never committed by a panic, so nothing is stored half.
fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<String>> = Arc::default();
    let keep = seen.clone();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut s) = keep.lock() {
            *s = format!("{message}{place}");
        }
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    drop(std::panic::take_hook());
    result.map_err(|_| seen.lock().map(|s| s.clone()).unwrap_or_default())
}

/// The options only the desk reads.
struct DeskFlags {
    keymap: Option<String>,
    theme: Option<String>,
}

fn dispatch(ctx: &Context, command: Option<Command>, flags: DeskFlags) -> Result<Output, CliError> {
    match command {
        None => desk(ctx, flags),
        Some(Command::Client(c)) => client::run(ctx, c),
        Some(Command::Find(a)) => find::run(ctx, a),
        Some(Command::Show(a)) => show::run(ctx, a),
        Some(Command::Visit(a)) => visit::run(ctx, a),
        Some(Command::VisitEdit(a)) => visit::edit(ctx, a),
        Some(Command::VisitDelete(a)) => visit::delete(ctx, a),
        Some(Command::Followups(a)) => followups::list(ctx, a),
        Some(Command::Done(a)) => followups::done(ctx, a),
        Some(Command::Followup(FollowupCommand::Add(a))) => followups::add(ctx, a),
        Some(Command::Deadlines) => deadlines::run(ctx),
        Some(Command::Afspraak(c)) => appointments::run(ctx, c),
        Some(Command::Tally(a)) => tally::run(ctx, a),
        Some(Command::Jaaroverzicht(a)) => year::run(ctx, a),
        Some(Command::Import(a)) => import::run(ctx, a),
        Some(Command::Demo(a)) => demo::run(ctx, a),
        Some(Command::Where) => where_::run(ctx),
        Some(Command::Audit(a)) => audit::run(ctx, a),
        Some(Command::Export(a)) => export::run(ctx, a),
        Some(Command::Forget(a)) => forget::run(ctx, a),
        Some(Command::Restrict(a)) => restrict::run(ctx, a),
        Some(Command::Purge(a)) => purge::run(ctx, a),
        Some(Command::Backup(a)) => backup::run(ctx, a),
        Some(Command::Check(a)) => check::run(ctx, a),
        Some(Command::Notice(a)) => notice::run(ctx, a),
    }
}

/// No subcommand: the desk, full screen; back at the prompt it prints nothing.
fn desk(ctx: &Context, flags: DeskFlags) -> Result<Output, CliError> {
    use std::io::IsTerminal;
    // A broken keymap or theme is refused first: that is a mistake to fix whatever the terminal.
    let env = &config::process_env;
    let keymap =
        crate::tui::keymap::Keymap::load(&config::config_dir(env), flags.keymap.as_deref())
            .map_err(|e| CliError::Usage(e.to_string()))?;
    let theme = match flags.theme.as_deref() {
        Some(t) => ThemeChoice::parse(t)?,
        None => ctx.config.theme,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::Usage(format!(
            "the desk needs a terminal; from a script use a subcommand such as `spreekuur find NAME` (see `spreekuur --help`). The store is {}",
            ctx.store_path.display()
        )));
    }
    crate::tui::open_desk(crate::tui::DeskOptions {
        store_path: &ctx.store_path,
        volunteer: ctx.volunteer.clone(),
        lang: ctx.lang,
        config: ctx.config.clone(),
        keymap,
        theme,
    })
    .map_err(CliError::Usage)?;
    // Said after the screen is restored, so the volunteer knows which file holds the work.
    Ok(Output::Text(format!(
        "{}: {}\n",
        ctx.labels().store,
        ctx.store_path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::Failing;

    fn failing(command: &'static str, verbose: bool) -> Failing {
        Failing {
            command,
            store: "/srv/spreekuur.redb".into(),
            verbose,
        }
    }

    #[test]
    fn a_damaged_store_is_said_with_the_command_and_the_file_and_the_detail_only_on_request() {
        let panic = "called `Result::unwrap()` on an `Err` value: Utf8Error at src/tree.rs:12";
        let text = failing("tally", false).damaged("it stopped", Some(panic));
        assert!(text.contains("tally stopped"), "{text}");
        assert!(text.contains("/srv/spreekuur.redb"), "{text}");
        assert!(
            text.contains("spreekuur check") && text.contains("backup"),
            "{text}"
        );
        assert!(!text.contains("unwrap") && !text.contains(".rs:"), "{text}");
        assert!(text.contains("--verbose"), "{text}");
        let verbose = failing("tally", true).damaged("it stopped", Some(panic));
        assert!(verbose.contains(panic), "{verbose}");
        let check = failing("check", false).damaged("it stopped", None);
        assert!(!check.contains("Run `spreekuur check`"), "{check}");
        assert!(check.contains("backup"), "{check}");
    }
}
