//! The command line: `kehoachso <command>`. Every setting has an environment variable
//! `KEHOACHSO_…`; messages come from the text catalog, in Vietnamese as the product is (in
//! English with `--lang en`). Writes to plans go through `app`, in the name of the user given
//! with `--as`.

mod database;
mod output;
mod plans;
mod province;
mod reference;
mod serve;
mod users;

use crate::app::Refusal;
use crate::config::DatabaseUrl;
use crate::db::Store;
use crate::domain::clock::{Clock, SystemClock};
use crate::domain::user::Language;
use crate::domain::validation::FieldErrors;
use crate::export::model::Margins;
use crate::i18n;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

#[derive(Parser, Debug)]
#[command(
    name = "kehoachso",
    version,
    about = "Kế hoạch số — lập, thẩm định và tổng hợp kế hoạch ứng dụng CNTT, chính quyền số và an toàn thông tin mạng của tỉnh"
)]
pub struct Cli {
    #[command(flatten)]
    pub db: DbArgs,
    /// Ngôn ngữ của các thông báo: vi (tiếng Việt) hoặc en (tiếng Anh)
    #[arg(
        long,
        global = true,
        env = "KEHOACHSO_LANG",
        default_value = "vi",
        value_parser = parse_language
    )]
    pub lang: Language,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// Cơ sở dữ liệu: sqlite://ĐƯỜNG_DẪN hoặc postgres://NGƯỜI_DÙNG@MÁY/TÊN. Mặc định: sqlite://data/kehoachso.db (tự tạo khi chưa có)
    #[arg(long, global = true, env = "KEHOACHSO_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Tạo tệp SQLite nếu chưa có (chỉ cần khi đường dẫn khác mặc định)
    #[arg(long, global = true, env = "KEHOACHSO_CREATE")]
    pub create: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Chạy ứng dụng web
    Serve(ServeArgs),
    /// Áp dụng các bản cập nhật cấu trúc cơ sở dữ liệu rồi thoát
    Migrate,
    /// Nạp dữ liệu mẫu (tỉnh Quảng Ngãi) vào cơ sở dữ liệu trống
    Demo {
        /// Nạp cả khi cơ sở dữ liệu đã có dữ liệu (cập nhật đơn vị theo mã, cấp mật khẩu mới cho tài khoản mẫu)
        #[arg(long, env = "KEHOACHSO_DEMO_FORCE")]
        force: bool,
    },
    /// Quản lý người dùng
    #[command(subcommand)]
    User(UserCommand),
    /// Danh mục đơn vị
    #[command(subcommand)]
    Unit(UnitCommand),
    /// Khung kế hoạch
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// Đợt lập kế hoạch
    #[command(subcommand)]
    Round(RoundCommand),
    /// Kế hoạch của các đơn vị
    #[command(subcommand)]
    Plan(PlanCommand),
    /// In mọi vấn đề của các kế hoạch trong một đợt: đơn vị, mã quy tắc, mức độ, vị trí, nội dung
    Check {
        /// Mã đợt, ví dụ KH-2021-2025
        #[arg(long)]
        round: String,
    },
    /// Xuất một kế hoạch: văn bản kế hoạch (docx, pdf), mọi bảng (xlsx), một bảng danh sách (csv, xlsx với --table) hoặc toàn bộ dữ liệu (json); hoặc kế hoạch tổng hợp của tỉnh (--round … --province, docx, pdf hoặc xlsx)
    Export {
        /// Kế hoạch: MÃ_ĐỢT/MÃ_ĐƠN_VỊ, ví dụ KH-2021-2025/SYT
        #[arg(
            long,
            required_unless_present = "province",
            conflicts_with = "province"
        )]
        plan: Option<String>,
        /// Đợt của kế hoạch tổng hợp, ví dụ KH-2021-2025 (cùng --province)
        #[arg(long, requires = "province")]
        round: Option<String>,
        /// Xuất kế hoạch tổng hợp của tỉnh từ các kế hoạch đã phê duyệt của đợt
        #[arg(long, requires = "round", conflicts_with = "table")]
        province: bool,
        /// Bảng: projects, systems, databases hoặc indicators (cần với csv; với xlsx chỉ xuất bảng này thay vì mọi bảng)
        #[arg(long)]
        table: Option<String>,
        /// Định dạng: docx, pdf, xlsx, csv hoặc json
        #[arg(long)]
        format: String,
        /// Lề trang của văn bản docx theo mm: TRÊN,DƯỚI,TRÁI,PHẢI trong khoảng của Nghị định 30/2020 (20–25, 20–25, 30–35, 15–20)
        #[arg(long, default_value = "20,20,30,15", value_parser = parse_margins)]
        margins: Margins,
        /// Tệp kết quả (không được trùng tệp đã có, trừ khi có --force); «-» là đầu ra chuẩn
        #[arg(long)]
        out: PathBuf,
        /// Ghi đè tệp kết quả nếu đã có
        #[arg(long)]
        force: bool,
    },
    /// Nhập một bảng danh sách của kế hoạch từ tệp CSV hoặc XLSX; các dòng trong tệp thay các dòng đang có
    Import {
        /// Kế hoạch: MÃ_ĐỢT/MÃ_ĐƠN_VỊ
        #[arg(long)]
        plan: String,
        /// Bảng: projects, systems, databases hoặc indicators
        #[arg(long)]
        table: String,
        /// Nhập các dòng hợp lệ kể cả khi tệp có dòng lỗi
        #[arg(long)]
        valid_only: bool,
        /// Người nhập: tên đăng nhập của cán bộ hoặc lãnh đạo đơn vị (được ghi vào nhật ký); kế hoạch đã nộp hoặc đã phê duyệt không nhận dữ liệu
        #[arg(long = "as", value_name = "TÊN_ĐĂNG_NHẬP", env = "KEHOACHSO_AS")]
        as_user: String,
        /// Tệp .csv hoặc .xlsx
        file: PathBuf,
    },
    /// Sao lưu cơ sở dữ liệu SQLite đang chạy vào một tệp
    Backup {
        /// Tệp sao lưu (không được trùng tệp đã có)
        #[arg(long, env = "KEHOACHSO_BACKUP_OUT")]
        out: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Địa chỉ và cổng lắng nghe
    #[arg(long, default_value = "127.0.0.1:8080", env = "KEHOACHSO_BIND")]
    pub bind: String,
    /// Nạp dữ liệu mẫu khi cơ sở dữ liệu trống, rồi in địa chỉ và các tài khoản mẫu
    #[arg(long, env = "KEHOACHSO_DEMO")]
    pub demo: bool,
    /// Ứng dụng được phục vụ qua HTTPS: cookie có cờ Secure và tiền tố __Host-
    #[arg(long, env = "KEHOACHSO_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Lấy địa chỉ máy khách từ X-Forwarded-For (chỉ khi đứng sau proxy tin cậy)
    #[arg(long, env = "KEHOACHSO_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Phiên làm việc hết hạn sau số phút không hoạt động này
    #[arg(long, default_value_t = 30, env = "KEHOACHSO_IDLE_TIMEOUT_MINUTES", value_parser = clap::value_parser!(i64).range(1..=1440))]
    pub idle_timeout_minutes: i64,
    /// Phiên làm việc hết hạn sau số giờ này kể từ khi đăng nhập
    #[arg(long, default_value_t = 12, env = "KEHOACHSO_ABSOLUTE_TIMEOUT_HOURS", value_parser = clap::value_parser!(i64).range(1..=72))]
    pub absolute_timeout_hours: i64,
    /// Máy chủ thư gửi thông báo: smtp://máy:cổng, smtp://máy:587?tls=required (STARTTLS) hoặc
    /// smtps://máy:465; không có thì chỉ thông báo trong ứng dụng
    #[arg(long, env = "KEHOACHSO_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Người gửi thư thông báo
    #[arg(
        long,
        default_value = "Kế hoạch số <kehoachso@localhost>",
        env = "KEHOACHSO_MAIL_FROM"
    )]
    pub mail_from: String,
    /// Địa chỉ ứng dụng mà người dùng truy cập, cho đường dẫn trong thư (mặc định: địa chỉ lắng nghe)
    #[arg(long, env = "KEHOACHSO_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Lề trang của văn bản tải về (docx) theo mm: TRÊN,DƯỚI,TRÁI,PHẢI trong khoảng của Nghị định 30/2020 (20–25, 20–25, 30–35, 15–20)
    #[arg(long, default_value = "20,20,30,15", env = "KEHOACHSO_DOCUMENT_MARGINS", value_parser = parse_margins)]
    pub document_margins: Margins,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Tạo người dùng; không có --password-stdin thì in một mật khẩu dùng một lần
    Add {
        #[arg(long)]
        username: String,
        /// admin | reviewer | editor | leader | viewer
        #[arg(long)]
        role: String,
        /// Mã đơn vị của người dùng
        #[arg(long)]
        unit: String,
        /// Họ và tên (mặc định: tên đăng nhập)
        #[arg(long)]
        display_name: Option<String>,
        /// Địa chỉ thư điện tử nhận thông báo
        #[arg(long)]
        email: Option<String>,
        /// Đọc mật khẩu từ dòng đầu tiên của đầu vào chuẩn
        #[arg(long)]
        password_stdin: bool,
    },
    /// Khóa tài khoản và kết thúc mọi phiên làm việc của nó
    Disable { username: String },
    /// Mở khóa tài khoản
    Enable { username: String },
    /// Cấp mật khẩu dùng một lần mới (người dùng phải đổi khi đăng nhập)
    ResetPassword { username: String },
    /// Liệt kê người dùng: tên đăng nhập, vai trò, mã đơn vị, trạng thái
    List,
}

