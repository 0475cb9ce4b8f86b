//! `notice`: the privacy notice in the client's language, as text, JSON or a printable HTML
//! page; to standard output, or with --out to a new file.

use super::args::NoticeArgs;
use super::output::Output;
use super::{CliError, Context};
use crate::config::{self, Lang};
use crate::labels::privacy_labels;
use crate::notice::{self, Facts, NoticeError, Source};
use serde_json::json;
use std::io::Write;

/// Wide enough to read, narrow enough for 80 columns with a margin.
const WIDTH: usize = 72;

pub fn run(ctx: &Context, args: NoticeArgs) -> Result<Output, CliError> {
    let code = match (&ctx.lang_flag, ctx.lang) {
        (Some(code), _) => code.as_str(),
        (None, Lang::Nl) => "nl",
        (None, Lang::En) => "en",
    };
    let language = NoticeError::language(code)?;
    if args.toml {
        return Ok(Output::Raw(language.builtin_text().to_string()));
    }
    if let Some(path) = &args.out
        && path.exists()
    {
        return Err(CliError::Usage(format!(
            "{} exists already; give a new file name, so nothing is overwritten",
            path.display()
        )));
    }
    let notice = notice::load(language, &config::office_dir(&config::process_env))?;
    let facts = Facts::new(&ctx.config, ctx.today());
    let document = if args.html {
        notice.html(&facts)
    } else if ctx.json {
        let sections: Vec<_> = notice
            .filled_sections(&facts)
            .into_iter()
            .map(|s| json!({"key": s.key.key(), "heading": s.heading, "body": s.body}))
            .collect();
        let source = match &notice.source {
            Source::BuiltIn => json!("built-in"),
            Source::Office(path) => json!(path),
        };
        let value = json!({
            "lang": language.code,
            "dir": language.dir(),
            "source": source,
            "review": notice.review,
            "sections": sections,
        });
        format!("{value:#}\n")
    } else {
        notice.text(&facts, WIDTH)
    };
    let Some(path) = &args.out else {
        return Ok(Output::Raw(document));
    };
    let write_error =
        |e: std::io::Error| CliError::Usage(format!("cannot write {}: {e}", path.display()));
    // Not personal data, so the ordinary file mode: whoever prints it may read it.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(write_error)?;
    file.write_all(document.as_bytes()).map_err(write_error)?;
    Ok(Output::Text(format!(
        "{} {}\n",
        privacy_labels(ctx.lang).notice_written,
        path.display()
    )))
}
