use chrono::{DateTime, SubsecRound, Utc};
use std::sync::Mutex;

/// An instant in Vietnam's time zone (UTC+7, no daylight saving), as offices read it.
pub fn in_vietnam(at: &DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    let offset = chrono::FixedOffset::east_opt(7 * 3600)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
    at.with_timezone(&offset)
}

/// The day it is in Vietnam at `at`: deadlines and reminders count in these days.
pub fn vietnam_day(at: &DateTime<Utc>) -> chrono::NaiveDate {
    in_vietnam(at).date_naive()
}

/// The one place the application reads the time. Timestamps are kept to whole seconds so that
/// they sort the same way as text (SQLite) and as `timestamptz` (PostgreSQL).
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(0)
    }
}

/// A clock that only moves when told to: for tests of timeouts and throttling.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(start.trunc_subsecs(0)),
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }
}