#[derive(Subcommand, Debug)]
pub enum FrameworkCommand {
    /// Liệt kê khung kế hoạch: mã, phiên bản, giai đoạn, tên, trạng thái
    List,
    /// In dàn ý của một khung, mỗi mục một dòng: số thứ tự, tên, loại (và bảng biểu)
    Show {
        /// Mã khung, ví dụ KHUNG-2021-2025 (phiên bản mới nhất) hoặc KHUNG-2021-2025@1
        code: String,
        /// In cả phần hướng dẫn của từng mục
        #[arg(long)]
        guidance: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum RoundCommand {
    /// Liệt kê đợt: mã, khung, loại, giai đoạn, hạn nộp, số kế hoạch đang soạn/đã nộp/trả lại/đã duyệt
    List,
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Liệt kê kế hoạch của một đợt: mã đơn vị, trạng thái, số vấn đề cần xử lý, thay đổi gần nhất
    List {
        /// Mã đợt, ví dụ KH-2026-2030
        #[arg(long)]
        round: String,
    },
    /// Các phiên bản đã lưu của một kế hoạch: số phiên bản, trạng thái, người thực hiện, thời điểm
    History {
        /// Kế hoạch: MÃ_ĐỢT/MÃ_ĐƠN_VỊ, ví dụ KH-2021-2025/SYT
        plan: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UnitCommand {
    /// Liệt kê đơn vị: mã, tên, loại, hiệu lực từ, hiệu lực đến, mã cấp trên, mã đơn vị kế thừa
    List {
        /// Chỉ các đơn vị đang hoạt động
        #[arg(long)]
        open: bool,
    },
}

/// The language of the command line's messages, chosen once by `run`.
static LANGUAGE: OnceLock<Language> = OnceLock::new();

/// The language the command line speaks: Vietnamese unless `--lang en` (`KEHOACHSO_LANG=en`)
/// chose English.
pub fn language() -> Language {
    LANGUAGE.get().copied().unwrap_or_default()
}

/// A message of the catalog in the command line's language, each `{}` filled in order.
pub fn say(key: &str, args: &[&str]) -> String {
    i18n::text_with(language(), key, args)
}

/// A line of the catalog printed on standard output; a reader gone away is no failure of a
/// message's.
fn print(key: &str, args: &[&str]) {
    let _ = writeln!(std::io::stdout(), "{}", say(key, args));
}

/// Why a command stopped: a failure the CLI reports in a sentence, then exits with status 1;
/// or its reader went away (`… | head -1`), which ends it quietly, as a Unix tool ends.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Said(String),
    #[error("the output was closed")]
    ClosedPipe,
}

impl CliError {
    fn new(message: impl Into<String>) -> Self {
        Self::Said(message.into())
    }

    /// A failure said by a message of the catalog, each `{}` filled in order.
    fn say(key: &str, args: &[&str]) -> Self {
        Self::Said(say(key, args))
    }

    /// A failed write to the output: a closed pipe ends quietly, anything else is said.
    fn from_io(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Self::ClosedPipe
        } else {
            Self::new(e.to_string())
        }
    }
}

impl From<crate::db::DbError> for CliError {
    fn from(e: crate::db::DbError) -> Self {
        match e {
            crate::db::DbError::MissingFile(path) => {
                Self::say("cli.db_missing_file", &[&path.display().to_string()])
            }
            // A value the database refuses is a field error, said as the use-cases say it.
            e @ crate::db::DbError::Field { .. } => Self::from(Refusal::from(e)),
            other => Self::say("cli.db_error", &[&other.to_string()]),
        }
    }
}

impl From<Refusal> for CliError {
    /// A use-case's refusal, said as the pages say it.
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::NotFound => Self::say("error.not_found", &[]),
            Refusal::Forbidden => Self::say("error.forbidden", &[]),
            Refusal::Locked => Self::say("cli.plan_locked", &[]),
            Refusal::Conflict(_) => Self::say("error.conflict", &[]),
            Refusal::Invalid(errors) => Self::Said(field_errors_message(&errors)),
            Refusal::File(f) => Self::say(f.key, &[&f.arg]),
            Refusal::Blocked(findings) => Self::Said(format!(
                "{} ({})",
                say("review.blocked", &[]),
                findings.len()
            )),
            Refusal::Db(e) => e.into(),
        }
    }
}

