//! `client add` and `client edit`.

use super::args::{ClientCommand, ClientEditArgs, ClientFields};
use super::output::{Output, safe};
use super::{CliError, Context};
use crate::model::{Birth, Client, ClientDraft, clean_line, clean_note, is_country_code};
use crate::store::Store;
use serde_json::json;

const NAME_MAX: usize = 120;
const NOTE_MAX: usize = 500;
const PHONE_MAX: usize = 40;

pub fn run(ctx: &Context, command: ClientCommand) -> Result<Output, CliError> {
    match command {
        ClientCommand::Add(fields) => add(ctx, fields),
        ClientCommand::Edit(args) => edit(ctx, args),
    }
}

fn name(text: &str) -> Result<String, CliError> {
    let name = clean_line(text, "name", NAME_MAX)?;
    if name.is_empty() {
        return Err(CliError::Usage(
            "the name is empty: give the name as on the residence document, e.g. --name \"Amina Yusuf\"".into(),
        ));
    }
    Ok(name)
}

fn aliases(list: &[String]) -> Result<Vec<String>, CliError> {
    let mut out: Vec<String> = Vec::new();
    for a in list {
        let a = clean_line(a, "alias", NAME_MAX)?;
        if !a.is_empty() && !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

fn country(text: &str) -> Result<Option<String>, CliError> {
    let code = text.trim().to_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    if !is_country_code(&code) {
        return Err(CliError::Usage(format!(
            "\"{}\" is not a country code: use the two-letter ISO code, such as SY (Syria), ER (Eritrea), AF (Afghanistan), IQ (Iraq), SO (Somalia)",
            text.trim()
        )));
    }
    Ok(Some(code))
}

fn languages(list: &[String]) -> Result<Vec<String>, CliError> {
    let mut out: Vec<String> = Vec::new();
    for code in list.iter().flat_map(|l| l.split(',')) {
        let code = code.trim().to_lowercase();
        if code.is_empty() {
            continue;
        }
        if !(2..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(CliError::Usage(format!(
                "\"{code}\" is not a language code: use the ISO code, such as ar (Arabic), ti (Tigrinya), prs (Dari), so (Somali), kmr (Kurmanji)"
            )));
        }
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

fn phone(text: &str) -> Result<Option<String>, CliError> {
    let phone = clean_line(text, "phone number", PHONE_MAX)?;
    if phone.is_empty() {
        return Ok(None);
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        || phone.chars().filter(char::is_ascii_digit).count() < 6
    {
        return Err(CliError::Usage(format!(
            "\"{phone}\" is not a phone number: use digits, spaces, + and -, e.g. 06-12345678"
        )));
    }
    Ok(Some(phone))
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
            Some(n) => clean_note(n, "note", NOTE_MAX)?,
            None => String::new(),
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
    let same_year: Vec<_> = similar
        .iter()
        .filter(|s| draft.birth.year().is_none() || s.client.birth.year() == draft.birth.year())
        .collect();
    if !same_year.is_empty() {
        eprintln!("{}", l.maybe_same);
        for s in same_year {
            eprintln!(
                "  {}  {}  {}",
                s.client.number,
                safe(&s.client.name),
                s.client.birth
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
    let new_phone = f.phone.as_deref().map(phone).transpose()?;
    let new_note = f
        .note
        .as_deref()
        .map(|n| clean_note(n, "note", NOTE_MAX))
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
