//! The database as a whole: migrations, the demo data, and a backup of a SQLite file.

use super::serve::print_logins;
use super::{open_store, CliError, DbArgs};
use crate::demo;
use crate::domain::clock::{Clock, SystemClock};
use std::path::Path;

pub(super) async fn migrate(db: &DbArgs) -> Result<(), CliError> {
    let store = open_store(db).await?;
    println!(
        "Cơ sở dữ liệu ({}) đã ở phiên bản mới nhất.",
        store.backend_name()
    );
    Ok(())
}

pub(super) async fn demo(db: &DbArgs, force: bool) -> Result<(), CliError> {
    let store = open_store(db).await?;
    if !force && !store.is_empty().await? {
        return Err(CliError::new(
            "Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu. Dùng --force để nạp đè (đơn vị được cập nhật theo mã, tài khoản mẫu được cấp mật khẩu mới).",
        ));
    }
    let logins = demo::load(&store, SystemClock.now())
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    print_logins(None, &logins);
    Ok(())
}

pub(super) async fn backup(db: &DbArgs, out: &Path) -> Result<(), CliError> {
    if out.exists() {
        return Err(CliError::new(format!(
            "Tệp «{}» đã có; chọn tên khác để không ghi đè.",
            out.display()
        )));
    }
    let store = open_store(db).await?;
    match store.backup_sqlite(out).await? {
        Some(()) => {
            println!("Đã sao lưu vào «{}».", out.display());
            Ok(())
        }
        None => Err(CliError::new(
            "Với PostgreSQL, hãy sao lưu bằng công cụ của PostgreSQL, ví dụ: pg_dump --format=custom --file=kehoachso.dump \"$KEHOACHSO_DATABASE_URL\" (khôi phục bằng pg_restore). Bản sao lưu nhất quán ngay cả khi ứng dụng đang chạy.",
        )),
    }
}
