//! Which column holds which field: common Dutch and English headers, or the office's own
//! `--map "Kolom=field,..."`.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    FirstName,
    Infix,
    LastName,
    Alias,
    Born,
    Gender,
    Country,
    Languages,
    Interpreter,
    Phone,
    Note,
    /// A column the office may not bring in (BSN, V-nummer …): never read.
    Refused,
}

const FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::Name,
        "name",
        &[
            "naam",
            "name",
            "volledige naam",
            "full name",
            "client",
            "cliënt",
            "clientnaam",
            "naam client",
        ],
    ),
    (
        Field::FirstName,
        "first_name",
        &[
            "voornaam",
            "voornamen",
            "first name",
            "given name",
            "firstname",
        ],
    ),
    (
        Field::Infix,
        "infix",
        &["tussenvoegsel", "voorvoegsel", "infix"],
    ),
    (
        Field::LastName,
        "last_name",
        &[
            "achternaam",
            "familienaam",
            "geslachtsnaam",
            "last name",
            "surname",
            "family name",
            "lastname",
        ],
    ),
    (
        Field::Alias,
        "alias",
        &[
            "alias",
            "aliassen",
            "aliases",
            "andere spelling",
            "andere spellingen",
            "ook bekend als",
            "other spelling",
            "also known as",
        ],
    ),
    (
        Field::Born,
        "born",
        &[
            "geboortedatum",
            "geboren",
            "geboortejaar",
            "geb datum",
            "geb",
            "born",
            "birth",
            "birthdate",
            "birth date",
            "date of birth",
            "dob",
            "year of birth",
        ],
    ),
    (
        Field::Country,
        "country",
        &[
            "land",
            "land van herkomst",
            "herkomst",
            "herkomstland",
            "nationaliteit",
            "country",
            "country of origin",
            "nationality",
        ],
    ),
    (
        Field::Gender,
        "gender",
        &[
            "geslacht",
            "gender",
            "sexe",
            "sex",
            "genre",
            "m v",
            "man vrouw",
        ],
    ),
    (
        Field::Languages,
        "languages",
        &[
            "taal",
            "talen",
            "moedertaal",
            "language",
            "languages",
            "mother tongue",
        ],
    ),
    (
        Field::Interpreter,
        "interpreter",
        &["tolk", "tolk nodig", "interpreter", "interpreter needed"],
    ),
    (
        Field::Phone,
        "phone",
        &[
            "telefoon",
            "telefoonnummer",
            "tel",
            "tel nr",
            "mobiel",
            "gsm",
            "phone",
            "phone number",
            "mobile",
            "telephone",
        ],
    ),
    (
        Field::Note,
        "note",
        &[
            "notitie",
            "opmerking",
            "opmerkingen",
            "bijzonderheden",
            "note",
            "notes",
            "remarks",
            "comment",
        ],
    ),
    (
        Field::Refused,
        "refused",
        &[
            "bsn",
            "burgerservicenummer",
            "sofinummer",
            "sofi nummer",
            "v nummer",
            "vnummer",
            "v-nummer",
            "vreemdelingennummer",
            "paspoort",
            "paspoortnummer",
            "passport",
            "document",
            "documentnummer",
            "id nummer",
            "religie",
            "geloof",
            "religion",
            "etniciteit",
            "ethnicity",
            "diagnose",
            "medisch",
            "medical",
        ],
    ),
];

fn plain(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == 'ë' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header that names a number the office may not hold, however the spreadsheet wrote it
/// ("BSN-nummer", "bsn_nr", "V-nr", "Vnr", "IND-nummer"): refused before any other reading.
fn identity_number(plain: &str) -> bool {
    const STARTS: [&str; 10] = [
        "bsn",
        "burgerservice",
        "sofi",
        "vnr",
        "vnummer",
        "vreemdelingen",
        "indnr",
        "indnummer",
        "paspoort",
        "passport",
    ];
    let compact: String = plain.split_whitespace().collect();
    plain.split_whitespace().any(|w| w == "bsn") || STARTS.iter().any(|s| compact.starts_with(s))
}

/// The field a header names, if it is one we know.
pub fn recognise(header: &str) -> Option<Field> {
    let h = plain(header);
    if identity_number(&h) {
        return Some(Field::Refused);
    }
    FIELDS
        .iter()
        .find(|(_, _, names)| names.iter().any(|n| plain(n) == h))
        .map(|(f, _, _)| *f)
}

/// The field names `--map` accepts.
pub fn field_names() -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|(f, _, _)| *f != Field::Refused)
        .map(|(_, name, _)| *name)
        .chain(["skip"])
        .collect()
}

