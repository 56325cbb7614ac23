//! Files: a page read together with the files shown on it and who `ksb` is logged in as, in
//! one request, and a picture uploaded (`action=upload`, a multipart body).

use super::transport::{Body, FilePart};
use super::*;
use crate::wiki::api::UploadAnswer;
use crate::wiki::picture::FileNow;

/// A page, the files asked for with it, and who asked.
#[derive(Debug, Clone)]
pub struct PageAndFiles {
    /// The page and the server's time.
    pub now: PageNow,
    /// The files, in the order asked.
    pub files: Vec<FileNow>,
    /// The user the request was made as, as the wiki spells it; `None` without a login.
    pub user: Option<String>,
}

/// One upload of a picture.
#[derive(Debug, Clone)]
pub struct UploadFile<'a> {
    /// The file, `File:` included.
    pub title: &'a str,
    /// The SVG.
    pub bytes: &'a [u8],
    /// The description page of a new file.
    pub description: &'a str,
    /// The upload's summary, in the file's history.
    pub comment: &'a str,
    /// Whether the file exists: a new version is then asked for (`ignorewarnings`); a new file
    /// is uploaded without it, so one that appeared meanwhile is not replaced.
    pub new_version: bool,
}

impl Client {
    /// The page `title` with its latest revision, the files `files` with their current
    /// versions, and the user the client is logged in as: one request, so that a publish with
    /// a picture costs no more reads than one without.
    pub fn page_and_files(&self, title: &str, files: &[String]) -> Result<PageAndFiles, WikiError> {
        let mut titles = vec![title.to_string()];
        titles.extend(files.iter().cloned());
        let mut found = self.read_titles(&titles, true)?;
        let (page_title, latest, _) = found.take(&titles[0])?;
        let files = titles[1..]
            .iter()
            .map(|asked| {
                let (title, _, latest) = found.take(asked)?;
                Ok(FileNow { title, latest })
            })
            .collect::<Result<_, WikiError>>()?;
        Ok(PageAndFiles {
            now: PageNow {
                page: Page {
                    title: page_title,
                    latest,
                },
                now: found.now.unwrap_or_default(),
            },
            files,
            user: found.user,
        })
    }

    /// Uploads a picture; a warning that stops the upload (such as a file that appeared
    /// meanwhile, or the same picture under another name) is an error naming it.
    pub fn upload(&mut self, file: &UploadFile<'_>) -> Result<(), WikiError> {
        let token = self.csrf_token()?;
        let name = file.title.strip_prefix("File:").unwrap_or(file.title);
        let mut params = vec![
            ("action", "upload"),
            ("filename", name),
            ("comment", file.comment),
            ("text", file.description),
            ("assert", "user"),
        ];
        if file.new_version {
            params.push(("ignorewarnings", "1"));
        }
        params.push(("token", &token));
        let part = FilePart {
            field: "file",
            name: "ksb.svg",
            media_type: "image/svg+xml",
            bytes: file.bytes,
        };
        let answer: UploadAnswer = self.send(&params, Body::Multipart(&part))?;
        if answer.upload.result == "Success" {
            return Ok(());
        }
        let warnings = answer
            .upload
            .warnings
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        Err(WikiError::Api {
            code: "uploadwarning".into(),
            info: format!(
                "the wiki did not take '{}' ({}: {warnings}); nothing uploaded",
                file.title, answer.upload.result
            ),
        })
    }
}
