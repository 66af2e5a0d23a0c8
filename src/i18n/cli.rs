//! The command line's messages: its errors, confirmations, the demo logins and the progress of
//! the consolidated plan. The command line speaks Vietnamese (English with `KEHOACHSO_LANG=en`);
//! its `--help` texts stay with the argument structs.

/// (key, Vietnamese, English), one text a line: both languages side by side.
#[rustfmt::skip]
pub const TEXTS: &[(&str, &str, &str)] = &[
    // Any command
    ("cli.error", "Lỗi: {}", "Error: {}"),
    ("cli.bad_language", "Ngôn ngữ «{}» không có; dùng vi hoặc en.", "There is no language «{}»; use vi or en."),
    ("cli.db_missing_file", "Không tìm thấy tệp cơ sở dữ liệu SQLite «{}». Kiểm tra đường dẫn, hoặc thêm --create để tạo cơ sở dữ liệu mới.", "The SQLite database file «{}» cannot be found. Check the path, or add --create to make a new database."),
    ("cli.db_error", "Lỗi cơ sở dữ liệu: {}", "Database error: {}"),
    ("cli.plan_locked", "Kế hoạch đã nộp hoặc đã phê duyệt (hoặc phần này không được mở lại) nên không nhận thay đổi.", "The plan has been submitted or approved (or this part was not reopened), so it takes no changes."),
    ("cli.file_exists", "Tệp «{}» đã có; chọn tên khác để không ghi đè.", "The file «{}» already exists; choose another name rather than overwrite it."),
    // The database and the demo
    ("cli.migrated", "Cơ sở dữ liệu ({}) đã ở phiên bản mới nhất.", "The database ({}) is at its latest version."),
    ("cli.demo_not_empty", "Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu. Dùng --force để nạp đè (đơn vị được cập nhật theo mã, tài khoản mẫu được cấp mật khẩu mới).", "The database already holds data; the demo data was not loaded. Use --force to load it anyway (units are updated by code, the demo accounts get new passwords)."),
    ("cli.backed_up", "Đã sao lưu vào «{}».", "Backed up to «{}»."),
    ("cli.backup_postgres", "Với PostgreSQL, hãy sao lưu bằng công cụ của PostgreSQL, ví dụ: pg_dump --format=custom --file=kehoachso.dump \"$KEHOACHSO_DATABASE_URL\" (khôi phục bằng pg_restore). Bản sao lưu nhất quán ngay cả khi ứng dụng đang chạy.", "With PostgreSQL, back up with PostgreSQL's own tools, for example: pg_dump --format=custom --file=kehoachso.dump \"$KEHOACHSO_DATABASE_URL\" (restore with pg_restore). The backup is consistent even while the application runs."),
    // Serving
    ("cli.running_at", "Kế hoạch số đang chạy tại {}", "Kế hoạch số is running at {}"),
    ("cli.db_waiting", "Chưa kết nối được cơ sở dữ liệu {} ({}); thử lại sau {} giây. Nhấn Ctrl+C để dừng.", "Cannot reach the database {} ({}); trying again in {} s. Press Ctrl+C to stop."),
    ("cli.db_gave_up", "Đã dừng khi đang chờ cơ sở dữ liệu {}.", "Stopped while waiting for the database {}."),
    ("cli.demo_logins", "Tài khoản mẫu (mật khẩu chỉ in một lần, hãy lưu lại):", "Demo accounts (the passwords are printed only once: keep them):"),
    ("cli.demo_refreshed", "Dữ liệu mẫu đã có sẵn; các tài khoản mẫu vừa được cấp mật khẩu mới.", "The demo data is already there; the demo accounts have just been given new passwords."),
    ("cli.demo_skipped", "Cơ sở dữ liệu đã có dữ liệu khác; không nạp dữ liệu mẫu.", "The database holds other data; the demo data was not loaded."),
    ("cli.bind_failed", "Không mở được cổng {}: {}", "Cannot listen on {}: {}"),
    // Users
    ("cli.no_user", "Không có người dùng «{}».", "There is no user «{}»."),
    ("cli.no_active_user", "Không có người dùng «{}» đang hoạt động.", "There is no active user «{}»."),
    ("cli.bad_role", "Vai trò «{}» không hợp lệ; chọn một trong: admin, reviewer, editor, leader, viewer.", "«{}» is not a role; choose one of: admin, reviewer, editor, leader, viewer."),
    ("cli.password_refused", "Mật khẩu: {}", "Password: {}"),
    ("cli.user_created", "Đã tạo người dùng «{}» ({}).", "User «{}» ({}) created."),
    ("cli.onetime_password", "Mật khẩu dùng một lần: {}", "One-time password: {}"),
    ("cli.must_change_password", "Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.", "The user must change the password at the first sign-in."),
    ("cli.user_disabled", "Đã khóa «{}» và kết thúc mọi phiên làm việc của tài khoản.", "«{}» is disabled and every session of the account has ended."),
    ("cli.user_enabled", "Đã mở khóa «{}».", "«{}» is enabled."),
    ("cli.new_onetime_password", "Mật khẩu dùng một lần mới của «{}»: {}", "New one-time password of «{}»: {}"),
    ("cli.sessions_ended", "Mọi phiên làm việc cũ đã kết thúc; người dùng phải đổi mật khẩu khi đăng nhập.", "Every earlier session has ended; the user must change the password at sign-in."),
    // Reference data and plans
    ("cli.no_framework", "Không có khung kế hoạch «{}».", "There is no framework «{}»."),
    ("cli.no_round", "Không có đợt «{}».", "There is no round «{}»."),
    ("cli.plan_path", "«{}»: ghi kế hoạch theo dạng MÃ_ĐỢT/MÃ_ĐƠN_VỊ, ví dụ KH-2021-2025/SYT.", "«{}»: name the plan as ROUND_CODE/UNIT_CODE, for example KH-2021-2025/SYT."),
    ("cli.no_plan", "Đợt «{}» không có kế hoạch của đơn vị «{}».", "Round «{}» has no plan of the unit «{}»."),
    ("cli.finding_row", "dòng {}", "row {}"),
    ("cli.finding_year", "năm {}", "year {}"),
    // Exports
    ("cli.plan_or_province", "Cần --plan MÃ_ĐỢT/MÃ_ĐƠN_VỊ, hoặc --round MÃ_ĐỢT --province.", "Give --plan ROUND_CODE/UNIT_CODE, or --round ROUND_CODE --province."),
    ("cli.unknown_format", "Định dạng «{}» không có; dùng docx, pdf, xlsx, csv hoặc json.", "There is no format «{}»; use docx, pdf, xlsx, csv or json."),
    ("cli.unknown_table", "Bảng «{}» không có; dùng projects, systems, databases hoặc indicators.", "There is no table «{}»; use projects, systems, databases or indicators."),
    ("cli.csv_needs_table", "Cần --table projects|systems|databases|indicators cho csv.", "csv needs --table projects|systems|databases|indicators."),
    // Imports
    ("cli.import_extension", "Tệp phải có đuôi .csv hoặc .xlsx.", "The file's name must end in .csv or .xlsx."),
    ("cli.import_line", "dòng {}", "line {}"),
    ("cli.import_refused", "Không nhập dòng nào: {} lỗi. Sửa tệp, hoặc thêm --valid-only để chỉ nhập các dòng hợp lệ.", "Nothing was imported: {} errors. Correct the file, or add --valid-only to import only the valid rows."),
    ("cli.imported", "Đã nhập {} dòng vào bảng {}.", "{} rows imported into the table {}."),
    // The consolidated plan
    ("cli.province_format", "Định dạng «{}» không có cho kế hoạch tổng hợp; dùng docx, pdf hoặc xlsx.", "There is no format «{}» for the consolidated plan; use docx, pdf or xlsx."),
    ("cli.province_bar", "{msg} [{bar:30}] {pos}/{len} đơn vị ({elapsed})", "{msg} [{bar:30}] {pos}/{len} units ({elapsed})"),
    ("cli.province_gathering", "Đang tổng hợp", "Consolidating"),
    ("cli.province_writing", "Đang tạo tệp", "Writing the file"),
    ("cli.province_no_lead", "Chưa xác định được cơ quan chủ trì: cần ít nhất một tài khoản quản trị thuộc cơ quan đó.", "The lead agency is not known yet: it needs at least one administrator account of its own."),
    ("cli.province_done", "Đã tổng hợp {}/{} kế hoạch đã phê duyệt vào «{}»; chưa tổng hợp: {}.", "Consolidated {}/{} approved plans into «{}»; left out: {}."),
    ("cli.province_none_left_out", "không có", "none"),
];
