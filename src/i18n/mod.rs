//! Every user-visible text, in Vietnamese (first) and English, by key. One table keeps both
//! languages side by side, so a text can never exist in one language only.
//! A plain table rather than a translation framework: the product has two languages, no plural
//! forms in Vietnamese, and one placeholder `{}` at most.

use crate::domain::user::Language;

/// The typed tables' column labels and choices: many, and kept apart from the rest.
mod columns;
use std::collections::HashMap;
use std::sync::LazyLock;

/// (key, Vietnamese, English)
const TEXTS: &[(&str, &str, &str)] = &[
    // The product
    ("app.name", "Kế hoạch số", "Kế hoạch số"),
    ("app.tagline", "Kế hoạch ứng dụng CNTT, chính quyền số và an toàn thông tin mạng", "Plans for IT application, digital government and cybersecurity"),
    ("app.footer", "Kế hoạch số — hệ thống lập, thẩm định và tổng hợp kế hoạch chuyển đổi số của tỉnh", "Kế hoạch số — the province's system for writing, reviewing and consolidating digital transformation plans"),
    ("app.skip", "Bỏ qua đến nội dung chính", "Skip to main content"),
    // Navigation
    ("nav.home", "Trang chủ", "Home"),
    ("nav.units", "Đơn vị", "Org units"),
    ("nav.users", "Người dùng", "Users"),
    ("nav.audit", "Nhật ký", "Audit log"),
    ("nav.my_unit", "Đơn vị của tôi", "My unit"),
    ("nav.account", "Tài khoản", "Account"),
    ("nav.logout", "Đăng xuất", "Sign out"),
    ("nav.language", "Ngôn ngữ", "Language"),
    ("lang.vi", "Tiếng Việt", "Tiếng Việt"),
    ("lang.en", "English", "English"),
    // Roles and kinds
    ("role.admin", "Quản trị hệ thống", "Administrator"),
    ("role.reviewer", "Chuyên viên thẩm định", "Reviewer"),
    ("role.editor", "Cán bộ lập kế hoạch", "Editor"),
    ("role.leader", "Lãnh đạo đơn vị", "Agency leader"),
    ("role.viewer", "Người xem", "Viewer"),
    ("kind.province", "Tỉnh, thành phố", "Province or city"),
    ("kind.department", "Sở, ban, ngành", "Department or board"),
    ("kind.district", "Cấp huyện", "District level"),
    ("kind.commune", "Cấp xã", "Commune level"),
    ("kind.public_service", "Đơn vị sự nghiệp", "Public service unit"),
    ("kind.other", "Khác", "Other"),
    // Sign-in
    ("login.title", "Đăng nhập", "Sign in"),
    ("login.username", "Tên đăng nhập", "Username"),
    ("login.password", "Mật khẩu", "Password"),
    ("login.submit", "Đăng nhập", "Sign in"),
    ("login.failed", "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."),
    ("login.throttled", "Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau một giờ hoặc liên hệ quản trị hệ thống.", "Too many failed sign-ins. Try again in an hour or contact the administrator."),
    ("login.expired", "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.", "Your session has expired. Please sign in again."),
    ("login.logged_out", "Bạn đã đăng xuất.", "You have signed out."),
    ("login.no_account", "Chưa có tài khoản? Liên hệ quản trị hệ thống của Sở.", "No account? Ask the department's administrator."),
    // Home pages
    ("home.admin", "Quản trị hệ thống", "System administration"),
    ("home.reviewer", "Thẩm định kế hoạch", "Plan review"),
    ("home.editor", "Kế hoạch của đơn vị", "My agency's plans"),
    ("home.leader", "Kế hoạch của đơn vị", "My agency's plans"),
    ("home.viewer", "Tổng quan toàn tỉnh", "Province overview"),
    ("home.welcome", "Xin chào, {}", "Welcome, {}"),
    ("home.units_open", "Đơn vị đang hoạt động", "Units in force"),
    ("home.units_closed", "Đơn vị đã giải thể, sáp nhập", "Units closed or merged"),
    ("home.users_active", "Tài khoản đang hoạt động", "Active accounts"),
    ("home.recent", "Hoạt động gần đây", "Recent activity"),
    ("home.your_unit", "Đơn vị của bạn", "Your unit"),
    ("home.no_rounds", "Chưa có đợt lập kế hoạch nào đang mở. Khi Sở mở đợt, kế hoạch của đơn vị sẽ xuất hiện tại đây.", "No planning round is open yet. When the department opens one, your agency's plan appears here."),
    ("home.no_rounds_reviewer", "Chưa có đợt lập kế hoạch nào để thẩm định. Danh sách đơn vị tham gia được quản lý tại mục Đơn vị.", "No planning round to review yet. The participating units are managed under Org units."),
    ("home.units_by_kind", "Đơn vị theo loại", "Units by kind"),
    ("home.manage_units", "Quản lý đơn vị", "Manage org units"),
    ("home.manage_users", "Quản lý người dùng", "Manage users"),
    ("home.view_audit", "Xem nhật ký", "View audit log"),
    // Common words
    ("common.save", "Lưu", "Save"),
    ("common.cancel", "Hủy", "Cancel"),
    ("common.search", "Tìm kiếm", "Search"),
    ("common.filter", "Lọc", "Filter"),
    ("common.all", "Tất cả", "All"),
    ("common.edit", "Sửa", "Edit"),
    ("common.view", "Xem", "View"),
    ("common.back", "Quay lại", "Back"),
    ("common.yes", "Có", "Yes"),
    ("common.no", "Không", "No"),
    ("common.none", "—", "—"),
    ("common.actions", "Thao tác", "Actions"),
    ("common.status", "Trạng thái", "Status"),
    ("common.open", "Đang hoạt động", "In force"),
    ("common.closed", "Đã kết thúc", "Closed"),
    ("common.loading", "Đang tải…", "Loading…"),
    ("common.count", "{} kết quả", "{} results"),
    ("common.page", "Trang {}", "Page {}"),
    ("common.prev", "Trang trước", "Previous"),
    ("common.next", "Trang sau", "Next"),
    ("common.saved", "Đã lưu.", "Saved."),
    ("common.form_has_errors", "Vui lòng sửa các ô được đánh dấu bên dưới. Dữ liệu bạn đã nhập vẫn được giữ nguyên.", "Please correct the marked fields below. What you typed has been kept."),
    // Units
    ("units.title", "Danh mục đơn vị", "Org units"),
    ("units.new", "Thêm đơn vị", "New unit"),
    ("units.edit", "Sửa đơn vị", "Edit unit"),
    ("units.import", "Nhập từ tệp CSV", "Import CSV"),
    ("units.search_hint", "Mã, tên hoặc viết tắt (không cần dấu)", "Code, name or abbreviation (diacritics optional)"),
    ("units.include_closed", "Hiện cả đơn vị đã kết thúc", "Show closed units too"),
    ("units.empty", "Không có đơn vị nào phù hợp.", "No unit matches."),
    ("units.code", "Mã đơn vị", "Code"),
    ("units.name", "Tên đơn vị", "Name"),
    ("units.kind", "Loại đơn vị", "Kind"),
    ("units.parent", "Đơn vị cấp trên (mã)", "Parent unit (code)"),
    ("units.parent_short", "Cấp trên", "Parent"),
    ("units.valid_from", "Hiệu lực từ ngày", "In force from"),
    ("units.valid_to", "Hiệu lực đến hết ngày", "In force until (last day)"),
    ("units.valid_to_hint", "Để trống nếu đơn vị đang hoạt động. Để đóng hoặc sáp nhập đơn vị, dùng các nút trên trang đơn vị.", "Leave empty while the unit exists. To close or merge a unit, use the buttons on its page."),
    ("units.doc_names", "Tên dùng trên văn bản (Nghị định 30/2020/NĐ-CP)", "Names on documents (Decree 30/2020)"),
    ("units.parent_line", "Tên cơ quan chủ quản", "Parent body line"),
    ("units.parent_line_hint", "Ví dụ: UBND TỈNH QUẢNG NGÃI", "E.g. UBND TỈNH QUẢNG NGÃI"),
    ("units.issuer_line", "Tên cơ quan ban hành", "Issuing body line"),
    ("units.issuer_line_hint", "Ví dụ: SỞ Y TẾ", "E.g. SỞ Y TẾ"),
    ("units.abbreviation", "Chữ viết tắt trong số, ký hiệu", "Abbreviation in document symbols"),
    ("units.abbreviation_hint", "Ví dụ: SYT trong «Số: 05/KH-SYT»", "E.g. SYT in «Số: 05/KH-SYT»"),
    ("units.place_name", "Địa danh", "Place name"),
    ("units.place_name_hint", "Ví dụ: Quảng Ngãi (trong «Quảng Ngãi, ngày … tháng … năm …»)", "E.g. Quảng Ngãi (in the date line)"),
    ("units.children", "Đơn vị trực thuộc", "Subordinate units"),
    ("units.predecessors", "Đơn vị tiền thân (đã sáp nhập vào đơn vị này)", "Predecessors (merged into this unit)"),
    ("units.merged_into", "Đã sáp nhập vào", "Merged into"),
    ("units.split_from", "Tách ra từ", "Split from"),
    ("units.lineage", "Lịch sử, kế thừa", "Lineage"),
    ("units.users", "Tài khoản thuộc đơn vị", "Accounts of this unit"),
    ("units.close", "Kết thúc hoạt động", "Close unit"),
    ("units.close_help", "Đơn vị sẽ hết hiệu lực từ ngày thay đổi có hiệu lực (ngày cuối cùng là ngày hôm trước). Đơn vị không bị xóa: lịch sử vẫn được giữ.", "The unit stops existing from the effective date (its last day is the day before). Nothing is deleted: its history stays."),
    ("units.merge", "Sáp nhập vào đơn vị khác", "Merge into another unit"),
    ("units.merge_help", "Lịch sử của đơn vị được chuyển cho đơn vị kế thừa và vẫn tra cứu được từ đơn vị đó.", "The unit's history passes to its successor and stays reachable from it."),
    ("units.effective", "Ngày thay đổi có hiệu lực", "Effective date"),
    ("units.successor", "Đơn vị kế thừa (mã)", "Successor unit (code)"),
    ("units.closed_on", "Hết hiệu lực sau ngày {}", "Closed after {}"),
    ("units.created", "Đã thêm đơn vị.", "Unit created."),
    ("units.updated", "Đã lưu thay đổi của đơn vị.", "Unit saved."),
    ("units.closed_ok", "Đã kết thúc hoạt động của đơn vị.", "Unit closed."),
    ("units.merged_ok", "Đã sáp nhập đơn vị.", "Unit merged."),
    ("units.confirm_close", "Kết thúc hoạt động của đơn vị này?", "Close this unit?"),
    ("units.confirm_merge", "Sáp nhập đơn vị này vào đơn vị kế thừa?", "Merge this unit into its successor?"),
    ("units.profile", "Thông tin đơn vị", "Unit profile"),
    ("units.tree_path", "Thuộc", "Under"),
    // Unit import
    ("import.title", "Nhập danh mục đơn vị từ tệp CSV", "Import org units from CSV"),
    ("import.help", "Tệp CSV mã hóa UTF-8, dòng đầu là tiêu đề cột như tệp mẫu, phân cách bằng dấu phẩy hoặc dấu chấm phẩy. Đơn vị đã có mã sẽ được cập nhật, mã mới sẽ được thêm. Đơn vị cấp trên có thể là đơn vị đã có hoặc nằm ở dòng phía trên trong tệp.", "A UTF-8 CSV file whose first line holds the column names of the template, separated by commas or semicolons. Existing codes are updated, new codes are added. A parent may be an existing unit or one on an earlier line."),
    ("import.template", "Tải tệp mẫu", "Download template"),
    ("import.file", "Tệp CSV", "CSV file"),
    ("import.valid_only", "Chỉ nhập các dòng hợp lệ (bỏ qua dòng lỗi)", "Import only the valid rows (skip the bad ones)"),
    ("import.submit", "Nhập dữ liệu", "Import"),
    ("import.done", "Đã nhập: {}", "Imported: {}"),
    ("import.summary", "{} đơn vị được thêm, {} đơn vị được cập nhật.", "{} units created, {} updated."),
    ("import.refused", "Không nhập dòng nào vì tệp có lỗi. Sửa các dòng dưới đây rồi nhập lại, hoặc chọn chỉ nhập các dòng hợp lệ.", "Nothing was imported because the file has errors. Correct the rows below and try again, or choose to import only the valid rows."),
    ("import.skipped", "Các dòng sau bị bỏ qua:", "These rows were skipped:"),
    ("import.row", "Dòng", "Line"),
    ("import.column", "Cột", "Column"),
    ("import.problem", "Lỗi", "Problem"),
    ("import.err_no_file", "Chưa chọn tệp CSV.", "No CSV file was chosen."),
    ("import.err_too_big", "Tệp quá lớn (tối đa {}).", "The file is too large (at most {})."),
    ("import.err_encoding", "Tệp không phải văn bản UTF-8. Trong Excel, chọn «Lưu dưới dạng» → «CSV UTF-8».", "The file is not UTF-8 text. In Excel, use Save As → CSV UTF-8."),
    ("import.err_header", "Dòng tiêu đề không đúng mẫu. Cần các cột: {}", "The header line does not match the template. Expected columns: {}"),
    ("import.err_too_many_rows", "Tệp có quá nhiều dòng (tối đa {}).", "Too many rows (at most {})."),
    ("import.err_columns", "Số cột của dòng không khớp với dòng tiêu đề.", "The row's number of columns differs from the header."),
    ("import.err_empty", "Tệp không có dòng dữ liệu nào.", "The file has no data rows."),
    ("import.err_duplicate", "Mã đơn vị trùng với một dòng phía trên.", "The code repeats an earlier row."),
    // Users
    ("users.title", "Người dùng", "Users"),
    ("users.new", "Thêm người dùng", "New user"),
    ("users.edit", "Sửa người dùng", "Edit user"),
    ("users.username", "Tên đăng nhập", "Username"),
    ("users.username_hint", "3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang", "3–64 characters: a–z, digits, dot, underscore, hyphen"),
    ("users.display_name", "Họ và tên", "Full name"),
    ("users.role", "Vai trò", "Role"),
    ("users.unit", "Đơn vị", "Unit"),
    ("users.language", "Ngôn ngữ", "Language"),
    ("users.disabled", "Đã khóa", "Disabled"),
    ("users.active", "Đang hoạt động", "Active"),
    ("users.search_hint", "Tên đăng nhập, họ tên hoặc đơn vị", "Username, name or unit"),
    ("users.empty", "Không có người dùng nào phù hợp.", "No user matches."),
    ("users.disable", "Khóa tài khoản", "Disable"),
    ("users.enable", "Mở khóa", "Enable"),
    ("users.reset_password", "Cấp lại mật khẩu", "Reset password"),
    ("users.onetime", "Mật khẩu dùng một lần của «{}»", "One-time password for «{}»"),
    ("users.onetime_help", "Mật khẩu chỉ hiện một lần. Hãy chuyển cho người dùng qua kênh an toàn; người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.", "This password is shown only once. Hand it over safely; the user must change it at the first sign-in."),
    ("users.created", "Đã tạo tài khoản.", "Account created."),
    ("users.updated", "Đã lưu thay đổi của tài khoản.", "Account saved."),
    ("users.disabled_ok", "Đã khóa tài khoản và kết thúc mọi phiên làm việc của người dùng.", "Account disabled; all its sessions have ended."),
    ("users.enabled_ok", "Đã mở khóa tài khoản.", "Account enabled."),
    ("users.cannot_disable_self", "Bạn không thể tự khóa tài khoản của mình.", "You cannot disable your own account."),
    ("users.cannot_demote_self", "Bạn không thể tự đổi vai trò quản trị của mình.", "You cannot change your own administrator role."),
    ("users.confirm_disable", "Khóa tài khoản này? Mọi phiên làm việc của người dùng sẽ kết thúc ngay.", "Disable this account? All its sessions end at once."),
    ("users.confirm_reset", "Cấp mật khẩu mới? Mật khẩu hiện tại sẽ không dùng được nữa.", "Issue a new password? The current one stops working."),
    ("users.sessions", "Phiên đang mở", "Open sessions"),
    // Account
    ("account.title", "Tài khoản của tôi", "My account"),
    ("account.change_password", "Đổi mật khẩu", "Change password"),
    ("account.must_change", "Bạn đang dùng mật khẩu dùng một lần. Hãy đặt mật khẩu mới để tiếp tục.", "You are using a one-time password. Choose a new password to continue."),
    ("account.current_password", "Mật khẩu hiện tại", "Current password"),
    ("account.new_password", "Mật khẩu mới", "New password"),
    ("account.new_password_hint", "Từ 8 đến 128 ký tự; nên dùng một cụm từ dài, dễ nhớ với bạn nhưng khó đoán với người khác.", "8 to 128 characters; a long phrase that you remember and others cannot guess is best."),
    ("account.confirm_password", "Nhập lại mật khẩu mới", "Repeat the new password"),
    ("account.password_changed", "Đã đổi mật khẩu. Các phiên làm việc khác của bạn đã được kết thúc.", "Password changed. Your other sessions have ended."),
    // Audit
    ("audit.title", "Nhật ký hệ thống", "Audit log"),
    ("audit.at", "Thời điểm", "When"),
    ("audit.actor", "Người thực hiện", "Who"),
    ("audit.action", "Hành động", "Action"),
    ("audit.object", "Đối tượng", "Object"),
    ("audit.before", "Trước", "Before"),
    ("audit.after", "Sau", "After"),
    ("audit.kind", "Loại đối tượng", "Object kind"),
    ("audit.from", "Từ ngày", "From"),
    ("audit.to", "Đến ngày", "To"),
    ("audit.empty", "Không có sự kiện nào phù hợp.", "No event matches."),
    ("audit.kind.org_unit", "Đơn vị", "Org unit"),
    ("audit.kind.user", "Người dùng", "User"),
    ("audit.kind.session", "Phiên đăng nhập", "Session"),
    ("audit.kind.system", "Hệ thống", "System"),
    ("action.unit", "Đơn vị (mọi thay đổi)", "Units (all changes)"),
    ("action.unit.create", "Thêm đơn vị", "Unit created"),
    ("action.unit.update", "Sửa đơn vị", "Unit changed"),
    ("action.unit.close", "Kết thúc đơn vị", "Unit closed"),
    ("action.unit.merge", "Sáp nhập đơn vị", "Unit merged"),
    ("action.user", "Người dùng (mọi thay đổi)", "Users (all changes)"),
    ("action.user.create", "Tạo tài khoản", "Account created"),
    ("action.user.update", "Sửa tài khoản", "Account changed"),
    ("action.user.disable", "Khóa tài khoản", "Account disabled"),
    ("action.user.enable", "Mở khóa tài khoản", "Account enabled"),
    ("action.user.reset_password", "Cấp lại mật khẩu", "Password reset"),
    ("action.user.change_password", "Đổi mật khẩu", "Password changed"),
    ("action.user.language", "Đổi ngôn ngữ", "Language changed"),
    ("action.auth", "Đăng nhập, đăng xuất", "Sign-ins and sign-outs"),
    ("action.auth.login", "Đăng nhập", "Signed in"),
    ("action.auth.logout", "Đăng xuất", "Signed out"),
    ("action.demo.load", "Nạp dữ liệu mẫu", "Demo data loaded"),

    // Frameworks
    ("frameworks.title", "Khung kế hoạch", "Frameworks"),
    ("frameworks.help", "Khung kế hoạch là dàn ý, hướng dẫn và biểu mẫu mà Sở gửi các cơ quan, đơn vị. Khung đã ban hành không thay đổi; muốn sửa, hãy tạo phiên bản mới.", "A framework is the outline, guidance and forms the department sends the agencies. A published framework never changes; to edit one, make a new version."),
    ("frameworks.code", "Mã khung", "Code"),
    ("frameworks.version", "Phiên bản", "Version"),
    ("frameworks.period", "Giai đoạn", "Period"),
    ("frameworks.name", "Tên khung", "Title"),
    ("frameworks.draft", "Bản nháp", "Draft"),
    ("frameworks.published", "Đã ban hành", "Published"),
    ("frameworks.publish", "Ban hành", "Publish"),
    ("frameworks.confirm_publish", "Ban hành phiên bản này? Sau khi ban hành, khung không sửa được nữa.", "Publish this version? Once published it cannot change."),
    ("frameworks.clone", "Tạo phiên bản mới từ khung này", "New version from this one"),
    ("frameworks.cloned", "Đã tạo phiên bản nháp mới. Sửa các mục rồi ban hành.", "A new draft version was made. Edit its sections, then publish it."),
    ("frameworks.published_help", "Khung này đã ban hành nên không sửa trực tiếp được. Để thay đổi, hãy tạo phiên bản mới.", "This framework is published and cannot be edited. Make a new version to change it."),
    ("frameworks.guidance", "Hướng dẫn", "Guidance"),
    ("frameworks.guidance_hint", "Mỗi đoạn cách nhau một dòng trống.", "Separate paragraphs with a blank line."),
    ("frameworks.table", "Biểu mẫu", "Form"),
    ("frameworks.optional", "Chỉ mô tả nếu có", "Only if applicable"),
    ("frameworks.optional_hint", "Mục này chỉ mô tả nếu có (không bắt buộc)", "Describe this section only if it applies (optional)"),
    ("frameworks.edit_node", "Sửa mục của khung", "Edit a framework section"),
    ("frameworks.move_up", "Chuyển lên trên", "Move up"),
    ("frameworks.move_down", "Chuyển xuống dưới", "Move down"),
    ("frameworks.delete", "Xóa mục", "Remove"),
    ("frameworks.confirm_delete", "Xóa mục này cùng mọi mục con của nó khỏi bản nháp?", "Remove this section and everything under it from the draft?"),
    ("frameworks.add_child", "Thêm mục con", "Add a subsection"),
    ("frameworks.add", "Thêm", "Add"),
    ("frameworks.add_needs_title", "Mục mới cần có tên.", "A new section needs a title."),
    ("frameworks.kind", "Loại mục", "Kind of section"),
    ("frameworks.english", "Bản tiếng Anh (hiện cho người dùng chọn tiếng Anh)", "English (shown to users who chose English)"),
    ("frameworks.title_en", "Tên mục bằng tiếng Anh", "Title in English"),
    ("frameworks.guidance_en", "Hướng dẫn bằng tiếng Anh", "Guidance in English"),
    ("frameworks.numbering", "Số thứ tự", "Numbering"),
    ("frameworks.node_title", "Tên mục", "Title"),
    ("node.heading", "Đề mục", "Heading"),
    ("node.narrative", "Nội dung", "Text"),
    ("node.checklist", "Danh mục nội dung", "Checklist"),
    ("node.checklist_item", "Nội dung trọng tâm", "Focus item"),
    ("node.table_only", "Biểu mẫu", "Form only"),
    ("table.infrastructure", "Hạ tầng kỹ thuật", "Infrastructure"),
    ("table.databases_national", "CSDL quốc gia", "National databases"),
    ("table.databases_central", "CSDL/HTTT chuyên ngành của bộ, ngành", "Central sectoral databases"),
    ("table.databases_provincial", "CSDL/HTTT chuyên ngành của tỉnh", "Provincial databases"),
    ("table.applications", "Ứng dụng nội bộ", "Internal applications"),
    ("table.online_services", "Dịch vụ công trực tuyến", "Online public services"),
    ("table.human_resources", "Nguồn nhân lực", "Human resources"),
    ("table.information_systems", "Hệ thống thông tin và cấp độ", "Information systems and security levels"),
    ("table.four_layer", "Mô hình 4 lớp", "The 4-layer model"),
    ("table.security_activities", "Hoạt động bảo đảm an toàn thông tin", "Security activities"),
    ("table.past_funding", "Kinh phí giai đoạn trước", "Past funding"),
    ("table.legal_basis", "Căn cứ pháp lý", "Legal basis"),
    ("table.indicators", "Chỉ tiêu", "Indicators"),
    ("table.roadmap", "Lộ trình", "Roadmap"),
    ("table.funding", "Kinh phí theo nguồn và năm", "Funding by source and year"),
    ("table.tasks", "Danh mục nhiệm vụ, dự án", "Tasks and projects"),
    // Legal documents
    ("legal.title", "Danh mục văn bản áp dụng", "Legal documents to apply"),
    ("legal.help", "Các văn bản mà khung kế hoạch yêu cầu căn cứ, kèm văn bản triển khai của tỉnh nếu có.", "The documents frameworks ask plans to rest on, with the province's implementing document where there is one."),
    ("legal.of_framework", "Văn bản áp dụng của khung này (Phụ lục III)", "This framework's legal documents (Appendix III)"),
    ("legal.search_hint", "Số hiệu, cơ quan ban hành hoặc trích yếu", "Number, issuer or title"),
    ("legal.number", "Số, ký hiệu", "Number"),
    ("legal.document", "Văn bản", "Document"),
    ("legal.province_document", "Văn bản triển khai của tỉnh", "Province's implementing document"),
    ("legal.empty", "Không có văn bản nào phù hợp.", "No document matches."),
    ("legal.in_force", "Còn hiệu lực", "In force"),
    ("legal.amended", "Đã sửa đổi, bổ sung", "Amended"),
    ("legal.replaced", "Đã được thay thế", "Replaced"),
    ("legal.repealed", "Hết hiệu lực", "Repealed"),
    ("action.legal_catalog.install", "Cài đặt danh mục văn bản", "Legal documents installed"),
    // Rounds
    ("rounds.title", "Đợt lập kế hoạch", "Planning rounds"),
    ("rounds.new", "Mở đợt lập kế hoạch", "Open a round"),
    ("rounds.create", "Mở đợt", "Open the round"),
    ("rounds.created", "Đã mở đợt; mỗi đơn vị tham gia đã có bản kế hoạch nháp.", "The round is open; each participating unit has a draft plan."),
    ("rounds.empty", "Chưa có đợt nào.", "No round yet."),
    ("rounds.code", "Mã đợt", "Code"),
    ("rounds.code_hint", "Ví dụ: KH-2026-2030 hoặc KH-2027", "E.g. KH-2026-2030 or KH-2027"),
    ("rounds.name", "Tên đợt", "Title"),
    ("rounds.kind", "Loại kế hoạch", "Kind of plan"),
    ("rounds.framework", "Khung kế hoạch", "Framework"),
    ("rounds.period_start", "Từ năm", "From year"),
    ("rounds.period_end", "Đến năm", "To year"),
    ("rounds.period_end_hint", "Kế hoạch năm chỉ cần năm bắt đầu.", "An annual plan needs the first year only."),
    ("rounds.evaluation", "đánh giá", "evaluating"),
    ("rounds.evaluation_start", "Đánh giá từ năm", "Evaluate from year"),
    ("rounds.evaluation_end", "Đánh giá đến năm", "Evaluate to year"),
    ("rounds.cutoff", "Thời điểm chốt số liệu", "Data cut-off date"),
    ("rounds.cutoff_hint", "Số liệu «cập nhật từ … đến thời điểm báo cáo» tính từ ngày này.", "Figures \"updated since …\" count from this date."),
    ("rounds.deadline", "Hạn nộp", "Deadline"),
    ("rounds.units", "Đơn vị tham gia", "Participating units"),
    ("rounds.units_hint", "Chọn cả nhóm hoặc từng đơn vị; chỉ đơn vị còn hoạt động vào thời điểm chốt số liệu được tham gia.", "Pick whole groups or single units; only units in force on the data cut-off date take part."),
    ("rounds.every", "Tất cả:", "Every:"),
    ("rounds.plans", "Kế hoạch của các đơn vị", "The units' plans"),
    ("rounds.last_change", "Thay đổi gần nhất", "Last change"),
    ("plan_kind.five_year", "Kế hoạch 5 năm", "Five-year plan"),
    ("plan_kind.annual", "Kế hoạch năm", "Annual plan"),
    ("plan_status.draft", "Đang soạn", "Draft"),
    ("plan_status.submitted", "Đã nộp", "Submitted"),
    ("plan_status.returned", "Trả lại để chỉnh sửa", "Returned"),
    ("plan_status.approved", "Đã phê duyệt", "Approved"),
    // The plan editor
    ("plan.outline", "Dàn ý kế hoạch", "Plan outline"),
    ("plan.progress", "Đã có nội dung {} mục", "{} sections answered"),
    ("plan.optional", "Mục này chỉ mô tả nếu có.", "Describe this section only if it applies."),
    ("plan.formatting", "Định dạng", "Formatting"),
    ("plan.not_applicable", "Mục này không áp dụng cho đơn vị", "This section does not apply to the unit"),
    ("plan.reason", "Lý do không áp dụng", "Why it does not apply"),
    ("plan.last_saved", "Lưu lần cuối", "Last saved"),
    ("plan.saved_at", "Đã lưu lúc", "Saved at"),
    ("plan.unsaved", "Có thay đổi chưa lưu…", "Unsaved changes…"),
    ("plan.offline", "Không kết nối được máy chủ; nội dung vẫn được giữ trên máy này và sẽ lưu khi có kết nối.", "The server cannot be reached; your text is kept on this computer and will be saved when the connection returns."),
    ("plan.saving", "Đang lưu…", "Saving…"),
    ("plan.no_guidance", "Mục này không có hướng dẫn riêng.", "This section has no guidance of its own."),
    ("plan.nothing_to_write", "Khung này không có mục nội dung nào cho loại kế hoạch này.", "This framework has no text section for this kind of plan."),
    ("plan.locked_department", "Chỉ cơ quan, đơn vị lập kế hoạch được sửa nội dung; Sở xem và góp ý.", "Only the agency writes its plan; the department reads and comments."),
    ("plan.locked_submitted", "Kế hoạch đã nộp, đang chờ thẩm định: nội dung tạm khóa.", "The plan has been submitted and awaits review: it is locked."),
    ("plan.locked_approved", "Kế hoạch đã được phê duyệt: nội dung đã khóa.", "The plan is approved: it is locked."),
    ("plan.locked_other", "Bạn không sửa được kế hoạch này.", "You cannot edit this plan."),
    ("plan.draft_found", "Trên máy này còn một bản nháp chưa lưu của mục này (ví dụ khi phiên làm việc hết hạn lúc đang soạn).", "This computer holds an unsaved draft of this section (for example from a session that expired while typing)."),
    ("plan.draft_restore", "Khôi phục bản nháp", "Restore the draft"),
    ("plan.draft_discard", "Bỏ bản nháp", "Discard the draft"),
    ("plan.conflict_title", "Người khác vừa lưu mục này trước bạn.", "Someone else saved this section before you."),
    ("plan.conflict_help", "Nội dung của bạn chưa bị ghi đè và vẫn nằm trong ô soạn thảo. So sánh hai bản rồi chọn.", "Your text was not overwritten and is still in the editor. Compare the two and choose."),
    ("plan.conflict_theirs", "Bản đã lưu", "The saved version"),
    ("plan.conflict_mine", "Bản của bạn", "Your version"),
    ("plan.conflict_mine_help", "Bản của bạn vẫn ở trong ô soạn thảo phía dưới, chưa lưu.", "Your version is still in the editor below, not saved."),
    ("plan.conflict_keep_mine", "Lưu bản của tôi thay cho bản đã lưu", "Save mine over the saved version"),
    ("plan.conflict_take_theirs", "Dùng bản đã lưu (bỏ thay đổi của tôi)", "Use the saved version (drop my changes)"),
    ("plan.conflict_nojs", "Bản của bạn ở trong ô soạn thảo dưới đây; bấm Lưu sẽ thay thế bản đã lưu.", "Your version is in the editor below; saving replaces the saved version."),
    ("section.heading", "Đề mục", "Heading"),
    ("section.empty", "Chưa có nội dung", "Empty"),
    ("section.filled", "Đã có nội dung", "Filled"),
    ("section.na", "Không áp dụng", "Not applicable"),
    ("rte.bold", "Đậm", "Bold"),
    ("rte.italic", "Nghiêng", "Italic"),
    ("rte.underline", "Gạch chân", "Underline"),
    ("rte.bullets", "Danh sách gạch đầu dòng", "Bulleted list"),
    ("rte.numbers", "Danh sách đánh số", "Numbered list"),
    ("rte.table", "Chèn bảng", "Insert a table"),
    ("nav.frameworks", "Khung kế hoạch", "Frameworks"),
    ("nav.rounds", "Đợt lập kế hoạch", "Rounds"),
    ("home.your_plans", "Kế hoạch của đơn vị", "Your unit's plans"),
    ("home.open_plan", "Mở kế hoạch", "Open"),
    ("action.framework.install", "Cài đặt khung có sẵn", "Built-in framework installed"),
    ("action.framework.clone", "Tạo phiên bản khung", "Framework version made"),
    ("action.framework.edit", "Sửa khung", "Framework edited"),
    ("action.framework.publish", "Ban hành khung", "Framework published"),
    ("action.round.create", "Mở đợt lập kế hoạch", "Round opened"),
    ("action.plan_section.save", "Lưu nội dung kế hoạch", "Plan section saved"),
    ("err.choose_plan_kind", "Chọn loại kế hoạch.", "Choose the kind of plan."),
    ("err.choose_units", "Chọn ít nhất một đơn vị tham gia.", "Pick at least one participating unit."),
    ("err.unit_not_in_force", "Có đơn vị không tồn tại hoặc không hoạt động vào thời điểm chốt số liệu.", "A unit does not exist or is not in force on the cut-off date."),
    ("err.evaluation_both", "Nhập cả năm bắt đầu và năm kết thúc của giai đoạn đánh giá, hoặc bỏ trống cả hai.", "Give both years of the evaluated period, or neither."),
    ("err.framework_draft", "Khung này chưa ban hành; chỉ khung đã ban hành mới dùng được cho một đợt.", "This framework is not published; only published frameworks can be used by a round."),
    ("err.framework_published", "Khung đã ban hành không sửa được; hãy tạo phiên bản mới.", "A published framework cannot change; make a new version."),
    ("err.round_code_taken", "Mã đợt này đã được dùng.", "This round code is taken."),
    ("err.section_too_long", "Nội dung mục quá dài (tối đa khoảng {} nghìn ký tự).", "The section is too long (at most about {} thousand characters)."),
    ("err.unknown_framework", "Không có khung kế hoạch này.", "No such framework."),
    ("err.year", "Năm không hợp lệ (từ 2000 đến 2100).", "Not a valid year (2000 to 2100)."),
    ("err.year_order", "Năm kết thúc phải từ năm bắt đầu trở đi.", "The last year cannot precede the first."),
    ("error.conflict", "Đối tượng đang ở trạng thái không cho phép thao tác này.", "The object's state does not allow this."),
    ("finding.section_empty", "Mục bắt buộc chưa có nội dung (hoặc chưa đánh dấu không áp dụng kèm lý do).", "A required section is empty (or not marked not applicable with a reason)."),
    ("meta.title", "Thông tin văn bản", "Document details"),
    ("meta.help", "Các thông tin này in ở phần đầu và phần cuối văn bản kế hoạch theo Nghị định 30/2020/NĐ-CP.", "These details go into the header and the closing of the plan document (Decree 30/2020)."),
    ("meta.doc_number", "Số văn bản", "Document number"),
    ("meta.doc_number_hint", "Chỉ phần số; ký hiệu lấy theo đơn vị.", "The number only; the symbol comes from the unit."),
    ("meta.doc_place", "Địa danh", "Place"),
    ("meta.doc_date", "Ngày ban hành", "Date"),
    ("meta.signer_authority", "Thẩm quyền ký", "Signing authority"),
    ("meta.signer_authority_hint", "Ví dụ: KT. GIÁM ĐỐC (để trống nếu người đứng đầu ký)", "E.g. KT. GIÁM ĐỐC (empty when the head signs)"),
    ("meta.signer_title", "Chức vụ người ký", "Signer's title"),
    ("meta.signer_title_hint", "Ví dụ: PHÓ GIÁM ĐỐC", "E.g. PHÓ GIÁM ĐỐC"),
    ("meta.signer_name", "Họ tên người ký", "Signer's name"),
    ("meta.recipients", "Nơi nhận", "Recipients"),
    ("meta.recipients_hint", "Mỗi nơi nhận một dòng, ví dụ «- Sở Khoa học và Công nghệ;» … «- Lưu: VT, KHTC.»", "One a line, e.g. «- Sở Khoa học và Công nghệ;» … «- Lưu: VT, KHTC.»"),
    ("meta.preview", "Số, ký hiệu sẽ in", "Number and symbol as printed"),
    ("meta.conflict", "Người khác đã lưu thông tin văn bản trong lúc bạn sửa. Những gì bạn nhập vẫn ở dưới đây; bấm Lưu để thay bản kia, hoặc tải lại trang để xem bản kia.", "Someone else saved these details while you were editing. What you typed is below; save to replace theirs, or reload to see theirs."),
    ("err.doc_number", "Số văn bản chỉ gồm chữ số.", "The number holds digits only."),
    ("action.plan_meta.save", "Sửa thông tin văn bản", "Document details changed"),
    ("plan.others_here", "Đang mở kế hoạch này:", "Also on this plan:"),
    ("finding.security_share_plan", "Kinh phí bảo đảm an toàn thông tin mạng chỉ bằng {}% kinh phí ứng dụng CNTT của kế hoạch (tối thiểu 10%).", "Security spending is only {}% of the plan's IT spending (at least 10%)."),
    ("finding.security_share_year", "Kinh phí bảo đảm an toàn thông tin mạng trong năm chỉ bằng {}% kinh phí ứng dụng CNTT (tối thiểu 10%).", "Security spending in the year is only {}% of IT spending (at least 10%)."),
    ("finding.security_share_project", "Dự án CNTT này dành {}% kinh phí cho an toàn thông tin mạng (nên tối thiểu 10%).", "This IT project spends {}% on security (at least 10% is expected)."),
    ("err.amount", "Số tiền không hợp lệ. Nhập theo dạng 1.250,5 (triệu đồng).", "Not a valid amount. Use the form 1.250,5 (million đồng)."),
    ("err.amount_precision", "Số tiền chỉ lấy tối đa ba chữ số thập phân (nghìn đồng).", "Amounts take at most three decimals (thousand đồng)."),
    ("err.amount_large", "Số tiền quá lớn.", "The amount is too large."),
    ("task_group.1", "Hoàn thiện môi trường pháp lý", "The legal environment"),
    ("task_group.2", "Phát triển hạ tầng kỹ thuật", "Technical infrastructure"),
    ("task_group.3", "Phát triển các hệ thống nền tảng", "Platforms"),
    ("task_group.4", "Phát triển cơ sở dữ liệu", "Databases"),
    ("task_group.5", "Phát triển các ứng dụng, dịch vụ", "Applications and services"),
    ("task_group.6", "Bảo đảm an toàn thông tin", "Information security"),
    ("task_group.7", "Phát triển nguồn nhân lực", "Human resources"),
    ("err.task_outside_period", "Năm kết thúc phải nằm trong giai đoạn của kế hoạch.", "The last year must lie within the plan's period."),
    ("err.task_starts_before", "Nhiệm vụ bắt đầu trước giai đoạn phải được đánh dấu là chuyển tiếp.", "A task starting before the period must be marked as continuing."),
    ("err.choose_task_group", "Chọn nhóm nhiệm vụ.", "Choose a task group."),
    ("err.amount_negative", "Số tiền không được âm.", "An amount cannot be negative."),
    ("err.security_above_amount", "Kinh phí an toàn thông tin không thể lớn hơn kinh phí của năm.", "Security spending cannot exceed the year's spending."),
    ("err.amounts_sum", "Tổng kinh phí phải bằng tổng các năm ({} triệu đồng).", "The total must equal the sum of the years ({} million đồng)."),
    ("tasks.title", "Nhiệm vụ, dự án", "Task or project"),
    ("tasks.new", "Thêm nhiệm vụ, dự án", "Add a task or project"),
    ("tasks.edit", "Nhiệm vụ, dự án", "Task or project"),
    ("tasks.unit_hint", "Đơn vị tính: triệu đồng", "In million đồng"),
    ("tasks.no", "TT", "No."),
    ("tasks.name", "Danh mục nhiệm vụ, dự án", "Task or project"),
    ("tasks.lead_unit", "Đơn vị chủ trì", "Lead unit"),
    ("tasks.objective", "Mục tiêu đầu tư", "Objective"),
    ("tasks.source", "Nguồn vốn", "Funding source"),
    ("tasks.legal_basis", "Căn cứ pháp lý", "Legal basis"),
    ("tasks.start_year", "Năm bắt đầu", "First year"),
    ("tasks.end_year", "Năm kết thúc", "Last year"),
    ("tasks.time", "Thời gian triển khai", "Years"),
    ("tasks.total", "Tổng mức dự kiến", "Estimated total"),
    ("tasks.group", "Nhóm nhiệm vụ", "Task group"),
    ("tasks.continuing", "Dự án chuyển tiếp từ giai đoạn trước", "Continuing from the last period"),
    ("tasks.continuing_short", "chuyển tiếp", "continuing"),
    ("tasks.amounts_caption", "Kinh phí theo năm và phần dành cho an toàn thông tin mạng (triệu đồng)", "Spending per year and its part for information security (million đồng)"),
    ("tasks.amount", "Kinh phí", "Spending"),
    ("tasks.security", "Trong đó an toàn thông tin", "Of which security"),
    ("tasks.by_year", "Kinh phí theo năm", "By year"),
    ("tasks.sum", "Tổng cộng", "Total"),
    ("tasks.security_by_year", "Trong đó an toàn thông tin", "Of which security"),
    ("tasks.share", "Tỷ lệ kinh phí an toàn thông tin mạng trên tổng kinh phí: {}% (tối thiểu 10%).", "Security spending as a share of the total: {}% (at least 10%)."),
    ("tasks.empty", "Chưa có nhiệm vụ, dự án nào.", "No task or project yet."),
    ("tasks.delete", "Xóa nhiệm vụ, dự án", "Delete"),
    ("tasks.confirm_delete", "Xóa nhiệm vụ, dự án này khỏi kế hoạch?", "Delete this task or project from the plan?"),
    ("tasks.conflict", "Người khác đã sửa dòng này trong lúc bạn sửa. Những gì bạn nhập vẫn ở dưới đây; bấm Lưu để thay bản kia, hoặc quay lại để xem bản kia.", "Someone else changed this row while you were editing. What you typed is below; save to replace theirs, or go back to see theirs."),
    ("section.table", "Biểu mẫu", "Form"),
    ("action.plan_row.create", "Thêm dòng bảng", "Table row added"),
    ("action.plan_row.update", "Sửa dòng bảng", "Table row changed"),
    ("action.plan_row.delete", "Xóa dòng bảng", "Table row deleted"),
    ("action.plan_row.move", "Đổi thứ tự dòng bảng", "Table row moved"),
    ("action.catalog_entry.install", "Cài đặt danh mục", "Catalog installed"),
    ("action.catalog_entry.create", "Thêm mục danh mục", "Catalog entry added"),
    ("action.catalog_entry.update", "Sửa mục danh mục", "Catalog entry changed"),
    ("nav.catalogs", "Danh mục", "Catalogs"),
    ("catalogs.title", "Danh mục dùng chung", "Catalogs"),
    ("catalogs.help", "Các danh mục mà bảng số liệu của kế hoạch chọn từ đó. Mỗi mục có ngày áp dụng; mục hết hiệu lực vẫn đọc được trong kế hoạch cũ.", "The catalogs that plans' tables pick from. Each entry applies from a date; retired entries stay readable in old plans."),
    ("catalogs.catalog", "Danh mục", "Catalog"),
    ("catalogs.entries", "Số mục", "Entries"),
    ("catalogs.in_force", "Đang áp dụng", "In force"),
    ("catalogs.new", "Thêm mục", "Add an entry"),
    ("catalogs.edit", "Sửa mục", "Edit the entry"),
    ("catalogs.code", "Mã", "Code"),
    ("catalogs.code_hint", "Mã giữ nguyên qua các lần đổi tên: thêm một mục cùng mã với ngày áp dụng mới để đổi cách gọi.", "A code stays the same across wordings: add an entry with the same code and a new start date to change its wording."),
    ("catalogs.name", "Tên", "Name"),
    ("catalogs.name_en", "Tên tiếng Anh", "English name"),
    ("catalogs.valid_from", "Áp dụng từ ngày", "Applies from"),
    ("catalogs.valid_to", "Đến ngày", "Until"),
    ("catalogs.valid_to_hint", "Để trống khi còn áp dụng.", "Leave empty while it applies."),
    ("catalogs.source", "Căn cứ", "Source"),
    ("catalogs.unit", "Đơn vị tính", "Unit"),
    ("catalogs.direction", "Chiều mong muốn", "Desired direction"),
    ("catalogs.target", "Mục tiêu quốc gia", "National target"),
    ("catalogs.target_year", "Năm đạt mục tiêu", "Target year"),
    ("catalogs.status_in_force", "Đang áp dụng", "In force"),
    ("catalogs.status_future", "Chưa áp dụng", "Not yet in force"),
    ("catalogs.status_retired", "Hết hiệu lực", "Retired"),
    ("catalog.funding_source", "Nguồn vốn", "Funding sources"),
    ("catalog.task_group", "Nhóm nhiệm vụ", "Task groups"),
    ("catalog.solution_group", "Nhóm giải pháp", "Solution groups"),
    ("catalog.focus_item", "Nội dung trọng tâm của kế hoạch năm", "Focus items of the annual plan"),
    ("catalog.security_level", "Cấp độ an toàn hệ thống thông tin", "Information system security levels"),
    ("catalog.layer", "Mô hình 4 lớp", "The 4-layer model"),
    ("catalog.indicator", "Chỉ tiêu và mục tiêu quốc gia", "Indicators and national targets"),
    ("table.budget", "Tổng dự toán ngân sách của đơn vị theo năm", "The unit's total budget by year"),
    ("tables.new_row", "thêm dòng", "new row"),
    ("tables.add_row", "Thêm dòng", "Add a row"),
    ("tables.open_row", "Mở", "Open"),
    ("tables.delete_row", "Xóa dòng", "Delete the row"),
    ("tables.move_up", "Chuyển lên", "Move up"),
    ("tables.move_down", "Chuyển xuống", "Move down"),
    ("tables.actions", "Thao tác", "Actions"),
    ("tables.empty", "Chưa có dòng nào.", "No rows yet."),
    ("tables.save_record", "Lưu số liệu", "Save the figures"),
    ("err.more_than_whole", "Không được lớn hơn tổng số ({}).", "Cannot exceed the total ({})."),
    ("err.online_above_procedures", "Số dịch vụ trực tuyến toàn trình và một phần cộng lại không được vượt tổng số thủ tục ({}).", "Full and partial online services together cannot exceed the procedures ({})."),
    ("err.qualified_above_staff", "Tổng số theo trình độ không được vượt số cán bộ chuyên trách ({}).", "Staff by qualification cannot exceed the full-time staff ({})."),
    ("err.approval_date_needed", "Đã có số quyết định thì cần tháng/năm phê duyệt.", "With a decision number, give the month of approval."),
    ("err.document_or_citation", "Chọn một văn bản trong danh mục hoặc ghi trích dẫn văn bản.", "Choose a document from the catalog or write its citation."),
    ("err.year_outside_period", "Năm phải nằm trong giai đoạn của kế hoạch.", "The year must lie within the plan's period."),
    ("err.count", "Nhập một số nguyên, ví dụ 120.", "Enter a whole number, such as 120."),
    ("err.count_negative", "Số lượng không được âm.", "A count cannot be negative."),
    ("err.percent", "Tỷ lệ phải từ 0 đến 100.", "A percentage lies between 0 and 100."),
    ("err.choice", "Chọn một giá trị trong danh sách.", "Choose a value from the list."),
    ("err.month_year", "Nhập tháng/năm theo dạng 03/2024.", "Enter the month as 03/2024."),
    ("err.date_future", "Ngày này chưa đến.", "This date is in the future."),
    ("err.catalog_code_taken", "Mã này đã có trong danh mục từ cùng ngày.", "This code is already in the catalog from the same date."),
    ("finding.system_unapproved", "Hệ thống cấp độ {} chưa được phê duyệt hồ sơ đề xuất cấp độ.", "A level {} system without an approved security level."),
    ("finding.indicator_direction", "Chỉ tiêu năm {} đi ngược hướng mong muốn so với giá trị hiện trạng.", "The target for {} moves the wrong way from the baseline."),
    ("finding.indicator_national", "Chỉ tiêu chưa đạt mục tiêu quốc gia ({}).", "The target falls short of the national target ({})."),
    ("finding.layer_not_started", "Lớp {} của mô hình 4 lớp chưa triển khai.", "Layer {} of the 4-layer model has not started."),
    ("finding.dg_budget_share", "Kinh phí chính quyền số chỉ bằng {}% tổng dự toán ngân sách của đơn vị (tối thiểu 1%).", "Digital-government spending is only {}% of the unit's budget (at least 1%)."),
    ("finding.annual_above_five_year", "Kinh phí theo nguồn vượt mức của kế hoạch 5 năm cho năm này ({} triệu đồng).", "Funding from this source exceeds the five-year plan's amount for the year ({} million)."),
    ("plan.readiness", "Những việc cần làm trước khi nộp", "Before submitting"),
    ("plan.ready", "Không còn mục bắt buộc nào thiếu nội dung.", "No required section is missing."),
    ("plan.findings_count", "{} vấn đề cần xử lý", "{} problems to fix"),
    // Field errors
    ("err.required", "Không được để trống.", "Required."),
    ("err.too_long", "Dài quá {} ký tự.", "Longer than {} characters."),
    ("err.control_chars", "Có ký tự điều khiển không hợp lệ.", "Contains invalid control characters."),
    ("err.code_chars", "Chỉ dùng chữ cái không dấu, số và các dấu . - _", "Use only letters a–z, digits and . - _"),
    ("err.code_taken", "Mã này đã được dùng cho đơn vị khác.", "This code is already used by another unit."),
    ("err.choose_kind", "Chọn loại đơn vị.", "Choose a kind."),
    ("err.choose_role", "Chọn vai trò.", "Choose a role."),
    ("err.choose_unit", "Chọn đơn vị.", "Choose a unit."),
    ("err.parent_self", "Đơn vị không thể là cấp trên của chính nó.", "A unit cannot be its own parent."),
    ("err.parent_cycle", "Đơn vị cấp trên này nằm dưới chính đơn vị đang sửa.", "That parent lies under the unit itself."),
    ("err.unknown_unit", "Không có đơn vị nào mang mã này.", "No unit has this code."),
    ("err.unknown_open_unit", "Không có đơn vị đang hoạt động nào mang mã này.", "No unit in force has this code."),
    ("err.date", "Ngày không hợp lệ. Nhập theo dạng 31/12/2025 hoặc 2025-12-31.", "Not a valid date. Use 31/12/2025 or 2025-12-31."),
    ("err.date_order", "Ngày kết thúc phải sau ngày bắt đầu.", "The end date must follow the start date."),
    ("err.abbreviation", "Chữ viết tắt không chứa dấu cách hay dấu /.", "The abbreviation cannot hold spaces or /."),
    ("err.unit_already_closed", "Đơn vị này đã kết thúc hoạt động.", "This unit is already closed."),
    ("err.close_before_start", "Ngày có hiệu lực phải sau ngày đơn vị bắt đầu hoạt động.", "The effective date must follow the unit's start."),
    ("err.unit_has_open_children", "Đơn vị còn đơn vị trực thuộc đang hoạt động; hãy xử lý các đơn vị đó trước.", "The unit still has subordinate units in force; deal with them first."),
    ("err.merge_into_self", "Không thể sáp nhập đơn vị vào chính nó.", "A unit cannot merge into itself."),
    ("err.successor_not_open", "Đơn vị kế thừa không hoạt động vào ngày có hiệu lực.", "The successor is not in force on the effective date."),
    ("err.username_length", "Tên đăng nhập dài từ 3 đến 64 ký tự.", "A username has 3 to 64 characters."),
    ("err.username_chars", "Chỉ dùng chữ thường không dấu, số và các dấu . _ -", "Use only a–z, digits and . _ -"),
    ("err.username_taken", "Tên đăng nhập này đã có người dùng.", "This username is taken."),
    ("err.password_short", "Mật khẩu phải có ít nhất 8 ký tự.", "A password needs at least 8 characters."),
    ("err.password_long", "Mật khẩu dài tối đa 128 ký tự.", "A password has at most 128 characters."),
    ("err.password_common", "Mật khẩu quá phổ biến hoặc dễ đoán. Hãy chọn một cụm từ dài hơn, ít gặp hơn.", "This password is too common or easy to guess. Choose a longer, less usual phrase."),
    ("err.password_mismatch", "Hai mật khẩu mới không giống nhau.", "The two new passwords differ."),
    ("err.password_wrong", "Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    ("err.password_same", "Mật khẩu mới phải khác mật khẩu hiện tại.", "The new password must differ from the current one."),
    // Error pages
    ("error.title", "Có lỗi xảy ra", "Something went wrong"),
    ("error.not_found", "Không tìm thấy trang hoặc đối tượng bạn yêu cầu.", "The page or object you asked for does not exist."),
    ("error.forbidden", "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."),
    ("error.csrf", "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại; dữ liệu trên trang trước vẫn còn khi bạn quay lại.", "The form has expired or is not valid. Reload the page and try again."),
    ("error.bad_request", "Yêu cầu không hợp lệ.", "The request is not valid."),
    ("error.too_large", "Dữ liệu gửi lên quá lớn.", "What was sent is too large."),
    ("error.internal", "Hệ thống gặp sự cố khi xử lý yêu cầu. Sự cố đã được ghi lại; vui lòng thử lại sau.", "The system failed to handle the request. The failure was logged; please try again later."),
    ("error.unavailable", "Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.", "The database is not answering. Please try again in a few minutes."),
    ("error.home", "Về trang chủ", "Back to home"),
];

static CATALOG: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| all().map(|(k, vi, en)| (*k, (*vi, *en))).collect());

