//! Sending one API request: GET or POST, the answer read within its size limit, and the
//! faults worth another try (timeouts, 5xx, 429, `maxlag`, `ratelimited`) retried within the
//! client's [`Retry`] policy.

use super::*;

/// How a request carries its parameters.
#[derive(Clone, Copy)]
pub(super) enum Body<'a> {
    /// In the URL's query.
    Query,
    /// In a form body.
    Form,
    /// In a `multipart/form-data` body, with a file.
    Multipart(&'a FilePart<'a>),
}

/// A file sent in a multipart body.
pub(super) struct FilePart<'a> {
    /// The form field (`ksb`'s own, plain ASCII).
    pub field: &'a str,
    /// The file's name in the body (`ksb`'s own, plain ASCII: the wiki takes the file's
    /// title from a field).
    pub name: &'a str,
    /// Its media type.
    pub media_type: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

impl Client {
    pub(super) fn get<T: DeserializeOwned>(&self, params: &[(&str, &str)]) -> Result<T, WikiError> {
        self.send(params, Body::Query)
    }

    pub(super) fn post<T: DeserializeOwned>(
        &self,
        params: &[(&str, &str)],
    ) -> Result<T, WikiError> {
        self.send(params, Body::Form)
    }

    /// Sends one API request, retrying passing faults, and reads the answer as `T` once it is
    /// not an API error. Form fields (and so any password) go in a POST body, never the URL.
    pub(super) fn send<T: DeserializeOwned>(
        &self,
        params: &[(&str, &str)],
        body: Body<'_>,
    ) -> Result<T, WikiError> {
        let common = [("format", "json"), ("formatversion", "2"), ("maxlag", "5")];
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.requests.set(self.requests.get() + 1);
            let fault = match self.once(params, &common, body) {
                Ok(Answer::Body(body)) => match api_error(&body) {
                    Some(err) if retryable_code(&err.code) => Fault {
                        what: format!("{}: {}", err.code, err.info),
                        retry_after: None,
                    },
                    Some(err) => {
                        return Err(WikiError::Api {
                            code: err.code,
                            info: err.info,
                        })
                    }
                    None => {
                        return serde_json::from_str(&body)
                            .map_err(|err| WikiError::Unexpected(err.to_string()))
                    }
                },
                Ok(Answer::Retry(fault)) => fault,
                Err(err) => return Err(err),
            };
            if attempt >= self.conn.retry.attempts {
                return Err(WikiError::GaveUp {
                    url: self.conn.url.clone(),
                    attempts: attempt,
                    last: fault.what,
                });
            }
            std::thread::sleep(self.conn.retry.wait(attempt, fault.retry_after));
        }
    }

    pub(super) fn once(
        &self,
        params: &[(&str, &str)],
        common: &[(&str, &str)],
        body: Body<'_>,
    ) -> Result<Answer, WikiError> {
        let url = &self.conn.url;
        let result = if let Body::Form | Body::Multipart(_) = body {
            let mut request = self.agent.post(url);
            if let Auth::Bearer(token) = &self.conn.auth {
                request = request.header("Authorization", format!("Bearer {}", token.expose()));
            }
            let fields = params.iter().chain(common).copied();
            match body {
                Body::Multipart(file) => {
                    let (boundary, bytes) = multipart(fields.collect(), file);
                    request
                        .header(
                            "Content-Type",
                            format!("multipart/form-data; boundary={boundary}"),
                        )
                        .send(&bytes[..])
                }
                _ => request.send_form(fields),
            }
        } else {
            let mut request = self
                .agent
                .get(url)
                .query_pairs(params.iter().chain(common).copied());
            if let Auth::Bearer(token) = &self.conn.auth {
                request = request.header("Authorization", format!("Bearer {}", token.expose()));
            }
            request.call()
        };
        let response = match result {
            Ok(response) => response,
            Err(err) if passing(&err) => {
                return Ok(Answer::Retry(Fault {
                    what: err.to_string(),
                    retry_after: None,
                }))
            }
            Err(err) => {
                return Err(WikiError::Unreachable {
                    url: url.clone(),
                    reason: err.to_string(),
                })
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if status == 429 || status >= 500 {
            return Ok(Answer::Retry(Fault {
                what: format!("HTTP {status}"),
                retry_after,
            }));
        }
        if status != 200 {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .filter(|_| (300..400).contains(&status))
                .map(str::to_string);
            return Err(WikiError::Http {
                url: url.clone(),
                status,
                location,
            });
        }
        let mut body = String::new();
        let read = response
            .into_body()
            .into_reader()
            .take(MAX_ANSWER_BYTES + 1)
            .read_to_string(&mut body);
        match read {
            Ok(n) if n as u64 > MAX_ANSWER_BYTES => Err(WikiError::Unexpected(format!(
                "an answer over {} MiB",
                MAX_ANSWER_BYTES / 1024 / 1024
            ))),
            Ok(_) => Ok(Answer::Body(body)),
            Err(err) => Ok(Answer::Retry(Fault {
                what: format!("reading the answer: {err}"),
                retry_after: None,
            })),
        }
    }
}

/// A `multipart/form-data` body of `fields` and `file`, and its boundary: random, and drawn
/// again until no field and no byte of the file holds it.
fn multipart(fields: Vec<(&str, &str)>, file: &FilePart<'_>) -> (String, Vec<u8>) {
    use std::hash::{BuildHasher as _, Hasher as _};
    let boundary = loop {
        // std keys each RandomState from the operating system's randomness, a new key each.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(file.bytes.len());
        let candidate = format!("ksb-boundary-{:016x}", hasher.finish());
        let needle = candidate.as_bytes();
        let inside = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        if !inside(file.bytes)
            && !fields
                .iter()
                .any(|(k, v)| inside(k.as_bytes()) || inside(v.as_bytes()))
        {
            break candidate;
        }
    };
    let mut body = Vec::with_capacity(file.bytes.len() + 1024);
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
                name
            )
            .as_bytes(),
        );
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
            file.field,
            file.name,
            file.media_type
        )
        .as_bytes(),
    );
    body.extend_from_slice(file.bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (boundary, body)
}

