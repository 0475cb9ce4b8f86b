//! `export`: everything stored about one client, for an access request (inzage). Text in
//! Dutch or English (--lang), or JSON; to standard output, or with --out to a new file
//! created 0600 (0660 with the config's group). Coordinator only; logged.
//!
//! It holds the client's record, visits, follow-ups, appointments and audit lines. Other
//! people's data stays out: the household is given by its number, not its members.

use super::args::ExportArgs;
use super::output::{Output, fields, safe};
use super::show::{appointment_line, visit_line};
use super::{CliError, Context, appointments, audit, json};
use crate::labels::privacy_labels;
use crate::model::{AuditAction, FollowUpState};
use crate::store::{AuditFilter, files};
use serde_json::json;
use std::io::Write;

pub fn run(ctx: &Context, args: ExportArgs) -> Result<Output, CliError> {
    ctx.require_coordinator("export")?;
    if let Some(path) = &args.out
        && path.exists()
    {
        return Err(CliError::Usage(format!(
            "{} exists already; give a new file name, so no other export is overwritten",
            path.display()
        )));
    }
    let store = ctx.open_existing()?;
    let client = store.client(args.number)?;
    let visits = store.visits_of(client.number)?;
    let followups = store.followups_of(client.number)?;
    let appointments = store.appointments_of(client.number)?;
    store.audit(&ctx.stamp(), Some(client.number), AuditAction::Export)?;
    let history = store.audit_log(&AuditFilter {
        client: Some(client.number),
        ..AuditFilter::default()
    })?;
    let today = ctx.today();
    let document = if ctx.json && !args.text {
        let value = json!({
            "made": ctx.now.format("%Y-%m-%d %H:%M").to_string(),
            "client": json::client(&client),
            "visits": visits.iter().map(json::visit).collect::<Vec<_>>(),
            "followups": followups.iter().map(|f| json::followup(f, None, today)).collect::<Vec<_>>(),
            "appointments": appointments.iter().map(|a| json::appointment(a, None)).collect::<Vec<_>>(),
            "audit": history.iter().map(audit::entry_json).collect::<Vec<_>>(),
        });
        format!("{value:#}\n")
    } else {
        let l = ctx.labels();
        let p = privacy_labels(ctx.lang);
        let yes_no = |b: bool| if b { l.yes } else { l.no }.to_string();
        let mut out = format!(
            "{} ({} {})\n\n",
            p.export_title,
            p.export_made,
            crate::dates::shown(ctx.now.date())
        );
        let mut pairs = vec![
            (l.number, client.number.to_string()),
            (l.name, safe(&client.name).into_owned()),
            (l.aliases, safe(&client.aliases.join(", ")).into_owned()),
            (l.born, client.birth.shown()),
            (l.gender, client.gender.short(ctx.english()).to_string()),
            (l.country, client.country.clone().unwrap_or_default()),
            (l.languages, client.languages.join(", ")),
            (l.interpreter, yes_no(client.interpreter)),
            (
                l.begeleider,
                safe(client.begeleider.as_deref().unwrap_or("")).into_owned(),
            ),
            (
                l.phone,
                safe(client.phone.as_deref().unwrap_or("")).into_owned(),
            ),
            (l.note, safe(&client.note).into_owned()),
            (
                p.household_number,
                client.household.map(|h| h.to_string()).unwrap_or_default(),
            ),
            (
                l.informed,
                client.informed.map(crate::dates::shown).unwrap_or_default(),
            ),
            (l.restricted, yes_no(client.restricted)),
        ];
        pairs.push((
            l.registered,
            format!(
                "{} {}",
                crate::dates::shown(client.created.at.date()),
                safe(&client.created.who)
            ),
        ));
        out.push_str(&fields(&pairs));
        out.push_str(&format!("\n{} ({})\n", l.visits, visits.len()));
        for v in &visits {
            out.push_str(&visit_line(ctx, v));
        }
        out.push_str(&format!("\n{} ({})\n", p.all_followups, followups.len()));
        for f in &followups {
            let state = match &f.state {
                FollowUpState::Open => String::new(),
                FollowUpState::Done(s) | FollowUpState::Cancelled(s) => {
                    format!("  [{} {}]", f.state.key(), crate::dates::shown(s.at.date()))
                }
            };
            out.push_str(&format!(
                "  {:>5}  {}  {}{state}\n",
                f.number,
                crate::dates::shown(f.due),
                safe(&f.text)
            ));
        }
        let a = l.appointment;
        out.push_str(&format!("\n{} ({})\n", a.title, appointments.len()));
        for x in &appointments {
            let line = appointment_line(x);
            out.push_str(line.trim_end());
            out.push_str(&format!("  [{}]\n", appointments::state(ctx, x)));
        }
        out.push_str(&format!("\n{}\n", p.history));
        out.push_str(&audit::lines(ctx, &history));
        out.push_str(&format!("\n{}\n", p.export_rights));
        out
    };
    match &args.out {
        None => Ok(Output::Raw(document)),
        Some(path) => {
            let write_error = |e: std::io::Error| {
                CliError::Usage(format!("cannot write {}: {e}", path.display()))
            };
            let mut file = files::create_new_private(path, ctx.config.group.as_deref())
                .map_err(write_error)?;
            file.write_all(document.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(write_error)?;
            let p = privacy_labels(ctx.lang);
            Ok(Output::Text(format!(
                "{} {}\n",
                p.exported_to,
                path.display()
            )))
        }
    }
}
