//! Sending one API request: GET or POST, the answer read within its size limit, and the
//! faults worth another try (timeouts, 5xx, 429, `maxlag`, `ratelimited`) retried within the
//! client's [`Retry`] policy.

use super::*;

impl Client {
    pub(super) fn get<T: DeserializeOwned>(&self, params: &[(&str, &str)]) -> Result<T, WikiError> {
        self.send(params, false)
    }

    pub(super) fn post<T: DeserializeOwned>(
        &self,
        params: &[(&str, &str)],
    ) -> Result<T, WikiError> {
        self.send(params, true)
    }

    /// Sends one API request, retrying passing faults, and reads the answer as `T` once it is
    /// not an API error. Form fields (and so any password) go in a POST body, never the URL.
    pub(super) fn send<T: DeserializeOwned>(
        &self,
        params: &[(&str, &str)],
        post: bool,
    ) -> Result<T, WikiError> {
        let common = [("format", "json"), ("formatversion", "2"), ("maxlag", "5")];
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.requests.set(self.requests.get() + 1);
            let fault = match self.once(params, &common, post) {
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
        post: bool,
    ) -> Result<Answer, WikiError> {
        let url = &self.conn.url;
        let result = if post {
            let mut request = self.agent.post(url);
            if let Auth::Bearer(token) = &self.conn.auth {
                request = request.header("Authorization", format!("Bearer {}", token.expose()));
            }
            request.send_form(params.iter().chain(common).copied())
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