/// What one request gave: an answer to read, or a fault worth another try.
pub(super) enum Answer {
    Body(String),
    Retry(Fault),
}

pub(super) struct Fault {
    what: String,
    retry_after: Option<u64>,
}

/// The API error in an answer, if it is one.
pub(super) fn api_error(body: &str) -> Option<crate::wiki::api::ApiError> {
    serde_json::from_str::<Envelope>(body).ok()?.error
}

/// API errors that pass: the database lags (`maxlag`), too many edits (`ratelimited`), or
/// the wiki is briefly read-only.
pub(super) fn retryable_code(code: &str) -> bool {
    matches!(code, "maxlag" | "ratelimited" | "readonly")
}

/// Network faults worth another try: timeouts and connections dropped half way. A refused
/// connection or an unknown host is not: the wiki is not there.
pub(super) fn passing(err: &ureq::Error) -> bool {
    use std::io::ErrorKind::*;
    match err {
        ureq::Error::Timeout(_) => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            TimedOut
                | ConnectionReset
                | ConnectionAborted
                | UnexpectedEof
                | BrokenPipe
                | Interrupted
        ),
        _ => false,
    }
}

#[cfg(test)]
mod multipart_tests {
    use super::*;

    #[test]
    fn the_body_holds_every_field_and_the_file_between_boundaries_found_nowhere_else() {
        let file = FilePart {
            field: "file",
            name: "ksb.svg",
            media_type: "image/svg+xml",
            bytes: b"<svg>--ksb-boundary-</svg>",
        };
        let (boundary, body) = multipart(vec![("action", "upload"), ("text", "a\r\nb")], &file);
        let body = String::from_utf8(body).unwrap();
        assert_eq!(body.matches(&boundary).count(), 4, "{body}");
        assert!(body.starts_with(&format!("--{boundary}\r\n")));
        assert!(body.ends_with(&format!("\r\n--{boundary}--\r\n")));
        assert!(body.contains("name=\"text\"\r\n\r\na\r\nb\r\n"));
        assert!(body.contains(
            "name=\"file\"; filename=\"ksb.svg\"\r\nContent-Type: image/svg+xml\r\n\r\n<svg>--ksb-boundary-</svg>\r\n"
        ));
    }
}
