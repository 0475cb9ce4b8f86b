//! The store's files on disk: created readable by their owner only (0600), or by the owner and
//! one group (0660) when the office's config names a group; a warning when they are not.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of a new file: 0600, or 0660 for a group.
fn file_mode(group: Option<&str>) -> u32 {
    if group.is_some() { 0o660 } else { 0o600 }
}

/// The number of a Unix group, from /etc/group.
fn group_id(name: &str) -> io::Result<u32> {
    let groups = std::fs::read_to_string("/etc/group")?;
    groups
        .lines()
        .find_map(|line| {
            let mut parts = line.split(':');
            (parts.next()? == name).then(|| parts.nth(1)?.parse().ok())?
        })
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("the group \"{name}\" named in config.toml does not exist on this server"),
            )
        })
}

/// Gives a file just created the group and mode the config asks for.
fn share(file: &File, group: Option<&str>) -> io::Result<()> {
    if let Some(g) = group {
        std::os::unix::fs::fchown(file, None, Some(group_id(g)?))?;
    }
    // Set explicitly: the umask may have taken bits off the mode given at creation.
    file.set_permissions(std::fs::Permissions::from_mode(file_mode(group)))
}

/// Creates the store file (0600, or 0660 with the group), in a directory only the owner (and
/// the group) can enter when the directory is new. An existing file is left as it is.
pub(crate) fn create_private_file(path: &Path, group: Option<&str>) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mode = if group.is_some() { 0o770 } else { 0o700 };
        DirBuilder::new().recursive(true).mode(mode).create(dir)?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(file_mode(group))
        .open(path)
    {
        Ok(file) => share(&file, group),
        // Another process created it between our look and now: use theirs.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates a new file for personal data (an export, a backup): 0600, or 0660 with the group.
/// Refuses to overwrite an existing file.
pub fn create_new_private(path: &Path, group: Option<&str>) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(file_mode(group))
        .open(path)?;
    share(&file, group)?;
    Ok(file)
}

/// The identity (device, inode) of the file at `path`.
pub(crate) fn identity(path: &Path) -> io::Result<(u64, u64)> {
    let m = std::fs::metadata(path)?;
    Ok((m.dev(), m.ino()))
}

/// That users other than the owner (and the config's group) can read or write the store
/// file, with the command that fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenToOthers {
    pub path: PathBuf,
    pub mode: u32,
    /// The command that fixes it, ready to paste.
    pub fix: String,
}

impl std::fmt::Display for OpenToOthers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "warning: the store {} can be read or changed by other users of this server (mode {:o}); it holds personal data of clients. Fix it with: {}",
            self.path.display(),
            self.mode,
            self.fix
        )
    }
}

/// The warning for a store file that others can read or change, if it is one.
pub fn permission_warning(path: &Path, group: Option<&str>) -> Option<OpenToOthers> {
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    let allowed = file_mode(group);
    if mode & !allowed == 0 {
        return None;
    }
    Some(OpenToOthers {
        path: path.to_path_buf(),
        mode,
        fix: format!("chmod {:o} {}", allowed, shell_quoted(path)),
    })
}

/// A path as one shell word, so a printed command can be pasted.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_with_the_fix_when_others_can_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        create_private_file(&path, None).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(permission_warning(&path, None), None);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let warning = permission_warning(&path, None).unwrap().to_string();
        assert!(
            warning.contains(&format!("chmod 600 {}", path.display())),
            "{warning}"
        );
        // Group access is fine when the config names a group, other users' never.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o660)).unwrap();
        assert_eq!(permission_warning(&path, Some("vw")), None);
        assert!(permission_warning(&path, None).is_some());
    }

    #[test]
    fn an_unknown_group_is_said_plainly() {
        let err = group_id("no-such-group-here").unwrap_err().to_string();
        assert!(err.contains("no-such-group-here"), "{err}");
    }
}
