use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    spreekuur::cli::run(spreekuur::cli::Cli::parse())
}
