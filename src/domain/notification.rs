//! Notifications: what happened to a plan that someone should know, and who that is. The
//! department's reviewers hear of submissions and reopenings; the agency's editors and leader
//! hear of returns, approvals, comments and a deadline close by.

use super::review::Step;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    Submitted,
    Returned,
    Approved,
    Reopened,
    Comment,
    Deadline,
}

/// Who hears of a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The department's active reviewers.
    Reviewers,
    /// The active editors and leader of the plan's unit.
    Unit,
}

/// How many days before a deadline its reminder is given.
pub const REMINDER_DAYS: i64 = 3;

impl NoticeKind {
    pub const ALL: [NoticeKind; 6] = [
        Self::Submitted,
        Self::Returned,
        Self::Approved,
        Self::Reopened,
        Self::Comment,
        Self::Deadline,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Returned => "returned",
            Self::Approved => "approved",
            Self::Reopened => "reopened",
            Self::Comment => "comment",
            Self::Deadline => "deadline",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The notice a review step gives.
    pub fn of_step(step: Step) -> Self {
        match step {
            Step::Submit => Self::Submitted,
            Step::Return => Self::Returned,
            Step::Approve => Self::Approved,
            Step::Reopen => Self::Reopened,
        }
    }

    pub fn audience(self) -> Audience {
        match self {
            Self::Submitted | Self::Reopened => Audience::Reviewers,
            Self::Returned | Self::Approved | Self::Comment | Self::Deadline => Audience::Unit,
        }
    }

    /// The catalog key of the notice's sentence (`{unit}`, `{round}`, `{actor}` filled in).
    pub fn text_key(self) -> &'static str {
        match self {
            Self::Submitted => "notice.submitted",
            Self::Returned => "notice.returned",
            Self::Approved => "notice.approved",
            Self::Reopened => "notice.reopened",
            Self::Comment => "notice.comment",
            Self::Deadline => "notice.deadline",
        }
    }
}

/// The days from `today` within which a deadline calls for a reminder: today and the next
/// `REMINDER_DAYS` days.
pub fn reminder_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today, today + chrono::Duration::days(REMINDER_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_every_step_gives_a_notice() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(NoticeKind::from_code("other"), None);
        assert_eq!(
            NoticeKind::of_step(Step::Submit).audience(),
            Audience::Reviewers
        );
        assert_eq!(NoticeKind::of_step(Step::Return).audience(), Audience::Unit);
        assert_eq!(
            NoticeKind::of_step(Step::Approve).audience(),
            Audience::Unit
        );
    }

    #[test]
    fn the_reminder_window_is_three_days_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 29).expect("date");
        let (from, until) = reminder_window(today);
        assert_eq!(from, today);
        assert_eq!(until, NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"));
    }
}
