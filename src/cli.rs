//! The command line: `kehoachso <command>`. Every setting has an environment variable
//! `KEHOACHSO_…`; messages are in Vietnamese, as the product is.

mod province;

use crate::config::{DatabaseUrl, WebConfig};
use crate::db::{AuditCtx, Store, UnitFilter};
use crate::demo;
use crate::domain::clock::{Clock, SystemClock};
use crate::domain::password;
use crate::domain::sheet::Format;
use crate::domain::user::{Language, Role, UserForm, UserInput};
use crate::domain::validation::FieldErrors;
use crate::export::model::Margins;
use crate::i18n;
use crate::web::{self, AppState};
use clap::{Args, Parser, Subcommand};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "kehoachso",
    version,
    about = "Kế hoạch số — lập, thẩm định và tổng hợp kế hoạch ứng dụng CNTT, chính quyền số và an toàn thông tin mạng của tỉnh"
)]
pub struct Cli {
    #[command(flatten)]
    pub db: DbArgs,
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
        /// Tệp kết quả (không được trùng tệp đã có)
        #[arg(long)]
        out: PathBuf,
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

/// A failure the CLI reports in a sentence, then exits with status 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl CliError {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl From<crate::db::DbError> for CliError {
    fn from(e: crate::db::DbError) -> Self {
        match e {
            crate::db::DbError::MissingFile(path) => Self(format!(
                "Không tìm thấy tệp cơ sở dữ liệu SQLite «{}». Kiểm tra đường dẫn, hoặc thêm --create để tạo cơ sở dữ liệu mới.",
                path.display()
            )),
            crate::db::DbError::Field { field, key } => {
                Self(format!("{field}: {}", i18n::text(Language::Vi, key)))
            }
            other => Self(format!("Lỗi cơ sở dữ liệu: {other}")),
        }
    }
}