/// The field of each column: `--map "Kolom=field,..."` first, then the known headers.
pub fn assign(header: &[String], map: Option<&str>) -> Result<Vec<Option<Field>>, String> {
    let mut fields: Vec<Option<Field>> = header.iter().map(|h| recognise(h)).collect();
    if let Some(map) = map {
        for pair in map.split(',').filter(|p| !p.trim().is_empty()) {
            let (column, field) = pair.split_once('=').ok_or_else(|| {
                format!("could not read \"{pair}\" in --map: use COLUMN=FIELD, e.g. --map \"Cliënt=name,Geb.=born\"")
            })?;
            let index = header
                .iter()
                .position(|h| plain(h) == plain(column))
                .ok_or_else(|| {
                    format!(
                        "--map names the column \"{}\", but the file has: {}",
                        column.trim(),
                        header.join(", ")
                    )
                })?;
            let field = field.trim().to_lowercase();
            fields[index] = match field.as_str() {
                "skip" => None,
                _ => Some(
                    FIELDS
                        .iter()
                        .find(|(f, name, _)| *name == field && *f != Field::Refused)
                        .map(|(f, _, _)| *f)
                        .ok_or_else(|| {
                            format!(
                                "--map: unknown field \"{field}\"; use one of {}",
                                field_names().join(", ")
                            )
                        })?,
                ),
            };
        }
    }
    let has_name = fields
        .iter()
        .any(|f| matches!(f, Some(Field::Name | Field::FirstName | Field::LastName)));
    if !has_name {
        return Err(format!(
            "no column holds the name: the file's columns are {}. Name one with --map, e.g. --map \"{}=name\"",
            header.join(", "),
            header.first().map(String::as_str).unwrap_or("Naam")
        ));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_dutch_and_english_headers() {
        assert_eq!(recognise("Naam"), Some(Field::Name));
        assert_eq!(recognise("Geboortedatum"), Some(Field::Born));
        assert_eq!(recognise("Land van herkomst"), Some(Field::Country));
        assert_eq!(recognise("Geslacht"), Some(Field::Gender));
        assert_eq!(recognise("Sexe"), Some(Field::Gender));
        assert_eq!(recognise("Tel.nr"), Some(Field::Phone));
        assert_eq!(recognise("Date of birth"), Some(Field::Born));
        assert_eq!(recognise("BSN"), Some(Field::Refused));
        assert_eq!(recognise("V-nummer"), Some(Field::Refused));
        for number in [
            "BSN-nummer",
            "BSN nr",
            "bsn_nummer",
            "V-nr",
            "Vnr",
            "IND-nummer",
            "Nr. BSN",
        ] {
            assert_eq!(recognise(number), Some(Field::Refused), "{number}");
        }
        for other in ["Voornaam", "Indicatie", "Nummer"] {
            assert_ne!(recognise(other), Some(Field::Refused), "{other}");
        }
        assert_eq!(recognise("Kleur"), None);
    }

    #[test]
    fn map_overrides_and_a_name_is_required() {
        let header = vec!["Cliënt".to_string(), "Geb.".to_string()];
        let f = assign(&header, Some("Geb.=born")).unwrap();
        assert_eq!(f, [Some(Field::Name), Some(Field::Born)]);
        assert!(
            assign(&["Kleur".into()], None)
                .unwrap_err()
                .contains("--map")
        );
        assert!(assign(&header, Some("Geb.=bsn")).is_err());
        assert!(assign(&header, Some("Nope=born")).is_err());
    }
}
