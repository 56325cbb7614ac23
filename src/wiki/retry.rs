//! How often and how long `ksb` waits before asking the wiki again after a passing fault.

use std::time::Duration;

/// A bounded retry policy: at most `attempts` requests in all, waiting what the server asks
/// (`Retry-After`) or else `base`, doubled each time, never more than `max_wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Requests sent at most, the first one included.
    pub attempts: u32,
    /// The first wait when the server does not say how long.
    pub base: Duration,
    /// The longest single wait, whatever the server asks.
    pub max_wait: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            attempts: 4,
            base: Duration::from_secs(1),
            max_wait: Duration::from_secs(30),
        }
    }
}

impl Retry {
    /// The wait before try number `attempt + 1` (so `attempt` counts the tries made, from 1),
    /// given the server's `Retry-After` in seconds if it sent one.
    pub fn wait(&self, attempt: u32, retry_after: Option<u64>) -> Duration {
        let wait = match retry_after {
            Some(seconds) => Duration::from_secs(seconds),
            None => self
                .base
                .saturating_mul(1u32 << attempt.saturating_sub(1).min(16)),
        };
        wait.min(self.max_wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_are_capped_and_follow_retry_after() {
        let retry = Retry::default();
        assert_eq!(retry.wait(1, None), Duration::from_secs(1));
        assert_eq!(retry.wait(3, None), Duration::from_secs(4));
        assert_eq!(retry.wait(30, None), Duration::from_secs(30));
        assert_eq!(retry.wait(1, Some(0)), Duration::ZERO);
        assert_eq!(retry.wait(1, Some(5)), Duration::from_secs(5));
        assert_eq!(retry.wait(1, Some(3600)), Duration::from_secs(30));
    }
}
