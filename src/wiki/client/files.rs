//! Files: a page read together with the files shown on it and who `ksb` is logged in as, in
//! one request, and a picture uploaded (`action=upload`, a multipart body).

use std::collections::HashMap;

use super::transport::{Body, FilePart};
use super::*;
use crate::wiki::api::UploadAnswer;
use crate::wiki::picture::{FileNow, FileVersion};

/// A page, the files asked for with it, and who asked.
#[derive(Debug, Clone)]
pub struct PageAndFiles {
    /// The page and the server's time.
    pub now: PageNow,
    /// The files, in the order asked.
    pub files: Vec<FileNow>,
    /// The user the request was made as, as the wiki spells it.
    pub user: String,
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
        let joined = titles.join("|");
        let params = [
            ("action", "query"),
            ("prop", "revisions|imageinfo"),
            ("rvprop", "ids|timestamp|user|content"),
            ("rvslots", "main"),
            ("iiprop", "user|sha1|url"),
            ("meta", "userinfo"),
            ("curtimestamp", "1"),
            ("titles", joined.as_str()),
        ];
        let mut now = None;
        let mut user = None;
        let mut renamed: HashMap<String, String> = HashMap::new();
        let mut found: HashMap<String, (Option<Revision>, Option<FileVersion>)> = HashMap::new();
        self.revisions_query(&params, titles.len(), |answer| {
            now = now.take().or(answer.curtimestamp);
            let Some(query) = answer.query else {
                return Ok(());
            };
            user = user.take().or(query.userinfo.map(|info| info.name));
            for n in query.normalized {
                renamed.insert(n.from, n.to);
            }
            for raw in query.pages {
                if raw.invalid {
                    return Err(WikiError::Api {
                        code: "invalidtitle".into(),
                        info: format!(
                            "'{}' cannot be a title: {}",
                            raw.title,
                            raw.invalidreason.unwrap_or_default()
                        ),
                    });
                }
                let entry = found.entry(raw.title).or_default();
                if let Some(rev) = raw.revisions.into_iter().next() {
                    if let Some(text) = rev.slots.and_then(|s| s.main.content) {
                        entry.0 = Some(Revision {
                            id: rev.revid,
                            user: rev.user.unwrap_or_else(|| "(hidden)".into()),
                            timestamp: rev.timestamp,
                            text,
                        });
                    }
                }
                if let Some(info) = raw.imageinfo.into_iter().next() {
                    entry.1 = Some(FileVersion {
                        user: info.user.unwrap_or_else(|| "(hidden)".into()),
                        sha1: info.sha1.unwrap_or_default(),
                        url: info.url.unwrap_or_default(),
                    });
                }
            }
            Ok(())
        })?;
        let mut take = |asked: &String| {
            let title = renamed.get(asked).unwrap_or(asked).clone();
            let (latest, file) = found
                .remove(&title)
                .ok_or_else(|| WikiError::Unexpected(format!("no page '{asked}' in the answer")))?;
            Ok::<_, WikiError>((title, latest, file))
        };
        let (page_title, latest, _) = take(&titles[0])?;
        let files = titles[1..]
            .iter()
            .map(|asked| {
                let (title, _, latest) = take(asked)?;
                Ok(FileNow { title, latest })
            })
            .collect::<Result<_, WikiError>>()?;
        Ok(PageAndFiles {
            now: PageNow {
                page: Page {
                    title: page_title,
                    latest,
                },
                now: now.unwrap_or_default(),
            },
            files,
            user: user.unwrap_or_default(),
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
