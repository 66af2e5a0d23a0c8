use clap::Parser;
use kehoachso::cli::{run, Cli};
use tracing_subscriber::EnvFilter;

/// mimalloc rather than the system's allocator: glibc keeps the memory each thread's work took
/// (every sign-in's 19 MiB argon2 hash stayed in the process for good); mimalloc gives it back.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("KEHOACHSO_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(cli).await {
        // The reader went away (`… | head -1`): nothing more to say to anyone.
        Ok(()) | Err(kehoachso::cli::CliError::ClosedPipe) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", kehoachso::cli::say("cli.error", &[&e.to_string()]));
            std::process::ExitCode::FAILURE
        }
    }
}
