//! Where a command's file goes: a file that is not overwritten unless asked (`--force`), or
//! standard output (`--out -`), so that the command fits in a pipe.

use super::CliError;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Output {
    Stdout,
    File { path: PathBuf, force: bool },
}

impl Output {
    pub fn new(out: &Path, force: bool) -> Self {
        if out == Path::new("-") {
            Self::Stdout
        } else {
            Self::File {
                path: out.to_path_buf(),
                force,
            }
        }
    }

    /// Refuses, before any work, to write over a file that is there, unless asked to.
    pub fn check(&self) -> Result<(), CliError> {
        match self {
            Self::File { path, force: false } if path.exists() => Err(CliError::say(
                "cli.file_exists",
                &[&path.display().to_string()],
            )),
            _ => Ok(()),
        }
    }

    pub fn write(&self, bytes: &[u8]) -> Result<(), CliError> {
        match self {
            Self::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)
                    .and_then(|()| out.flush())
                    .map_err(CliError::from_io)
            }
            Self::File { path, .. } => std::fs::write(path, bytes)
                .map_err(|e| CliError::new(format!("{}: {e}", path.display()))),
        }
    }

    /// How the output is named in a closing line.
    pub fn name(&self) -> String {
        match self {
            Self::Stdout => "-".into(),
            Self::File { path, .. } => path.display().to_string(),
        }
    }

    /// Where the command's own messages go: beside the file, or out of the way of the bytes.
    pub fn on_stdout(&self) -> bool {
        matches!(self, Self::File { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output_and_an_existing_file_needs_force() {
        assert_eq!(Output::new(Path::new("-"), false), Output::Stdout);
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.docx");
        std::fs::write(&path, b"x").expect("write");
        assert!(Output::new(&path, false).check().is_err());
        assert!(Output::new(&path, true).check().is_ok());
        Output::new(&path, true).write(b"yz").expect("overwritten");
        assert_eq!(std::fs::read(&path).expect("read"), b"yz");
    }
}
