//! The two ways the bench drives a target, and how it reports them.
//!
//! Closed loop: N workers, each sending its next request when the last one answered, as fast as
//! the server allows; this finds saturation. Open loop: requests arrive at a fixed rate whether
//! or not earlier ones have answered, as users do; each latency counts from the moment its
//! request was due, so a server that falls behind shows it in p99 instead of slowing the load
//! down (no coordinated omission).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How one request ended.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Refused as stale (a save whose base version was overtaken): the server said so.
    Conflict,
    Error,
}

#[derive(Default)]
pub struct Tally {
    pub latencies: Vec<Duration>,
    pub conflicts: usize,
    pub errors: usize,
}

impl Tally {
    fn add(&mut self, outcome: Outcome, latency: Duration) {
        match outcome {
            Outcome::Ok => self.latencies.push(latency),
            Outcome::Conflict => self.conflicts += 1,
            Outcome::Error => self.errors += 1,
        }
    }

    fn merge(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        self.conflicts += other.conflicts;
        self.errors += other.errors;
    }

    pub fn report(mut self, name: &str, seconds: u64) {
        self.latencies.sort();
        println!(
            "{name:<34} {:>7.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} answered, {} conflicts, {} errors)",
            self.latencies.len() as f64 / seconds as f64,
            millis(percentile(&self.latencies, 0.50)),
            millis(percentile(&self.latencies, 0.99)),
            self.latencies.len(),
            self.conflicts,
            self.errors,
        );
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Runs `request(worker, n)` from `workers` tasks for `seconds`, each back to back (or with
/// `pause` between one worker's requests).
pub async fn closed<F, Fut>(workers: usize, seconds: u64, pause: Duration, request: F) -> Tally
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send,
{
    let request = Arc::new(request);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for worker in 0..workers {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            // Editors do not all start at the same instant: spread their starts over one pause.
            tokio::time::sleep(pause * worker as u32 / workers as u32).await;
            let mut n = 0u64;
            while Instant::now() < deadline {
                let started = Instant::now();
                let outcome = request(worker, n).await;
                tally.add(outcome, started.elapsed());
                n += 1;
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
            }
            tally
        }));
    }
    let mut all = Tally::default();
    for t in tasks {
        all.merge(t.await.expect("worker"));
    }
    all
}

/// Sends `rate` requests per second in all for `seconds`, taking the workers in turn, each at
/// its due time whatever is still outstanding.
pub async fn open<F, Fut>(workers: usize, seconds: u64, rate: f64, request: F) -> Tally
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    let request = Arc::new(request);
    let interval = Duration::from_secs_f64(1.0 / rate);
    let start = Instant::now();
    let total = (rate * seconds as f64) as u64;
    let mut sent = Vec::with_capacity(total as usize);
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due.into()).await;
        let request = request.clone();
        let worker = (i % workers as u64) as usize;
        sent.push(tokio::spawn(async move {
            let outcome = request(worker, i / workers as u64).await;
            (outcome, due.elapsed())
        }));
    }
    let mut all = Tally::default();
    for t in sent {
        let (outcome, latency) = t.await.expect("request");
        all.add(outcome, latency);
    }
    all
}
