//! `serve`: the web app on its address, with the demo loaded when asked, the notification
//! worker beside it, until a signal stops it.

use super::{prepared, print, say, store_url, CliError, DbArgs, ServeArgs};
use crate::config::WebConfig;
use crate::db::Store;
use crate::demo;
use crate::domain::clock::{Clock, SystemClock};
use crate::web::{self, AppState};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

/// Prints the address and the demo logins (their passwords, once).
pub(super) fn print_logins(address: Option<&str>, logins: &[demo::DemoLogin]) {
    if let Some(address) = address {
        print("cli.running_at", &[address]);
    }
    if logins.is_empty() {
        return;
    }
    print("cli.demo_logins", &[]);
    for l in logins {
        println!(
            "  {:<10} {:<16} {}   {}",
            l.role.code(),
            l.username,
            l.password,
            l.unit_name
        );
    }
}

/// Opens the database, waiting while it cannot be reached: a server started before its
/// database (a machine booting, a database restarting) comes up when the database does.
async fn open_waiting(db: &DbArgs) -> Result<Store, CliError> {
    let (url, create) = store_url(db)?;
    let mut wait = Duration::from_secs(1);
    loop {
        match Store::connect(&url, create).await {
            Ok(store) => return prepared(store).await,
            Err(e) if e.is_unavailable() => {
                let seconds = wait.as_secs().to_string();
                let line = say(
                    "cli.db_waiting",
                    &[&url.redacted(), &e.to_string(), &seconds],
                );
                let _ = writeln!(std::io::stderr(), "{line}");
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    () = shutdown_signal() => return Err(CliError::say("cli.db_gave_up", &[&url.redacted()])),
                }
                wait = (wait * 2).min(Duration::from_secs(10));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

pub(super) async fn serve(db: &DbArgs, args: ServeArgs) -> Result<(), CliError> {
    let store = open_waiting(db).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let mut logins = Vec::new();
    if args.demo {
        if store.is_empty().await? {
            logins = demo::load(&store, clock.now())
                .await
                .map_err(|e| CliError::new(e.to_string()))?;
        } else if demo::is_loaded(&store).await? {
            // Passwords are printed once and stored only as hashes: a new run gives new ones.
            logins = demo::load(&store, clock.now())
                .await
                .map_err(|e| CliError::new(e.to_string()))?;
            print("cli.demo_refreshed", &[]);
        } else {
            print("cli.demo_skipped", &[]);
        }
    }
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .map_err(|e| CliError::say("cli.bind_failed", &[&args.bind, &e.to_string()]))?;
    let address = listener
        .local_addr()
        .map(|a| format!("http://{a}"))
        .unwrap_or_else(|_| args.bind.clone());
    let config = WebConfig {
        secure_cookies: args.secure_cookies,
        trust_proxy: args.trust_proxy,
        idle_timeout: chrono::Duration::minutes(args.idle_timeout_minutes),
        absolute_timeout: chrono::Duration::hours(args.absolute_timeout_hours),
        document_margins: args.document_margins,
        ..WebConfig::default()
    };
    let mailer = match &args.smtp_url {
        Some(url) if !url.trim().is_empty() => Some(
            crate::app::notify::Mailer::new(&crate::app::notify::MailConfig {
                url: url.clone(),
                from: args.mail_from.clone(),
                base_url: args.public_url.clone().unwrap_or_else(|| address.clone()),
            })
            .map_err(|e| CliError::new(e.to_string()))?,
        ),
        _ => None,
    };
    print_logins(Some(&address), &logins);
    let _ = std::io::stdout().flush();
    tracing::info!(address = %address, database = store.backend_name(), mail = mailer.is_some(), "serving");
    let worker = tokio::spawn(crate::app::notify::run_worker(
        store.clone(),
        clock.clone(),
        mailer,
    ));
    let state = AppState::new(store.clone(), clock, config);
    let served = web::serve(listener, state, shutdown_signal()).await;
    worker.abort();
    served.map_err(|e| CliError::new(e.to_string()))?;
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
