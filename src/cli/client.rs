//! `client add` and `client edit`.

use super::args::{ClientCommand, ClientEditArgs, ClientFields};
use super::output::{Output, safe};
use super::{CliError, Context};
use crate::model::{Birth, Client, ClientDraft, Gender, fields};
use crate::store::Store;
use serde_json::json;

pub fn run(ctx: &Context, command: ClientCommand) -> Result<Output, CliError> {
    match command {
        ClientCommand::Add(fields) => add(ctx, fields),
        ClientCommand::Edit(args) => edit(ctx, args),
    }
}

// The checks live in `model::fields`, shared with import; here they take the flags' lists.

fn name(text: &str) -> Result<String, CliError> {
    Ok(fields::name(text)?)
}

fn aliases(list: &[String]) -> Result<Vec<String>, CliError> {
    Ok(fields::aliases(list.iter().map(String::as_str))?)
}

fn country(text: &str) -> Result<Option<String>, CliError> {
    Ok(fields::country(text)?)
}

fn languages(list: &[String]) -> Result<Vec<String>, CliError> {
    Ok(fields::languages(list.iter().map(String::as_str))?)
}

fn phone(text: &str) -> Result<Option<String>, CliError> {
    Ok(fields::phone(text)?)
}

fn note(text: &str) -> Result<String, CliError> {
    Ok(fields::note(text)?)
}

fn draft(ctx: &Context, f: &ClientFields) -> Result<ClientDraft, CliError> {
    let Some(raw_name) = &f.name else {
        return Err(CliError::Usage(
            "a new client needs a name: add --name \"NAME\" as on the residence document".into(),
        ));
    };
    Ok(ClientDraft {
        name: name(raw_name)?,
        aliases: aliases(&f.aliases)?,
        birth: match &f.born {
            Some(b) => Birth::parse(b, ctx.today())?,
            None => Birth::Unknown,
        },
        gender: match &f.gender {
            Some(g) => fields::gender(g)?,
            None => Gender::Unknown,
        },
        country: match &f.country {
            Some(c) => country(c)?,
            None => None,
        },
        languages: languages(&f.languages)?,
        interpreter: f.interpreter,
        phone: match &f.phone {
            Some(p) => phone(p)?,
            None => None,
        },
        note: match &f.note {
            Some(n) => note(n)?,
            None => String::new(),
        },
        begeleider: match &f.begeleider {
            Some(b) => fields::begeleider(b)?,
            None => None,
        },
    })
}

fn add(ctx: &Context, fields: ClientFields) -> Result<Output, CliError> {
    let draft = draft(ctx, &fields)?;
    let store = ctx.open()?;
    let similar = store.possible_duplicates(&draft.name, &draft.birth, 5)?;
    let number = store.add_client(draft.clone(), ctx.stamp())?;
    let l = ctx.labels();
    // The command line never refuses a look-alike (scripts register on purpose), but says so.
    if similar.restricted > 0 {
        eprintln!("{}", l.maybe_restricted);
    }
    let same_year: Vec<_> = similar
        .clients
        .iter()
        .filter(|s| draft.birth.may_be(&s.client.birth))
        .collect();
    if !same_year.is_empty() {
        // The warning shows other clients' names and births: a lookup, logged as one.
        let shown: Vec<u64> = same_year.iter().map(|s| s.client.number).collect();
        store.audit_find(&ctx.stamp(), &shown)?;
        eprintln!("{}", l.maybe_same);
        for s in same_year {
            eprintln!(
                "  {}  {}  {}",
                s.client.number,
                safe(&s.name_shown()),
                s.client.birth.shown()
            );
        }
    }
    if ctx.json {
        return Ok(Output::Json(json!({ "number": number })));
    }
    Ok(Output::Text(format!("{number}\n")))
}

fn edit(ctx: &Context, args: ClientEditArgs) -> Result<Output, CliError> {
    let f = &args.fields;
    let new_name = f.name.as_deref().map(name).transpose()?;
    let add_aliases = aliases(&f.aliases)?;
    let remove_aliases = aliases(&args.remove_aliases)?;
    let birth = f
        .born
        .as_deref()
        .map(|b| Birth::parse(b, ctx.today()))
        .transpose()?;
    let new_country = f.country.as_deref().map(country).transpose()?;
    let new_languages = languages(&f.languages)?;
    let new_gender = f.gender.as_deref().map(fields::gender).transpose()?;
    let new_phone = f.phone.as_deref().map(phone).transpose()?;
    let new_note = f.note.as_deref().map(note).transpose()?;
    let new_begeleider = f
        .begeleider
        .as_deref()
        .map(fields::begeleider)
        .transpose()?;
    let informed = args
        .informed
        .as_deref()
        .map(|d| crate::dates::parse_date(d, ctx.today()))
        .transpose()?;
    let store = ctx.open()?;
    // Check the household first, so a wrong number stores none of the other changes.
    if let Some(other) = args.household {
        if other == args.number {
            return Err(crate::store::StoreError::OwnHousehold(other).into());
        }
        store.client(other)?;
    }
    let missing: Vec<&String> = {
        let current = store.client(args.number)?;
        remove_aliases
            .iter()
            .filter(|a| !current.aliases.contains(a))
            .collect()
    };
    if let Some(a) = missing.first() {
        return Err(CliError::Usage(format!(
            "client {} has no alias \"{a}\"; see its aliases with `spreekuur show {}`",
            args.number, args.number
        )));
    }
    let client = store.update_client(args.number, ctx.stamp(), |c: &mut Client| {
        if let Some(n) = new_name {
            c.name = n;
        }
        c.aliases.retain(|a| !remove_aliases.contains(a));
        for a in add_aliases {
            if !c.aliases.contains(&a) && a != c.name {
                c.aliases.push(a);
            }
        }
        if let Some(b) = birth {
            c.birth = b;
        }
        if let Some(g) = new_gender {
            c.gender = g;
        }
        if let Some(country) = new_country {
            c.country = country;
        }
        if !new_languages.is_empty() {
            c.languages = new_languages;
        }
        if f.interpreter {
            c.interpreter = true;
        }
        if args.no_interpreter {
            c.interpreter = false;
        }
        if let Some(p) = new_phone {
            c.phone = p;
        }
        if let Some(n) = new_note {
            c.note = n;
        }
        if informed.is_some() {
            c.informed = informed;
        }
        if let Some(b) = new_begeleider {
            c.begeleider = b;
        }
        if args.no_begeleider {
            c.begeleider = None;
        }
        Ok(())
    })?;
    household(ctx, &store, &args, &client)?;
    let l = ctx.labels();
    if ctx.json {
        let client = store.client(args.number)?;
        return Ok(Output::Json(
            json!({ "client": super::json::client(&client) }),
        ));
    }
    Ok(Output::Text(format!(
        "{} {}: {}\n",
        l.client_changed,
        client.number,
        safe(&client.name)
    )))
}

fn household(
    ctx: &Context,
    store: &Store,
    args: &ClientEditArgs,
    client: &Client,
) -> Result<(), CliError> {
    if let Some(other) = args.household {
        store.join_household(client.number, other, ctx.stamp())?;
    }
    if args.leave_household {
        store.leave_household(client.number, ctx.stamp())?;
    }
    Ok(())
}
