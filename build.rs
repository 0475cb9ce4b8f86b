//! Turns `data/name_parts.toml` into static tables, folded and sorted (`OUT_DIR/name_parts.rs`),
//! so that a `find` process does not parse and fold the table before it can answer: that
//! took 0.45 ms of a 5 ms lookup. A table that does not read fails the build with the reason.

// The search's own folding and phonetic keys, so the tables hold what the search compares;
// the build uses only part of these modules.
#[allow(dead_code)]
#[path = "src/search/normalise.rs"]
mod normalise;
#[allow(dead_code)]
#[path = "src/search/phonetic.rs"]
mod phonetic;
#[path = "src/search/table_file.rs"]
mod table_file;

use std::collections::BTreeSet;
use std::fmt::Write;

const SOURCE: &str = "data/name_parts.toml";

fn main() {
    for file in [
        SOURCE,
        "src/search/normalise.rs",
        "src/search/phonetic.rs",
        "src/search/table_file.rs",
    ] {
        println!("cargo::rerun-if-changed={file}");
    }
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let table = table_file::read(&text).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let keys: BTreeSet<String> = table
        .spellings
        .keys()
        .flat_map(|s| phonetic::keys(s))
        .collect();

    // Writing to a String cannot fail, so the results of write! are ignored.
    let mut out = String::from("// Made by build.rs from data/name_parts.toml.\n");
    let _ = writeln!(out, "pub static NAMES: &[&str] = &{:?};", table.names);
    out.push_str("pub static SPELLINGS: &[(&str, &[u32])] = &[\n");
    for (spelling, ids) in &table.spellings {
        let _ = writeln!(out, "    ({spelling:?}, &{ids:?}),");
    }
    out.push_str("];\n");
    for (name, words) in [
        ("KEYS", &keys),
        ("TITLES", &table.titles),
        ("LEADING_TITLES", &table.leading_titles),
    ] {
        let words: Vec<&String> = words.iter().collect();
        let _ = writeln!(out, "pub static {name}: &[&str] = &{words:?};");
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for a build script");
    let path = std::path::Path::new(&dir).join("name_parts.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
