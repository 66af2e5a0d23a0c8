//! Long document jobs (the province's consolidated plan) in memory: started by one user, their
//! progress read by that user's page while they run, their file kept a few minutes after. The
//! table is bounded — a few jobs running at once, a few dozen kept — so that no one can fill the
//! server's memory by asking again and again. A restart forgets the jobs; the user starts again.

use crate::domain::ids::{RoundId, UserId};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Jobs running at once, at most, over all users.
pub const MAX_RUNNING: usize = 3;
/// Jobs kept at once, at most (the oldest finished ones go first).
const MAX_KEPT: usize = 30;
/// How long a finished job's file can still be downloaded.
pub const KEEP_FINISHED: Duration = Duration::minutes(15);

/// Where a job is.
#[derive(Debug, Clone)]
pub enum Phase {
    /// Reading the plans: `done` of `total`.
    Gathering,
    /// Writing the file.
    Writing,
    Done(Arc<Finished>),
    Failed,
}

#[derive(Debug)]
pub struct Finished {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A job as its worker updates it and its page reads it.
#[derive(Debug)]
pub struct Job {
    pub id: String,
    pub owner: UserId,
    pub round: RoundId,
    done: AtomicUsize,
    total: AtomicUsize,
    phase: Mutex<(Phase, Option<DateTime<Utc>>)>,
}

impl Job {
    pub fn progress(&self, done: usize, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// `(done, total)` units read so far.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    fn lock(&self) -> MutexGuard<'_, (Phase, Option<DateTime<Utc>>)> {
        // A worker that panicked holding the lock leaves a phase that is still readable.
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn phase(&self) -> Phase {
        self.lock().0.clone()
    }

    pub fn writing(&self) {
        self.lock().0 = Phase::Writing;
    }

    pub fn finish(&self, result: Option<Finished>, now: DateTime<Utc>) {
        *self.lock() = (
            result.map_or(Phase::Failed, |f| Phase::Done(Arc::new(f))),
            Some(now),
        );
    }

    fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.lock().1
    }
}

/// The table of jobs.
#[derive(Debug, Default)]
pub struct Jobs {
    jobs: Mutex<HashMap<String, Arc<Job>>>,
}

impl Jobs {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Arc<Job>>> {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new job for `owner`, unless `MAX_RUNNING` are running; finished jobs older than
    /// `KEEP_FINISHED` are dropped first, and the oldest finished ones when too many are kept.
    pub fn start(
        &self,
        id: String,
        owner: UserId,
        round: RoundId,
        now: DateTime<Utc>,
    ) -> Option<Arc<Job>> {
        let mut jobs = self.lock();
        jobs.retain(|_, job| job.finished_at().is_none_or(|at| now - at < KEEP_FINISHED));
        let running = jobs.values().filter(|j| j.finished_at().is_none()).count();
        if running >= MAX_RUNNING {
            return None;
        }
        while jobs.len() >= MAX_KEPT {
            let oldest = jobs
                .iter()
                .filter_map(|(k, j)| j.finished_at().map(|at| (at, k.clone())))
                .min()?;
            jobs.remove(&oldest.1);
        }
        let job = Arc::new(Job {
            id: id.clone(),
            owner,
            round,
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            phase: Mutex::new((Phase::Gathering, None)),
        });
        jobs.insert(id, job.clone());
        Some(job)
    }

    /// The job `id` of `owner` on `round`; anyone else's is as if it did not exist.
    pub fn get(&self, id: &str, owner: UserId, round: RoundId) -> Option<Arc<Job>> {
        self.lock()
            .get(id)
            .filter(|j| j.owner == owner && j.round == round)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(minute)
    }

    #[test]
    fn a_job_belongs_to_its_owner_and_round() {
        let jobs = Jobs::default();
        let job = jobs
            .start("a".into(), UserId(1), RoundId(1), at(0))
            .expect("room");
        job.progress(3, 7);
        assert_eq!(job.counts(), (3, 7));
        assert!(jobs.get("a", UserId(1), RoundId(1)).is_some());
        assert!(jobs.get("a", UserId(2), RoundId(1)).is_none());
        assert!(jobs.get("a", UserId(1), RoundId(2)).is_none());
    }

    #[test]
    fn only_a_few_jobs_run_at_once_and_finished_ones_expire() {
        let jobs = Jobs::default();
        let started: Vec<Arc<Job>> = (0..MAX_RUNNING)
            .map(|i| {
                jobs.start(i.to_string(), UserId(1), RoundId(1), at(0))
                    .expect("room")
            })
            .collect();
        assert!(jobs
            .start("x".into(), UserId(2), RoundId(1), at(0))
            .is_none());
        started[0].finish(None, at(1));
        assert!(matches!(started[0].phase(), Phase::Failed));
        let next = jobs.start("y".into(), UserId(2), RoundId(1), at(2));
        assert!(next.is_some(), "a finished job makes room");
        assert!(
            jobs.get("0", UserId(1), RoundId(1)).is_some(),
            "kept a while"
        );
        for job in &started[1..] {
            job.finish(None, at(3));
        }
        let _ = jobs.start("z".into(), UserId(2), RoundId(1), at(1 + 16));
        assert!(
            jobs.get("0", UserId(1), RoundId(1)).is_none(),
            "dropped after"
        );
    }
}