/// Every key of the catalog, for tests.
fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    TEXTS.iter().chain(columns::TEXTS)
}

pub fn keys() -> impl Iterator<Item = &'static str> {
    all().map(|(k, _, _)| *k)
}

pub fn has(key: &str) -> bool {
    CATALOG.contains_key(key)
}

/// The text of `key` in `lang`. An unknown key shows itself, so a missing text is visible
/// rather than blank (and a test checks that every key the code uses exists).
pub fn text(lang: Language, key: &str) -> &'static str {
    match CATALOG.get(key) {
        Some((vi, en)) => match lang {
            Language::Vi => vi,
            Language::En => en,
        },
        None => {
            tracing::warn!(text.key = key, "text key missing from the catalog");
            CATALOG.get("error.title").map(|(vi, _)| *vi).unwrap_or("?")
        }
    }
}

/// The text of `key` with each `{}` replaced by the next argument.
pub fn text_with(lang: Language, key: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = text(lang, key).split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(args.next().copied().unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_are_filled() {
        let mut seen = std::collections::HashSet::new();
        for (key, vi, en) in all() {
            assert!(seen.insert(key), "duplicate key {key}");
            assert!(
                !vi.trim().is_empty() && !en.trim().is_empty(),
                "{key} is empty"
            );
            assert_eq!(
                vi.matches("{}").count(),
                en.matches("{}").count(),
                "{key} placeholders"
            );
        }
    }

    /// Every key that templates and code name exists: a key is any string literal made of a
    /// known prefix, a dot and lower-case words.
    #[test]
    fn every_key_used_in_templates_and_code_is_in_the_catalog() {
        const PREFIXES: &[&str] = &[
            "app.",
            "nav.",
            "lang.",
            "role.",
            "kind.",
            "login.",
            "home.",
            "common.",
            "units.",
            "import.",
            "users.",
            "account.",
            "audit.",
            "err.",
            "error.",
            "frameworks.",
            "rounds.",
            "plan.",
            "plan_kind.",
            "plan_status.",
            "section.",
            "node.",
            "rte.",
            "table.",
            "finding.",
            "meta.",
            "task_group.",
            "tasks.",
            "tables.",
            "catalogs.",
            "catalog.",
            "legal.",
        ];
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("readable folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("src"), &mut paths);
        files(&root.join("templates"), &mut paths);
        let mut missing = Vec::new();
        for path in paths.iter().filter(|p| !p.ends_with("i18n.rs")) {
            let text = std::fs::read_to_string(path).expect("readable file");
            for literal in text.split('"').skip(1).step_by(2) {
                let is_key = PREFIXES.iter().any(|p| literal.starts_with(p))
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                    && !literal.ends_with('.')
                    && ![".html", ".css", ".js", ".csv", ".svg"]
                        .iter()
                        .any(|e| literal.ends_with(e));
                if is_key && !has(literal) {
                    missing.push(format!("{}: {literal}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalog:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(
            text_with(Language::Vi, "import.summary", &["3", "2"]),
            "3 đơn vị được thêm, 2 đơn vị được cập nhật."
        );
        assert_eq!(
            text_with(Language::En, "home.welcome", &["Lan"]),
            "Welcome, Lan"
        );
    }
}
