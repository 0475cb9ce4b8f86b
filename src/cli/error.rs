use crate::config::ConfigError;
use crate::dates::DateError;
use crate::deadlines::DeadlineError;
use crate::model::InputError;
use crate::notice::NoticeError;
use crate::store::StoreError;
use crate::tally::workbook::WorkbookError;
use thiserror::Error;

/// Why a command did not do its job; each message says what to do.
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Notice(#[from] NoticeError),
    #[error(transparent)]
    Deadline(#[from] DeadlineError),
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    /// A value the volunteer gave that cannot be used; the text says which and why.
    #[error("{0}")]
    Usage(String),
    /// The command did its job and found something wrong (`check --json`): `output` goes to
    /// stdout for the program that reads it, `message` to stderr, and the exit is non-zero.
    #[error("{message}")]
    Found { output: String, message: String },
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::Usage(message)
    }
}