fn field_errors_message(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|(field, e)| {
            let text = match &e.arg {
                Some(arg) => i18n::text_with(Language::Vi, e.key, &[arg]),
                None => i18n::text(Language::Vi, e.key).to_string(),
            };
            format!("{field}: {text}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_margins(text: &str) -> Result<Margins, String> {
    Margins::parse(text).map_err(|e| e.to_string())
}

/// A plan named `ROUND/UNIT`, with its round.
async fn plan_by_path(
    store: &Store,
    path: &str,
) -> Result<(crate::domain::round::Plan, crate::domain::round::Round), CliError> {
    let (round_code, unit_code) = path.split_once('/').ok_or_else(|| {
        CliError::new(format!(
            "«{path}»: ghi kế hoạch theo dạng MÃ_ĐỢT/MÃ_ĐƠN_VỊ, ví dụ KH-2021-2025/SYT."
        ))
    })?;
    let round = store
        .round_by_code(round_code)
        .await?
        .ok_or_else(|| CliError::new(format!("Không có đợt «{round_code}».")))?;
    let plan = store
        .round_plans(round.id)
        .await?
        .into_iter()
        .find(|p| p.unit_code == unit_code)
        .ok_or_else(|| {
            CliError::new(format!(
                "Đợt «{round_code}» không có kế hoạch của đơn vị «{unit_code}»."
            ))
        })?
        .plan;
    Ok((plan, round))
}

fn exchange_error(e: crate::exchange::ExchangeError) -> CliError {
    use crate::exchange::ExchangeError;
    match e {
        ExchangeError::UnknownList(list) => CliError::new(format!(
            "Bảng «{list}» không có; dùng projects, systems, databases hoặc indicators."
        )),
        ExchangeError::File(f) => CliError::new(i18n::text_with(Language::Vi, f.key, &[&f.arg])),
        ExchangeError::Xlsx(m) => CliError::new(m.to_string()),
        ExchangeError::Db(e) => e.into(),
    }
}

/// Opens the database, applies the migrations and installs the built-in frameworks.
async fn open_store(args: &DbArgs) -> Result<Store, CliError> {
    let (url, default_create) = DatabaseUrl::resolve(args.database_url.as_deref())
        .map_err(|e| CliError::new(e.to_string()))?;
    tracing::debug!(database = %url.redacted(), "opening the database");
    let store = Store::connect(&url, default_create || args.create).await?;
    crate::builtin::install(&store, SystemClock.now())
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    Ok(store)
}

async fn framework_command(db: &DbArgs, command: FrameworkCommand) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let mut out = std::io::stdout().lock();
    let write = |out: &mut std::io::StdoutLock, line: String| {
        writeln!(out, "{line}").map_err(|e| CliError::new(e.to_string()))
    };
    match command {
        FrameworkCommand::List => {
            for f in store.frameworks().await? {
                write(
                    &mut out,
                    format!(
                        "{}	{}	{}	{}	{}",
                        f.code,
                        f.version,
                        f.period(),
                        f.title,
                        f.status.code()
                    ),
                )?;
            }
        }
        FrameworkCommand::Show { code, guidance } => {
            let framework = store
                .framework_by_code(&code)
                .await?
                .ok_or_else(|| CliError::new(format!("Không có khung kế hoạch «{code}».")))?;
            let nodes = store.framework_nodes(framework.id).await?;
            let depths = crate::domain::framework::depths(&nodes);
            for (node, depth) in nodes.iter().zip(depths) {
                let kind = match &node.table {
                    Some(table) => format!("{}+{table}", node.kind.code()),
                    None => node.kind.code().to_string(),
                };
                let optional = if node.optional { "\toptional" } else { "" };
                write(
                    &mut out,
                    format!(
                        "{}{}\t{}\t{kind}{optional}",
                        "  ".repeat(depth),
                        node.numbering,
                        node.title
                    ),
                )?;
                if guidance && !node.guidance.is_empty() {
                    for line in node.guidance.lines() {
                        write(&mut out, format!("{}    {line}", "  ".repeat(depth)))?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn cli_ctx(clock: &dyn Clock) -> AuditCtx {
    AuditCtx {
        at: clock.now(),
        actor_user_id: None,
        actor_name: "cli".to_string(),
    }
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let clock = SystemClock;
    match cli.command {
        Command::Serve(args) => serve(&cli.db, args).await,
        Command::Migrate => {
            let store = open_store(&cli.db).await?;
            println!(
                "Cơ sở dữ liệu ({}) đã ở phiên bản mới nhất.",
                store.backend_name()
            );
            Ok(())
        }
        Command::Demo { force } => {
            let store = open_store(&cli.db).await?;
            if !force && !store.is_empty().await? {
                return Err(CliError::new(
                    "Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu. Dùng --force để nạp đè (đơn vị được cập nhật theo mã, tài khoản mẫu được cấp mật khẩu mới).",
                ));
            }
            let logins = demo::load(&store, clock.now())
                .await
                .map_err(|e| CliError::new(e.to_string()))?;
            print_logins(None, &logins);
            Ok(())
        }
        Command::User(command) => user_command(&cli.db, command, &clock).await,
        Command::Unit(UnitCommand::List { open }) => {
            let store = open_store(&cli.db).await?;
            let rows = store
                .units(&UnitFilter {
                    include_closed: !open,
                    ..UnitFilter::default()
                })
                .await?;
            let mut out = std::io::stdout().lock();
            for r in rows {
                let line = [
                    r.unit.code.as_str(),
                    &r.unit.name,
                    r.unit.kind.code(),
                    &r.unit.valid_from.to_string(),
                    &r.unit.valid_to.map(|d| d.to_string()).unwrap_or_default(),
                    r.parent_code.as_deref().unwrap_or_default(),
                    r.merged_into_code.as_deref().unwrap_or_default(),
                ]
                .join("\t");
                writeln!(out, "{line}").map_err(|e| CliError::new(e.to_string()))?;
            }
            Ok(())
        }
        Command::Framework(command) => framework_command(&cli.db, command).await,
        Command::Round(RoundCommand::List) => {
            let store = open_store(&cli.db).await?;
            for s in store.rounds().await? {
                let counts: Vec<String> = crate::domain::round::PlanStatus::ALL
                    .iter()
                    .map(|st| format!("{}={}", st.code(), s.count(st.code())))
                    .collect();
                println!(
                    "{}\t{}@{}\t{}\t{}\t{}\t{}",
                    s.round.code,
                    s.framework_code,
                    s.framework_version,
                    s.round.kind.code(),
                    s.round.period(),
                    s.round.deadline,
                    counts.join(" ")
                );
            }
            Ok(())
        }
        Command::Plan(PlanCommand::List { round }) => {
            let store = open_store(&cli.db).await?;
            let round = store
                .round_by_code(&round)
                .await?
                .ok_or_else(|| CliError::new(format!("Không có đợt «{round}».")))?;
            let nodes = store.framework_nodes(round.framework_id).await?;
            for row in store.round_plans(round.id).await? {
                let findings =
                    crate::checks::plan_findings(&store, &row.plan, &round, &nodes).await?;
                println!(
                    "{}\t{}\t{}\t{}",
                    row.unit_code,
                    row.plan.status.code(),
                    findings.len(),
                    row.plan.updated_at.to_rfc3339()
                );
            }
            Ok(())
        }
        Command::Plan(PlanCommand::History { plan }) => {
            let store = open_store(&cli.db).await?;
            let (plan, _) = plan_by_path(&store, &plan).await?;
            for r in store.plan_revisions(plan.id).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    r.number,
                    r.status,
                    r.created_by_name,
                    r.created_at.to_rfc3339()
                );
            }
            Ok(())
        }
        Command::Check { round } => {
            let store = open_store(&cli.db).await?;
            let round = store
                .round_by_code(&round)
                .await?
                .ok_or_else(|| CliError::new(format!("Không có đợt «{round}».")))?;
            let nodes = store.framework_nodes(round.framework_id).await?;
            let mut out = std::io::stdout().lock();
            for row in store.round_plans(round.id).await? {
                for f in crate::checks::plan_findings(&store, &row.plan, &round, &nodes).await? {
                    let node = nodes.iter().find(|n| n.key == f.node_key);
                    let mut place = node.map_or(f.node_key.clone(), |n| {
                        format!("{} {}", n.numbering, n.title)
                    });
                    if let Some(r) = &f.row {
                        place.push_str(&format!(" / dòng {r}"));
                    }
                    if let Some(y) = f.year {
                        place.push_str(&format!(" / năm {y}"));
                    }
                    let message = i18n::text_with(
                        Language::Vi,
                        f.message_key,
                        &[f.arg.as_deref().unwrap_or_default()],
                    );
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{place}\t{message}",
                        row.unit_code,
                        f.code,
                        f.severity.code()
                    )
                    .map_err(|e| CliError::new(e.to_string()))?;
                }
            }
            Ok(())
        }
        Command::Export {
            plan,
            round,
            province,
            table,
            format,
            margins,
            out,
        } => {
            if out.exists() {
                return Err(CliError::new(format!(
                    "Tệp «{}» đã có; chọn tên khác để không ghi đè.",
                    out.display()
                )));
            }
            let store = open_store(&cli.db).await?;
            if province {
                let round = round.unwrap_or_default();
                return province::export(&store, &round, &format, margins, &out).await;
            }
            let plan = plan.unwrap_or_default();
            let (plan, round) = plan_by_path(&store, &plan).await?;
            let bytes = match (format.as_str(), table) {
                ("json", _) => {
                    let nodes = store.framework_nodes(round.framework_id).await?;
                    let value = crate::exchange::plan_json(&store, &plan, &round, &nodes)
                        .await
                        .map_err(exchange_error)?;
                    serde_json::to_vec_pretty(&value).map_err(|e| CliError::new(e.to_string()))?
                }
                (code @ ("docx" | "pdf"), _) => {
                    let format = crate::documents::DocumentFormat::from_code(code)
                        .ok_or_else(|| CliError::new(code.to_string()))?;
                    let today = SystemClock.now().date_naive();
                    let source =
                        crate::documents::plan_source(&store, &plan, &round, today).await?;
                    crate::documents::render_plan(&source, margins, format)
                        .map_err(|e| CliError::new(e.to_string()))?
                }
                ("xlsx", None) => {
                    let sheets =
                        crate::documents::plan_sheets(&store, &plan, &round, Language::Vi).await?;
                    crate::documents::render_xlsx(&sheets)
                        .map_err(|e| CliError::new(e.to_string()))?
                }
                (other, Some(table)) => {
                    let format = Format::from_code(other).ok_or_else(|| {
                        CliError::new(format!(
                            "Định dạng «{other}» không có; dùng docx, pdf, xlsx, csv hoặc json."
                        ))
                    })?;
                    crate::exchange::export_list(
                        &store,
                        &plan,
                        &round,
                        &table,
                        format,
                        Language::Vi,
                        false,
                    )
                    .await
                    .map_err(exchange_error)?
                }
                ("csv", None) => {
                    return Err(CliError::new(
                        "Cần --table projects|systems|databases|indicators cho csv.",
                    ))
                }
                (other, None) => {
                    return Err(CliError::new(format!(
                        "Định dạng «{other}» không có; dùng docx, pdf, xlsx, csv hoặc json."
                    )))
                }
            };
            std::fs::write(&out, bytes)
                .map_err(|e| CliError::new(format!("{}: {e}", out.display())))?;
            Ok(())
        }
        Command::Import {
            plan,
            table,
            valid_only,
            file,
        } => {
            let format = file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_lowercase)
                .and_then(|e| Format::from_code(&e))
                .ok_or_else(|| CliError::new("Tệp phải có đuôi .csv hoặc .xlsx."))?;
            let size = std::fs::metadata(&file)
                .map_err(|e| CliError::new(format!("{}: {e}", file.display())))?
                .len();
            if size > crate::domain::sheet::MAX_BYTES as u64 {
                return Err(CliError::new(i18n::text_with(
                    Language::Vi,
                    "import.err_too_big",
                    &["2 MB"],
                )));
            }
            let bytes = std::fs::read(&file)
                .map_err(|e| CliError::new(format!("{}: {e}", file.display())))?;
            let store = open_store(&cli.db).await?;
            let (plan, round) = plan_by_path(&store, &plan).await?;
            let outcome = crate::exchange::import_list(
                &store,
                &plan,
                &round,
                &table,
                format,
                &bytes,
                valid_only,
                &cli_ctx(&SystemClock),
            )
            .await
            .map_err(exchange_error)?;
            let mut err = std::io::stderr().lock();
            for e in &outcome.errors {
                let message =
                    i18n::text_with(Language::Vi, e.key, &[e.arg.as_deref().unwrap_or_default()]);
                let _ = writeln!(err, "dòng {}	{}	{message}", e.line, e.column);
            }
            if outcome.refused {
                return Err(CliError::new(format!(
                    "Không nhập dòng nào: {} lỗi. Sửa tệp, hoặc thêm --valid-only để chỉ nhập các dòng hợp lệ.",
                    outcome.errors.len()
                )));
            }
            println!("Đã nhập {} dòng vào bảng {table}.", outcome.imported);
            Ok(())
        }
        Command::Backup { out } => {
            if out.exists() {
                return Err(CliError::new(format!(
                    "Tệp «{}» đã có; chọn tên khác để không ghi đè.",
                    out.display()
                )));
            }
            let store = open_store(&cli.db).await?;
            match store.backup_sqlite(&out).await? {
                Some(()) => {
                    println!("Đã sao lưu vào «{}».", out.display());
                    Ok(())
                }
                None => Err(CliError::new(
                    "Với PostgreSQL, hãy sao lưu bằng công cụ của PostgreSQL, ví dụ: pg_dump --format=custom --file=kehoachso.dump \"$KEHOACHSO_DATABASE_URL\" (khôi phục bằng pg_restore). Bản sao lưu nhất quán ngay cả khi ứng dụng đang chạy.",
                )),
            }
        }
    }
}

fn print_logins(address: Option<&str>, logins: &[demo::DemoLogin]) {
    if let Some(address) = address {
        println!("Kế hoạch số đang chạy tại {address}");
    }
    if logins.is_empty() {
        return;
    }
    println!("Tài khoản mẫu (mật khẩu chỉ in một lần, hãy lưu lại):");
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

async fn serve(db: &DbArgs, args: ServeArgs) -> Result<(), CliError> {
    let store = open_store(db).await?;
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
            println!("Dữ liệu mẫu đã có sẵn; các tài khoản mẫu vừa được cấp mật khẩu mới.");
        } else {
            println!("Cơ sở dữ liệu đã có dữ liệu khác; không nạp dữ liệu mẫu.");
        }
    }
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .map_err(|e| CliError::new(format!("Không mở được cổng {}: {e}", args.bind)))?;
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
            crate::notify::Mailer::new(&crate::notify::MailConfig {
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
    let worker = tokio::spawn(crate::notify::run_worker(
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

async fn user_command(
    db: &DbArgs,
    command: UserCommand,
    clock: &dyn Clock,
) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let find = |username: String| {
        let store = store.clone();
        async move {
            store
                .user_credentials(&username)
                .await?
                .map(|(u, _)| u)
                .ok_or_else(|| CliError::new(format!("Không có người dùng «{username}».")))
        }
    };
    match command {
        UserCommand::Add {
            username,
            role,
            unit,
            display_name,
            email,
            password_stdin,
        } => {
            if Role::from_code(&role).is_none() {
                return Err(CliError::new(format!(
                    "Vai trò «{role}» không hợp lệ; chọn một trong: admin, reviewer, editor, leader, viewer."
                )));
            }
            let form = UserForm {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                role,
                unit_code: unit,
                language: "vi".into(),
                email: email.unwrap_or_default(),
            };
            let input =
                UserInput::try_from(&form).map_err(|e| CliError::new(field_errors_message(&e)))?;
            let (secret, onetime) = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .map_err(|e| CliError::new(e.to_string()))?;
                let secret = line.trim_end_matches(['\r', '\n']).to_string();
                password::check_policy(&secret, &input.username).map_err(|key| {
                    CliError::new(format!("Mật khẩu: {}", i18n::text(Language::Vi, key)))
                })?;
                (secret, false)
            } else {
                (password::generate(), true)
            };
            let hash = password::hash(&secret).map_err(|e| CliError::new(e.to_string()))?;
            let user = store
                .create_user(&input, &hash, onetime, &cli_ctx(clock))
                .await?;
            println!(
                "Đã tạo người dùng «{}» ({}).",
                user.username,
                user.role.code()
            );
            if onetime {
                println!("Mật khẩu dùng một lần: {secret}");
                println!("Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.");
            }
            Ok(())
        }
        UserCommand::Disable { username } => {
            let user = find(username).await?;
            store
                .set_user_disabled(user.id, true, &cli_ctx(clock))
                .await?;
            println!(
                "Đã khóa «{}» và kết thúc mọi phiên làm việc của tài khoản.",
                user.username
            );
            Ok(())
        }
        UserCommand::Enable { username } => {
            let user = find(username).await?;
            store
                .set_user_disabled(user.id, false, &cli_ctx(clock))
                .await?;
            println!("Đã mở khóa «{}».", user.username);
            Ok(())
        }
        UserCommand::ResetPassword { username } => {
            let user = find(username).await?;
            let secret = password::generate();
            let hash = password::hash(&secret).map_err(|e| CliError::new(e.to_string()))?;
            store
                .set_password(user.id, &hash, true, &cli_ctx(clock))
                .await?;
            println!(
                "Mật khẩu dùng một lần mới của «{}»: {secret}",
                user.username
            );
            println!(
                "Mọi phiên làm việc cũ đã kết thúc; người dùng phải đổi mật khẩu khi đăng nhập."
            );
            Ok(())
        }
        UserCommand::List => {
            let rows = store.users(&crate::db::UserFilter::default()).await?;
            for r in rows {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    r.user.username,
                    r.user.role.code(),
                    r.unit_code,
                    if r.user.disabled {
                        "disabled"
                    } else {
                        "active"
                    },
                    r.user.display_name
                );
            }
            Ok(())
        }
    }
}
