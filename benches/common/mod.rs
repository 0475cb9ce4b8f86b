//! What the benches share: the binary, and the demo store of 100,000 clients and 1,000,000
//! visits, built once in bench/out and kept between runs.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const CLIENTS: &str = "100000";
pub const VISITS: &str = "1000000";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_spreekuur")
}

pub fn store_path() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench")
        .join("out");
    std::fs::create_dir_all(&dir).expect("bench/out can be made");
    let path = dir.join(format!("demo-{CLIENTS}-{VISITS}.redb"));
    if !path.exists() {
        eprintln!("building {} (once)…", path.display());
        let status = Command::new(bin())
            .arg("--db")
            .arg(&path)
            .args([
                "demo",
                "--clients",
                CLIENTS,
                "--visits",
                VISITS,
                "--seed",
                "1",
            ])
            .status()
            .expect("the demo runs");
        assert!(status.success(), "demo failed");
    }
    path
}
