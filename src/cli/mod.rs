//! The subcommands: each reads its arguments, calls the library and returns what to print.

mod args;
mod client;
mod demo;
mod error;
mod find;
mod followups;
mod import;
mod json;
mod output;
mod show;
mod tally;
mod visit;
mod where_;
mod year;

pub use args::{Cli, Command};
pub use error::CliError;

use crate::config::{self, Config, Lang};
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
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context, CliError> {
        let env = &config::process_env;
        let config = Config::load(env)?;
        let lang = match &cli.lang {
            Some(l) => Lang::parse(l)?,
            None => config.lang,
        };
        Ok(Context {
            store_path: config::store_path(cli.db.as_deref(), env),
            volunteer: config::volunteer(cli.volunteer.as_deref(), env),
            lang,
            config,
            now: chrono::Local::now().naive_local(),
            json: cli.json,
        })
    }

    pub fn open(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.store_path)?)
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
    let keymap = cli.keymap.clone();
    let result = Context::from_cli(&cli).and_then(|ctx| dispatch(&ctx, cli.command, keymap));
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
        Err(e) => {
            eprintln!("spreekuur: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(
    ctx: &Context,
    command: Option<Command>,
    keymap: Option<String>,
) -> Result<Output, CliError> {
    match command {
        None => desk(ctx, keymap),
        Some(Command::Client(c)) => client::run(ctx, c),
        Some(Command::Find(a)) => find::run(ctx, a),
        Some(Command::Show(a)) => show::run(ctx, a),
        Some(Command::Visit(a)) => visit::run(ctx, a),
        Some(Command::VisitEdit(a)) => visit::edit(ctx, a),
        Some(Command::VisitDelete(a)) => visit::delete(ctx, a),
        Some(Command::Followups(a)) => followups::list(ctx, a),
        Some(Command::Done(a)) => followups::done(ctx, a),
        Some(Command::Tally(a)) => tally::run(ctx, a),
        Some(Command::Jaaroverzicht(a)) => year::run(ctx, a),
        Some(Command::Import(a)) => import::run(ctx, a),
        Some(Command::Demo(a)) => demo::run(ctx, a),
        Some(Command::Where) => where_::run(ctx),
    }
}

/// No subcommand: the desk, full screen; back at the prompt it prints nothing.
fn desk(ctx: &Context, keymap: Option<String>) -> Result<Output, CliError> {
    use std::io::IsTerminal;
    // A broken keymap is refused first: that is a mistake to fix whatever the terminal.
    let env = &config::process_env;
    let keymap = crate::tui::keymap::Keymap::load(&config::config_dir(env), keymap.as_deref())
        .map_err(|e| CliError::Usage(e.to_string()))?;
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
    })
    .map_err(CliError::Usage)?;
    // Said after the screen is restored, so the volunteer knows which file holds the work.
    Ok(Output::Text(format!(
        "{}: {}\n",
        ctx.labels().store,
        ctx.store_path.display()
    )))
}
