//! Why the store refused, in the desk's language. The command line says its errors in
//! English (their `Display`); the desk speaks Dutch or English throughout, so a refusal there
//! should not switch language halfway through a volunteer's work.

use super::labels;
use crate::config::Lang;
use crate::dates::DateError;
use crate::model::{AppointmentState, InputError};
use crate::store::files::OpenToOthers;
use crate::store::{OpenNote, StoreError};

/// What the store refused and what to do, in `lang`.
pub fn store(lang: Lang, e: &StoreError) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Nl => dutch(e),
    }
}

/// What was wrong with a text typed, and what to do, in `lang`.
pub fn input(lang: Lang, e: &InputError) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Nl => dutch_input(e),
    }
}

/// What opening the store finished after an interrupted command, or could not, in `lang`.
pub fn open_note(lang: Lang, note: &OpenNote) -> String {
    match (lang, note) {
        (Lang::En, note) => note.to_string(),
        (Lang::Nl, OpenNote::ErasureFinished) => "een wissen dat eerder werd onderbroken is nu afgemaakt: het opslagbestand is herschreven, dus er staat geen gewiste tekst meer in".into(),
        (Lang::Nl, OpenNote::PartialRemoved(path)) => format!(
            "{} verwijderd, een half geschreven kopie van de opslag die een onderbroken opdracht achterliet",
            path.display()
        ),
        (Lang::Nl, OpenNote::LookupsKept(reason)) => format!(
            "de auditregels van recente zoekopdrachten konden nog niet in het logboek van de opslag worden gezet ({reason}); ze blijven naast de opslag bewaard en de volgende opdracht die de opslag wijzigt zet ze erin"
        ),
        (Lang::Nl, OpenNote::ErasureUnfinished(reason)) => format!(
            "een wissen is opgeslagen, maar het opslagbestand moet daarna nog herschreven worden ({reason}), dus gewiste tekst staat nog in de vrije ruimte van het bestand; maak schijfruimte vrij als de schijf vol is en laat daarna `spreekuur check --repair` draaien"
        ),
    }
}

/// That others on the server can read the store, for the desk's status line in `lang`: the
/// command that fixes it comes first, so an 80-column line still shows it whole.
pub fn open_to_others(lang: Lang, w: &OpenToOthers) -> String {
    match lang {
        Lang::En => format!(
            "warning, run: {} — other users of this server can read or change the store of clients' personal data (mode {:o})",
            w.fix, w.mode
        ),
        Lang::Nl => format!(
            "let op, voer uit: {} — andere gebruikers van deze server kunnen de opslag met persoonsgegevens lezen of veranderen (modus {:o})",
            w.fix, w.mode
        ),
    }
}

/// Why a date or moment typed could not be read, and how to write it, in `lang`.
pub fn date(lang: Lang, e: &DateError) -> String {
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Nl, DateError::Date(t)) => format!(
            "de datum \"{t}\" is niet te lezen: gebruik 2026-12-12, 12-12-2026, 12-12, vandaag, morgen, +3d, +2w of een weekdag zoals vrijdag"
        ),
        (Lang::Nl, DateError::DateTime(t)) => format!(
            "het moment \"{t}\" is niet te lezen: geef een datum en een tijd zoals \"2026-11-27 14:30\", of alleen een tijd zoals 14:30"
        ),
        (Lang::Nl, DateError::NoTime(t)) => format!(
            "\"{t}\" heeft geen tijd: geef een datum en een tijd, bijvoorbeeld \"vrijdag 10:30\""
        ),
        (Lang::Nl, DateError::Past(t)) => format!(
            "de afspraak zou in het verleden liggen ({t}); geef een komend moment, bijvoorbeeld \"vrijdag 10:30\""
        ),
        (Lang::Nl, DateError::Month(t)) => {
            format!("de maand \"{t}\" is niet te lezen: gebruik de vorm 2026-11")
        }
        (Lang::Nl, DateError::Year(t)) => {
            format!("het jaar \"{t}\" is niet te lezen: gebruik vier cijfers, zoals 2026")
        }
    }
}