fn field_errors_message(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|(field, e)| {
            let text = say(e.key, &[e.arg.as_deref().unwrap_or_default()]);
            format!("{field}: {text}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| say("cli.bad_language", &[code]))
}

fn parse_margins(text: &str) -> Result<Margins, String> {
    Margins::parse(text).map_err(|e| e.to_string())
}

/// Opens the database, applies the migrations and installs the built-in frameworks.
async fn open_store(args: &DbArgs) -> Result<Store, CliError> {
    let (url, create) = store_url(args)?;
    tracing::debug!(database = %url.redacted(), "opening the database");
    prepared(Store::connect(&url, create).await?).await
}

/// The database the command works on, and whether it may create it.
fn store_url(args: &DbArgs) -> Result<(DatabaseUrl, bool), CliError> {
    let (url, default_create) = DatabaseUrl::resolve(args.database_url.as_deref())
        .map_err(|e| CliError::new(e.to_string()))?;
    Ok((url, default_create || args.create))
}

/// An opened store with the built-in frameworks and catalogs in place.
async fn prepared(store: Store) -> Result<Store, CliError> {
    crate::app::builtin::install(&store, SystemClock.now())
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    Ok(store)
}

/// A line of output; a write that fails (a closed pipe) ends the command with its reason.
fn out_line(out: &mut impl std::io::Write, line: &str) -> Result<(), CliError> {
    writeln!(out, "{line}").map_err(CliError::from_io)
}

/// The whole program: parses the command line, sets up logging and the runtime, runs the command
/// and says how it ended. It lives in the library rather than in `main.rs` so that a release
/// build compiles it with the rest of the library instead of in a binary crate of its own at the
/// very end of the build.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KEHOACHSO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    // The server works on every core; any other command is one task start to end, which a
    // single thread runs without handing each database answer over between threads.
    let runtime = match cli.command {
        Command::Serve(_) => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    }
    .enable_all()
    .build();
    let ended = runtime
        .map_err(CliError::from_io)
        .and_then(|runtime| runtime.block_on(run(cli)));
    match ended {
        // The reader went away (`… | head -1`): nothing more to say to anyone.
        Ok(()) | Err(CliError::ClosedPipe) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", say("cli.error", &[&e.to_string()]));
            std::process::ExitCode::FAILURE
        }
    }
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let _ = LANGUAGE.set(cli.lang);
    let db = &cli.db;
    match cli.command {
        Command::Serve(args) => serve::serve(db, args).await,
        Command::Migrate => database::migrate(db).await,
        Command::Demo { force } => database::demo(db, force).await,
        Command::Backup { out } => database::backup(db, &out).await,
        Command::User(command) => users::run(db, command).await,
        Command::Unit(UnitCommand::List { open }) => reference::units(db, open).await,
        Command::Framework(command) => reference::frameworks(db, command).await,
        Command::Round(RoundCommand::List) => reference::rounds(db).await,
        Command::Plan(PlanCommand::List { round }) => plans::list(db, &round).await,
        Command::Plan(PlanCommand::History { plan }) => plans::history(db, &plan).await,
        Command::Check { round } => plans::check(db, &round).await,
        Command::Export {
            plan,
            round,
            province,
            table,
            format,
            margins,
            out,
            force,
        } => {
            let what = plans::Export {
                table: table.as_deref(),
                format: &format,
                margins,
                out: output::Output::new(&out, force),
            };
            match (province, round, plan) {
                (true, Some(round), _) => plans::export_province(db, &round, what).await,
                (_, _, Some(plan)) => plans::export(db, &plan, what).await,
                _ => Err(CliError::say("cli.plan_or_province", &[])),
            }
        }
        Command::Import {
            plan,
            table,
            valid_only,
            as_user,
            file,
        } => {
            plans::import(
                db,
                plans::Import {
                    plan: &plan,
                    table: &table,
                    valid_only,
                    as_user: &as_user,
                    file: &file,
                },
            )
            .await
        }
    }
}
