//! `where`: the store's and the config's paths.

use super::output::{Output, fields};
use super::{CliError, Context};
use crate::config;
use serde_json::json;

pub fn run(ctx: &Context) -> Result<Output, CliError> {
    let l = ctx.labels();
    let store = &ctx.store_path;
    let config_path = ctx
        .config
        .source
        .clone()
        .unwrap_or_else(|| config::config_path(&config::process_env));
    if ctx.json {
        return Ok(Output::Json(json!({
            "store": store,
            "store_exists": store.exists(),
            "config": config_path,
            "config_exists": ctx.config.source.is_some(),
            "volunteer": ctx.volunteer,
        })));
    }
    let store_text = if store.exists() {
        store.display().to_string()
    } else {
        format!("{} ({})", store.display(), l.created_now)
    };
    let config_text = if ctx.config.source.is_some() {
        config_path.display().to_string()
    } else {
        format!("{} ({})", config_path.display(), l.not_present)
    };
    Ok(Output::Text(fields(&[
        (l.store, store_text),
        (l.config, config_text),
    ])))
}