fn dutch(e: &StoreError) -> String {
    match e {
        StoreError::NotAStore { path } => format!(
            "{} is geen spreekuur-opslag, of zo beschadigd dat hij niet te lezen is; controleer het pad (--db of $SPREEKUUR_DB) of zet de opslag terug uit een reservekopie",
            path.display()
        ),
        StoreError::TooNew { path, found, known } => format!(
            "{} is geschreven door een nieuwere spreekuur (opslagversie {found}; dit programma kent tot {known}); werk spreekuur bij voordat u deze opslag gebruikt",
            path.display()
        ),
        StoreError::Open { path, reason } => {
            format!("de opslag {} gaat niet open: {reason}", path.display())
        }
        StoreError::Damaged { what, .. } => format!(
            "de opslag bevat een gegeven dat niet te lezen is ({what}); er is niets veranderd. Laat `spreekuur check` draaien en zet zo nodig een reservekopie terug"
        ),
        StoreError::Failed(reason) => format!(
            "de opslag kon niet gelezen of geschreven worden: {reason}. Er is niets opgeslagen; probeer het opnieuw"
        ),
        StoreError::ReadingOnly => "de opslag is alleen om te lezen geopend en kan door deze opdracht niet gewijzigd worden; er is niets opgeslagen, probeer het opnieuw".into(),
        StoreError::ErasureUnfinished(reason) => format!(
            "het wissen is opgeslagen, maar het opslagbestand kon daarna niet herschreven worden ({reason}), dus gewiste tekst staat nog in de vrije ruimte van het bestand; maak schijfruimte vrij als de schijf vol is en laat daarna `spreekuur check --repair` draaien om het wissen af te maken"
        ),
        StoreError::BackupWouldReplace { target } => format!(
            "{} bestaat al en is geen reservekopie die spreekuur schreef (het kan een opslag in gebruik zijn, of een ander bestand), dus het blijft zoals het is: geef een ander pad voor de reservekopie, of zet dat bestand eerst ergens anders",
            target.display()
        ),
        StoreError::BackupIsStore { target } => format!(
            "{} is de opslag zelf: geef een ander pad voor de reservekopie",
            target.display()
        ),
        StoreError::BackupNotWritten { target, reason } => format!(
            "de reservekopie kon niet naar {} geschreven worden ({reason}); de opslag zelf is niet veranderd: controleer of de map bestaat, beschreven mag worden en ruimte heeft, en maak de reservekopie opnieuw",
            target.display()
        ),
        StoreError::NoSuchClient(n) => {
            format!("er is geen cliënt {n}; zoek het nummer op met `spreekuur find`")
        }
        StoreError::NoSuchVisit(n) => format!("er is geen bezoek {n}"),
        StoreError::NoSuchFollowUp(n) => format!(
            "er is geen follow-up {n}; de open follow-ups staan onder `spreekuur followups`"
        ),
        StoreError::FollowUpClosed { number, state } => {
            let state = if *state == "done" {
                "afgehandeld"
            } else {
                "vervallen"
            };
            format!("follow-up {number} is al {state}")
        }
        StoreError::OwnHousehold(n) => {
            format!("cliënt {n} kan niet bij het eigen huishouden worden gevoegd")
        }
        StoreError::NoSuchAppointment(n) => format!(
            "er is geen afspraak {n}; de afspraken staan onder `spreekuur afspraak list --week`"
        ),
        StoreError::AppointmentEnded { number, state } => {
            let state = match state {
                AppointmentState::Kept { visit } => format!("nagekomen (bezoek {visit})"),
                other => labels(Lang::Nl).appointment.state(*other).to_string(),
            };
            format!(
                "afspraak {number} is al {state}; alleen een geplande afspraak kan worden afgezegd, als niet verschenen gemarkeerd of nagekomen"
            )
        }
        StoreError::AppointmentOfOther {
            number,
            owner,
            client,
        } => {
            let whose = match client {
                Some(c) => format!("cliënt {c}"),
                None => "een anoniem bezoek".into(),
            };
            format!(
                "afspraak {number} is van cliënt {owner}, niet van {whose}; controleer het nummer met `spreekuur afspraak list`"
            )
        }
        StoreError::AppointmentToCome { number, at } => format!(
            "afspraak {number} is op {at}, en dat moment moet nog komen; markeer haar daarna als niet verschenen, of zeg haar af"
        ),
        StoreError::Input(e) => dutch_input(e),
    }
}

