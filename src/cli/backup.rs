//! `backup PATH`: a consistent copy of the store while desks keep working. Coordinator only
//! (it copies every client); the copy is 0600 (0660 with the config's group).

use super::args::BackupArgs;
use super::output::Output;
use super::{CliError, Context};
use crate::labels::privacy_labels;
use serde_json::json;

pub fn run(ctx: &Context, args: BackupArgs) -> Result<Output, CliError> {
    ctx.require_coordinator("backup")?;
    if args.path.is_dir() {
        return Err(CliError::Usage(format!(
            "{} is a directory: give the backup's file name, e.g. {}",
            args.path.display(),
            args.path.join("spreekuur-backup.redb").display()
        )));
    }
    let store = ctx.open_existing()?;
    store.backup(&args.path, &ctx.stamp())?;
    if ctx.json {
        return Ok(Output::Json(json!({ "backup": args.path })));
    }
    let p = privacy_labels(ctx.lang);
    Ok(Output::Text(format!(
        "{} {}\n",
        p.backup_written,
        args.path.display()
    )))
}
