//! Notifications beyond the request that caused them: their sentences in the reader's
//! language, the daily deadline reminders, and e-mail through SMTP when a server is configured.
//! The rows are written with the step or comment itself (`db::notifications`); here they are
//! only read, so a crash between the two loses nothing: a mail not yet sent is sent later.

use crate::db::{DbError, MailNotice, Notice, Store};
use crate::domain::clock::{vietnam_day, Clock};
use crate::domain::notification::{reminder_window, NoticeKind};
use crate::domain::user::Language;
use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

/// How often the worker looks for mail to send.
const MAIL_POLL: Duration = Duration::from_secs(5);
/// How often the worker writes deadline reminders (each is written once, so more often is harmless).
const REMINDER_EVERY: Duration = Duration::from_secs(3600);
/// Notifications older than this are not mailed: after a long outage, old news stays in the app.
const MAIL_HORIZON_HOURS: i64 = 48;
/// Mails sent per pass, so that one pass never holds the worker for long.
const MAIL_BATCH: i64 = 50;

/// A notification's sentence in `lang`: the unit, the round and who acted (or, for a
/// reminder, the deadline).
pub fn sentence(lang: Language, notice: &Notice) -> String {
    let kind = NoticeKind::from_code(&notice.kind).unwrap_or(NoticeKind::Comment);
    let third = match kind {
        NoticeKind::Deadline => chrono::NaiveDate::parse_from_str(&notice.detail, "%Y-%m-%d")
            .map(crate::domain::text::format_date)
            .unwrap_or_else(|_| notice.detail.clone()),
        _ => notice.actor_name.clone(),
    };
    crate::i18n::text_with(
        lang,
        kind.text_key(),
        &[&notice.unit_name, &notice.round_code, &third],
    )
}

/// What the actor wrote with the notice (a message or a comment); a reminder has none.
pub fn quote(notice: &Notice) -> &str {
    if notice.kind == NoticeKind::Deadline.code() {
        ""
    } else {
        &notice.detail
    }
}

/// Where and as whom mail is sent.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:port` (plain, for a relay on the same host), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtps://host:465`; credentials as `smtp://user:password@host…`.
    pub url: String,
    /// The sender, e.g. `Kế hoạch số <kehoachso@stttt.quangngai.gov.vn>`.
    pub from: String,
    /// The app's address as users reach it, for links in mail (`https://kehoachso.…`).
    pub base_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("URL máy chủ thư không hợp lệ: {0} (invalid SMTP URL)")]
    Url(String),
    #[error("Địa chỉ người gửi không hợp lệ: «{0}» (invalid sender address)")]
    From(String),
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    base_url: String,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = config
            .from
            .parse::<Mailbox>()
            .map_err(|_| MailError::From(config.from.clone()))?;
        Ok(Self {
            transport,
            from,
            base_url: config.base_url.trim_end_matches('/').to_string(),
        })
    }

    /// The message for one notification, in its reader's language, as plain text.
    pub fn message(&self, mail: &MailNotice) -> Result<Message, lettre::error::Error> {
        let lang = Language::from_code(&mail.language).unwrap_or_default();
        let subject = sentence(lang, &mail.notice);
        let mut body = format!("{subject}\n");
        let quote = quote(&mail.notice);
        if !quote.is_empty() {
            body.push_str(&format!("\n«{quote}»\n"));
        }
        body.push_str(&format!(
            "\n{} {}/plans/{}\n\n-- \n{}\n",
            crate::i18n::text(lang, "notice.mail_footer"),
            self.base_url,
            mail.notice.plan_id,
            crate::i18n::text(lang, "notice.mail_unsubscribe"),
        ));
        // The address was checked when it was saved; a name with odd characters is only quoted.
        let to = Mailbox::new(
            Some(mail.display_name.clone()),
            mail.email
                .parse()
                .map_err(|_| lettre::error::Error::MissingTo)?,
        );
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
    }

    /// Sends what waits, oldest first; gives how many were sent. A failure is counted on the
    /// notification and tried again on a later pass, up to `MAX_MAIL_ATTEMPTS`.
    pub async fn send_pending(&self, store: &Store, now: DateTime<Utc>) -> Result<usize, DbError> {
        let since = now - chrono::Duration::hours(MAIL_HORIZON_HOURS);
        let mut sent = 0;
        for mail in store.notices_to_mail(since, MAIL_BATCH).await? {
            let id = mail.notice.notification_id;
            let outcome = match self.message(&mail) {
                Ok(message) => self
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match outcome {
                Ok(()) => {
                    store.mark_mailed(id, true, now).await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(notification = id, %error, "could not mail a notification");
                    store.mark_mailed(id, false, now).await?;
                }
            }
        }
        Ok(sent)
    }
}

/// Writes the reminders due on the day it is in Vietnam; gives how many were written.
pub async fn remind(store: &Store, now: DateTime<Utc>) -> Result<u64, DbError> {
    let (from, until) = reminder_window(vietnam_day(&now));
    store.remind_deadlines(from, until, now).await
}

/// Runs until the task is dropped: reminders every hour, mail every few seconds.
pub async fn run_worker(store: Store, clock: Arc<dyn Clock>, mailer: Option<Mailer>) {
    let mut last_reminders: Option<tokio::time::Instant> = None;
    loop {
        if last_reminders.is_none_or(|at| at.elapsed() >= REMINDER_EVERY) {
            match remind(&store, clock.now()).await {
                Ok(n) if n > 0 => tracing::info!(reminders = n, "deadline reminders written"),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "could not write deadline reminders"),
            }
            last_reminders = Some(tokio::time::Instant::now());
        }
        if let Some(mailer) = &mailer {
            if let Err(error) = mailer.send_pending(&store, clock.now()).await {
                tracing::error!(%error, "could not read the notifications to mail");
            }
        }
        tokio::time::sleep(MAIL_POLL).await;
    }
}