fn dutch_input(e: &InputError) -> String {
    match e {
        InputError::Empty { field } => {
            format!("{} is leeg: typ minstens één letter", field_nl(field))
        }
        InputError::TooLong { field, len, max } => format!(
            "{} is {len} tekens lang; houd het onder {max}",
            field_nl(field)
        ),
        InputError::Bsn { field } => format!(
            "{} bevat een nummer dat op een BSN (burgerservicenummer) lijkt; het kantoor mag dat niet bewaren, dus laat het weg",
            field_nl(field)
        ),
    }
}

/// A text field's name as a Dutch sentence starts with it, with its article.
fn field_nl(field: &str) -> String {
    match field {
        "name" => "de naam".into(),
        "alias" => "de alias".into(),
        "note" => "de notitie".into(),
        "referral note" => "de notitie bij de doorverwijzing".into(),
        "follow-up" => "de follow-up".into(),
        "begeleider" => "de begeleider".into(),
        "phone number" => "het telefoonnummer".into(),
        "place" => "de plaats".into(),
        "text" => "de tekst".into(),
        other => format!("het veld '{other}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_store_is_said_in_dutch_at_a_dutch_desk_and_as_before_in_english() {
        let e = StoreError::damaged("client 1268 does not match its checksum");
        let nl = store(Lang::Nl, &e);
        assert!(nl.starts_with("de opslag bevat een gegeven"), "{nl}");
        assert!(nl.contains("spreekuur check"), "{nl}");
        assert_eq!(store(Lang::En, &e), e.to_string());
    }

    #[test]
    fn a_date_that_cannot_be_read_is_said_in_the_desks_language_with_the_text_typed() {
        for e in [
            DateError::Date("31-02".into()),
            DateError::DateTime("31-02".into()),
            DateError::NoTime("31-02".into()),
            DateError::Past("31-02".into()),
            DateError::Month("31-02".into()),
            DateError::Year("31-02".into()),
        ] {
            let nl = date(Lang::Nl, &e);
            assert!(nl.contains("31-02"), "{nl}");
            assert!(!nl.contains("could not"), "{nl}");
            assert_eq!(date(Lang::En, &e), e.to_string());
        }
    }

    #[test]
    fn what_opening_finished_and_a_store_others_can_read_are_said_in_dutch_with_the_fix() {
        let w = OpenToOthers {
            path: "/srv/spreekuur/s.redb".into(),
            mode: 0o644,
            fix: "chmod 600 /srv/spreekuur/s.redb".into(),
        };
        for lang in [Lang::Nl, Lang::En] {
            let said = open_to_others(lang, &w);
            let fix = said.find("chmod 600 /srv/spreekuur/s.redb");
            assert!(
                fix.is_some_and(|at| at < 20) && said.contains("644"),
                "{said}"
            );
        }
        let note = OpenNote::ErasureUnfinished("schijf vol".into());
        let nl = open_note(Lang::Nl, &note);
        assert!(
            nl.contains("schijf vol") && nl.contains("check --repair"),
            "{nl}"
        );
        assert_eq!(open_note(Lang::En, &note), note.to_string());
    }

    #[test]
    fn every_text_field_has_its_dutch_name() {
        for field in [
            "name",
            "alias",
            "note",
            "referral note",
            "follow-up",
            "begeleider",
            "phone number",
            "place",
            "text",
        ] {
            let said = input(Lang::Nl, &InputError::Empty { field });
            assert!(!said.contains("veld"), "{field}: {said}");
            assert!(said.ends_with("typ minstens één letter"), "{said}");
        }
        let long = InputError::TooLong {
            field: "note",
            len: 900,
            max: 500,
        };
        assert_eq!(
            input(Lang::Nl, &long),
            "de notitie is 900 tekens lang; houd het onder 500"
        );
        assert_eq!(input(Lang::En, &long), long.to_string());
    }

    #[test]
    fn appointments_say_their_state_in_dutch() {
        let e = StoreError::AppointmentEnded {
            number: 7,
            state: AppointmentState::Cancelled,
        };
        assert!(store(Lang::Nl, &e).starts_with("afspraak 7 is al afgezegd;"));
        let e = StoreError::AppointmentEnded {
            number: 7,
            state: AppointmentState::Kept { visit: 12 },
        };
        assert!(store(Lang::Nl, &e).contains("nagekomen (bezoek 12)"));
    }
}
