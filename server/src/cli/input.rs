//! Finding the articles to read and reading them without losing anything:
//! a file that is not UTF-8 text is reported and left alone.

use copydesk::source::{Language, strip_bom};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where an article comes from.
#[derive(Clone, Debug)]
pub enum Input {
    File(PathBuf),
    /// Standard input, with the name it is reported under.
    Stdin(PathBuf),
}

impl Input {
    pub fn display_path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Stdin(path) => path,
        }
    }

    pub fn language(&self) -> Language {
        Language::from_path(self.display_path()).unwrap_or(Language::PlainText)
    }
}

/// An article's text, with what `fix` must put back as found.
#[derive(Debug)]
pub struct Article {
    pub text: String,
    pub had_bom: bool,
}

/// A file that could not be read as an article.
#[derive(Debug)]
pub struct InputError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Expands the command line's paths into inputs: directories are walked
/// (respecting .gitignore) for `.txt`, `.md`, `.markdown`, `.html` and `.htm` files; a file
/// named explicitly is read whatever its extension; `-` is standard input.
pub fn discover(paths: &[PathBuf], stdin_name: Option<&Path>) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_name.map_or_else(|| PathBuf::from("<stdin>"), Path::to_path_buf);
            inputs.push(Input::Stdin(name));
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push(InputError {
                path: path.clone(),
                message: "no such file or directory".to_owned(),
            });
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(root).require_git(false).build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && Language::from_path(entry.path()).is_some() {
                    found.push(entry.into_path());
                }
            }
            Err(error) => errors.push(InputError {
                path: root.to_path_buf(),
                message: error.to_string(),
            }),
        }
    }
    found.sort();
    inputs.extend(found.into_iter().map(Input::File));
}

/// Reads an article. Refuses binary files and text that is not UTF-8, naming
/// where the first bad byte is.
pub fn read(input: &Input) -> Result<Article, InputError> {
    let error = |message: String| InputError {
        path: input.display_path().to_path_buf(),
        message,
    };
    let bytes = match input {
        Input::File(path) => std::fs::read(path).map_err(|e| error(e.to_string()))?,
        Input::Stdin(_) => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| error(e.to_string()))?;
            bytes
        }
    };
    if bytes.contains(&0) {
        return Err(error(
            "binary file (contains NUL bytes): not checked".to_owned(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        error(format!(
            "not valid UTF-8 (invalid byte at offset {}): not checked; convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let (body, had_bom) = strip_bom(&text);
    Ok(Article {
        text: if had_bom { body.to_owned() } else { text },
        had_bom,
    })
}
