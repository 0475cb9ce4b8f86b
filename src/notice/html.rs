//! The notice as one printable HTML page: inline CSS, no external resources, the script's
//! direction on <html>, every text escaped, A4 print styles.

use super::fill::{Piece, Values, pieces};
use super::text::starts_right_to_left;
use super::{Facts, Notice, SectionKey};

const STYLE: &str = "
@page { size: A4; margin: 18mm 16mm; }
html { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Ethiopic', 'Nyala', 'Abyssinica SIL', 'DejaVu Sans', Tahoma, Arial, sans-serif; font-size: 12pt; line-height: 1.5; color: #000; background: #fff; }
body { max-width: 42em; margin: 2em auto; padding: 0 1em; }
header { display: flex; justify-content: space-between; gap: 1em; border-bottom: 1px solid #000; padding-bottom: .3em; font-size: 10pt; }
h1 { font-size: 18pt; margin: .8em 0 .3em; }
h2 { font-size: 13pt; margin: 1em 0 .2em; break-after: avoid; page-break-after: avoid; }
p, ul { margin: .2em 0; }
ul { padding-inline-start: 1.4em; }
section { break-inside: avoid; page-break-inside: avoid; }
.review { border: 2px dashed #000; padding: .4em .8em; margin: 1em 0; font-size: 10pt; }
footer { border-top: 1px solid #000; margin-top: 1.5em; padding-top: .3em; font-size: 10pt; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
";

impl Notice {
    /// The page, filled in, dated `facts.date`.
    pub fn html(&self, facts: &Facts) -> String {
        let values = Values::new(self, facts);
        let l = self.language;
        let title = self
            .section(SectionKey::Title)
            .map(|s| filled(&s.heading, &values))
            .unwrap_or_default();
        let mut out = String::new();
        out.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            l.code,
            l.dir()
        ));
        // Only what config.toml gives: the words for "ask the desk" are in the contact section.
        let office = facts.office.name.as_deref().map(escape);
        out.push_str(&format!(
            "<header><bdi>{}</bdi><time datetime=\"{}\">{}</time></header>\n",
            office.clone().unwrap_or_default(),
            facts.date.format("%Y-%m-%d"),
            facts.date.format("%d-%m-%Y")
        ));
        if let Some(review) = &self.review {
            out.push_str("<aside class=\"review\">\n");
            for line in review.lines().filter(|x| !x.is_empty()) {
                let dir = if starts_right_to_left(line) {
                    "rtl"
                } else {
                    "ltr"
                };
                out.push_str(&format!("<p dir=\"{dir}\">{}</p>\n", escape(line)));
            }
            out.push_str("</aside>\n");
        }
        out.push_str("<main>\n");
        for s in &self.sections {
            let tag = if s.key == SectionKey::Title {
                "h1"
            } else {
                "h2"
            };
            out.push_str(&format!(
                "<section id=\"{}\">\n<{tag}>{}</{tag}>\n",
                s.key.key(),
                filled(&s.heading, &values)
            ));
            body(&mut out, &s.body, &values);
            out.push_str("</section>\n");
        }
        out.push_str("</main>\n");
        let footer: Vec<String> = office
            .into_iter()
            .chain(facts.office.contact.as_deref().map(escape))
            .map(|part| format!("<bdi>{part}</bdi>"))
            .collect();
        if !footer.is_empty() {
            out.push_str(&format!("<footer>{}</footer>\n", footer.join(" · ")));
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// Paragraphs, and runs of "- " lines as one list.
fn body(out: &mut String, body: &str, values: &Values) {
    let mut in_list = false;
    for line in body.lines().filter(|l| !l.is_empty()) {
        match line.strip_prefix("- ") {
            Some(item) => {
                if !in_list {
                    out.push_str("<ul>\n");
                    in_list = true;
                }
                out.push_str(&format!("<li>{}</li>\n", filled(item, values)));
            }
            None => {
                if in_list {
                    out.push_str("</ul>\n");
                    in_list = false;
                }
                out.push_str(&format!("<p>{}</p>\n", filled(line, values)));
            }
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
}

/// Escaped text with each filled-in value isolated in <bdi>, so a Latin office name or a
/// phone number inside Arabic keeps its own direction.
fn filled(text: &str, values: &Values) -> String {
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => escape(t),
            Piece::Value(v) => format!("<bdi>{}</bdi>", escape(values.get(v))),
        })
        .collect()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{LANGUAGES, Source, language, parse};
    use super::*;
    use crate::config::Office;
    use chrono::NaiveDate;

    fn page(code: &str, office: &Office) -> String {
        let l = language(code).unwrap();
        let notice = parse(l.builtin, l, Source::BuiltIn).unwrap();
        notice.html(&Facts {
            office,
            retention_months: 24,
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        })
    }

    #[test]
    fn arabic_is_a_right_to_left_page() {
        let html = page("ar", &Office::default());
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
            "{html}"
        );
        assert!(html.contains("<time datetime=\"2026-11-27\">27-11-2026</time>"));
        assert!(html.contains("class=\"review\""));
        assert!(
            html.contains("<p dir=\"ltr\">"),
            "the Dutch review line keeps its direction"
        );
        assert!(page("nl", &Office::default()).contains("<html lang=\"nl\" dir=\"ltr\">"));
        assert!(page("ti", &Office::default()).contains("<html lang=\"ti\" dir=\"ltr\">"));
    }

    #[test]
    fn the_page_is_self_contained_and_printable() {
        for l in LANGUAGES {
            let html = page(l.code, &Office::default());
            for external in ["<link", "<script", "src=", "url(", "@import", "http"] {
                assert!(!html.contains(external), "{}: {external}", l.code);
            }
            assert!(html.contains("@page { size: A4"), "{}", l.code);
            assert!(html.contains("<meta charset=\"utf-8\">"));
            assert_eq!(html.matches("<section").count(), 8, "{}", l.code);
            assert_eq!(html.matches("<h1>").count(), 1);
            assert!(!html.contains("{office}") && !html.contains("{retention}"));
        }
    }

    #[test]
    fn office_text_is_escaped_and_isolated() {
        let office = Office {
            name: Some("Wonen & <Werk> \"Oost\"".into()),
            contact: Some("071-1234567".into()),
        };
        let html = page("fa", &office);
        assert!(!html.contains("<Werk>"), "{html}");
        assert!(html.contains("<bdi>Wonen &amp; &lt;Werk&gt; &quot;Oost&quot;</bdi>"));
        assert!(html.contains("<bdi>071-1234567</bdi>"));
        assert!(html.contains("<footer><bdi>Wonen &amp;"), "{html}");
        let unset = page("fa", &Office::default());
        assert!(unset.contains("<header><bdi></bdi><time"), "{unset}");
        assert!(
            !unset.contains("<footer>"),
            "nothing to say beyond the contact section"
        );
        assert_eq!(escape("a'b"), "a&#39;b");
    }

    #[test]
    fn list_items_become_one_list() {
        let office = Office::default();
        let l = language("nl").unwrap();
        let values = Values::new(
            &parse(l.builtin, l, Source::BuiltIn).unwrap(),
            &Facts {
                office: &office,
                retention_months: 24,
                date: NaiveDate::default(),
            },
        );
        let mut out = String::new();
        body(&mut out, "Eerst:\n- een\n- twee\nDan.", &values);
        assert_eq!(
            out,
            "<p>Eerst:</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n<p>Dan.</p>\n"
        );
    }
}
