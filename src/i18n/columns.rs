//! The labels of the typed tables' columns (`col.TABLE.COLUMN`), of their computed figures and
//! of their fixed choices (`choice.CODE`), in Vietnamese and English.

/// (key, Vietnamese, English)
pub const TEXTS: &[(&str, &str, &str)] = &[
    // Infrastructure (Part I.II)
    (
        "col.infrastructure.computers",
        "Số lượng máy tính",
        "Computers",
    ),
    ("col.infrastructure.staff", "Số CBCCVC", "Staff"),
    (
        "col.infrastructure.subordinate_units",
        "Số đơn vị trực thuộc",
        "Subordinate units",
    ),
    (
        "col.infrastructure.units_lan",
        "Số đơn vị trực thuộc có mạng LAN",
        "Units with a LAN",
    ),
    (
        "col.infrastructure.units_internet",
        "Số đơn vị trực thuộc kết nối Internet tốc độ cao",
        "Units with high-speed Internet",
    ),
    (
        "col.infrastructure.units_wan",
        "Số đơn vị trực thuộc kết nối WAN",
        "Units connected to the WAN",
    ),
    (
        "col.infrastructure.units_tslcd",
        "Số đơn vị sử dụng Mạng truyền số liệu chuyên dùng",
        "Units on the dedicated data network",
    ),
    (
        "col.infrastructure.data_center",
        "Có Trung tâm dữ liệu/Cụm thiết bị máy chủ",
        "Data center or server room",
    ),
    (
        "col.infrastructure.data_center_note",
        "Ghi chú về Trung tâm dữ liệu/Cụm thiết bị máy chủ",
        "Data center note",
    ),
    (
        "col.infrastructure.computers_per_staff",
        "Tỷ lệ máy tính/CBCCVC",
        "Computers per staff member",
    ),
    // Databases: national, central sectoral and provincial (Part I.III)
    ("col.db.name", "Tên CSDL/HTTT", "Database or system"),
    ("col.db.owner", "Cơ quan chủ quản", "Owner agency"),
    ("col.db.address", "Địa chỉ truy cập", "Access address"),
    ("col.db.records_total", "Tổng số bản ghi", "Total records"),
    (
        "col.db.records_updated",
        "Số bản ghi cập nhật từ ngày chốt số liệu",
        "Records updated since the cut-off date",
    ),
    (
        "col.db.units_targeted",
        "Số đơn vị dự kiến sử dụng",
        "Units expected to use it",
    ),
    (
        "col.db.units_using",
        "Số đơn vị đang sử dụng",
        "Units using it",
    ),
    // Internal applications (Part I.IV)
    (
        "col.applications.name",
        "Tên ứng dụng, dịch vụ",
        "Application or service",
    ),
    ("col.applications.purpose", "Mục đích sử dụng", "Purpose"),
    ("col.applications.users", "Đối tượng sử dụng", "Users"),
    // Online public services (Part I.IV)
    (
        "col.online_services.procedures_total",
        "Tổng số thủ tục hành chính",
        "Administrative procedures",
    ),
    (
        "col.online_services.full_online",
        "Số DVC trực tuyến toàn trình",
        "Fully online services",
    ),
    (
        "col.online_services.partial_online",
        "Số DVC trực tuyến một phần",
        "Partly online services",
    ),
    (
        "col.online_services.dossiers_total",
        "Tổng số hồ sơ tiếp nhận",
        "Dossiers received",
    ),
    (
        "col.online_services.dossiers_online",
        "Số hồ sơ tiếp nhận trực tuyến",
        "Dossiers received online",
    ),
    (
        "col.online_services.online_share",
        "Tỷ lệ hồ sơ xử lý trực tuyến (%)",
        "Dossiers processed online (%)",
    ),
    (
        "col.online_services.full_online_share",
        "Tỷ lệ DVC trực tuyến toàn trình (%)",
        "Fully online services (%)",
    ),
    // Human resources (Part I.V)
    (
        "col.human_resources.it_unit",
        "Bộ phận chuyên trách CNTT/ATTT",
        "IT and security unit",
    ),
    (
        "col.human_resources.it_staff",
        "Số cán bộ chuyên trách CNTT",
        "Full-time IT staff",
    ),
    (
        "col.human_resources.postgraduate",
        "Trên đại học",
        "Postgraduate",
    ),
    (
        "col.human_resources.university",
        "Đại học",
        "University degree",
    ),
    (
        "col.human_resources.college",
        "Cao đẳng, trung cấp",
        "College or vocational",
    ),
    (
        "col.human_resources.security_staff",
        "Số cán bộ chuyên trách, phụ trách ATTT",
        "Security staff",
    ),
    (
        "col.human_resources.trained",
        "Số cán bộ được đào tạo, tập huấn CNTT/ATTT",
        "Staff trained in IT or security",
    ),
    // Information systems and security levels (Part I.VI)
    (
        "col.information_systems.name",
        "Tên hệ thống thông tin",
        "Information system",
    ),
    (
        "col.information_systems.managing_unit",
        "Đơn vị quản lý",
        "Managing unit",
    ),
    ("col.information_systems.level", "Cấp độ", "Security level"),
    (
        "col.information_systems.approved",
        "Tháng/năm phê duyệt cấp độ",
        "Level approved (month/year)",
    ),
    (
        "col.information_systems.decision",
        "Số quyết định phê duyệt",
        "Approval decision no.",
    ),
    (
        "col.information_systems.meets_minimum",
        "Đáp ứng yêu cầu tối thiểu (TCVN 11930:2017)",
        "Meets the minimum requirements (TCVN 11930:2017)",
    ),
    // The 4-layer model (Part I.VI)
    (
        "col.four_layer.layer1",
        "Lớp 1 — Lực lượng tại chỗ",
        "Layer 1 — On-site staff",
    ),
    (
        "col.four_layer.layer1_provider",
        "Lớp 1 — Đơn vị cung cấp/thực hiện",
        "Layer 1 — Provider",
    ),
    (
        "col.four_layer.layer2",
        "Lớp 2 — Giám sát, bảo vệ chuyên nghiệp",
        "Layer 2 — Professional monitoring and protection",
    ),
    (
        "col.four_layer.layer2_provider",
        "Lớp 2 — Đơn vị cung cấp/thực hiện",
        "Layer 2 — Provider",
    ),
    (
        "col.four_layer.layer3",
        "Lớp 3 — Kiểm tra, đánh giá độc lập định kỳ",
        "Layer 3 — Periodic independent inspection",
    ),
    (
        "col.four_layer.layer3_provider",
        "Lớp 3 — Đơn vị cung cấp/thực hiện",
        "Layer 3 — Provider",
    ),
    (
        "col.four_layer.layer4",
        "Lớp 4 — Kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia",
        "Layer 4 — Sharing with the national monitoring system",
    ),
    (
        "col.four_layer.layer4_provider",
        "Lớp 4 — Đơn vị cung cấp/thực hiện",
        "Layer 4 — Provider",
    ),
    // Security activities (Part I.VI)
    (
        "col.security_activities.systems_inspected",
        "Số HTTT được kiểm tra, đánh giá ATTT trong giai đoạn",
        "Systems inspected in the period",
    ),
    (
        "col.security_activities.inspected_by_decree",
        "Trong đó: kiểm tra định kỳ theo Nghị định 85/2016/NĐ-CP và Thông tư 03/2017/TT-BTTTT",
        "Of which inspected per Decree 85/2016 and Circular 03/2017",
    ),
    (
        "col.security_activities.devices_protected",
        "Số máy chủ, máy trạm cài đặt phần mềm phòng, chống mã độc",
        "Servers and workstations with anti-malware",
    ),
    (
        "col.security_activities.systems_monitored",
        "Số HTTT chia sẻ thông tin với Trung tâm Giám sát an toàn không gian mạng quốc gia",
        "Systems sharing data with the national monitoring centre",
    ),
    (
        "col.security_activities.malware_campaigns",
        "Số chiến dịch bóc gỡ mã độc đã tham gia",
        "Malware removal campaigns joined",
    ),
    (
        "col.security_activities.incidents",
        "Số vụ tấn công mạng, sự cố được ghi nhận",
        "Attacks and incidents recorded",
    ),
    (
        "col.security_activities.awareness",
        "Số hoạt động tuyên truyền, nâng cao nhận thức ATTT",
        "Awareness activities",
    ),
    (
        "col.security_activities.drills",
        "Số lượt đào tạo, tập huấn, diễn tập ATTT",
        "Trainings and drills",
    ),
    (
        "col.security_activities.response_plan",
        "Có kế hoạch ứng phó sự cố",
        "Incident response plan",
    ),
    (
        "col.security_activities.response_team",
        "Có đội ứng cứu sự cố",
        "Incident response team",
    ),
    // Past funding (Part I.VII)
    (
        "col.past_funding.name",
        "Tên nhiệm vụ, dự án",
        "Task or project",
    ),
    ("col.past_funding.objective", "Mục tiêu", "Objective"),
    (
        "col.past_funding.total",
        "Tổng mức đầu tư",
        "Total investment",
    ),
    (
        "col.past_funding.security",
        "Trong đó: kinh phí ATTT",
        "Of which security",
    ),
    (
        "col.past_funding.security_only",
        "Dự án chuyên biệt về ATTT",
        "Security-only project",
    ),
    (
        "col.past_funding.source",
        "Nguồn vốn đầu tư",
        "Funding source",
    ),
    ("col.past_funding.time", "Thời gian thực hiện", "Time"),
    (
        "col.past_funding.result",
        "Hiệu quả/hiện trạng",
        "Result or status",
    ),
    // Legal basis (Part II.I)
    (
        "col.legal_basis.document",
        "Văn bản trong danh mục",
        "Catalog document",
    ),
    (
        "col.legal_basis.citation",
        "Trích dẫn (số, ký hiệu, trích yếu)",
        "Citation (number, title)",
    ),
    // Indicators (Part II.III)
    (
        "col.indicators.indicator",
        "Chỉ tiêu trong danh mục",
        "Catalog indicator",
    ),
    ("col.indicators.name", "Tên chỉ tiêu", "Indicator"),
    ("col.indicators.unit", "Đơn vị tính", "Unit"),
    (
        "col.indicators.direction",
        "Xu hướng mong muốn",
        "Desired direction",
    ),
    ("col.indicators.baseline", "Giá trị hiện trạng", "Baseline"),
    ("col.indicators.target", "Mục tiêu năm", "Target"),
    (
        "col.indicators.actual",
        "Giá trị thực hiện gần nhất",
        "Latest actual value",
    ),
    (
        "col.indicators.national_target",
        "Chỉ tiêu quốc gia tương ứng",
        "National target it answers",
    ),
    // Roadmap (Part II.VI)
    ("col.roadmap.year", "Năm", "Year"),
    ("col.roadmap.results", "Kết quả dự kiến", "Expected results"),
    // Funding by source and year (Part II.VII)
    ("col.funding.source", "Nguồn vốn", "Funding source"),
    ("col.funding.capital", "Loại chi", "Spending type"),
    ("col.funding.amounts", "Kinh phí", "Amount"),
    (
        "col.funding.security",
        "Trong đó: bảo đảm ATTT",
        "Of which security",
    ),
    // The unit's total budget, beside the funding (Part II.V.3)
    (
        "col.budget.total_budget",
        "Tổng dự toán ngân sách của đơn vị",
        "Unit's total budget",
    ),
    // Tasks and projects (Part II.IX)
    (
        "col.tasks.name",
        "Danh mục nhiệm vụ, dự án",
        "Task or project",
    ),
    ("col.tasks.lead_unit", "Đơn vị chủ trì", "Lead unit"),
    ("col.tasks.objective", "Mục tiêu đầu tư", "Objective"),
    ("col.tasks.continuing", "Dự án chuyển tiếp", "Continuing"),
    ("col.tasks.start_year", "Năm bắt đầu", "First year"),
    ("col.tasks.end_year", "Năm kết thúc", "Last year"),
    ("col.tasks.total", "Tổng mức dự kiến", "Estimated total"),
    ("col.tasks.source", "Nguồn vốn", "Funding source"),
    ("col.tasks.task_group", "Nhóm nhiệm vụ", "Task group"),
    (
        "col.tasks.focus_items",
        "Nội dung trọng tâm thực hiện (a, b, …)",
        "Focus items served (a, b, …)",
    ),
    ("col.tasks.legal_basis", "Căn cứ pháp lý", "Legal basis"),
    ("col.tasks.amounts", "Kinh phí năm", "Annual spending"),
    (
        "col.tasks.security",
        "Kinh phí bảo đảm ATTT",
        "Security spending",
    ),
    (
        "col.tasks.security_share",
        "Tỷ lệ kinh phí ATTT (%)",
        "Security share (%)",
    ),
    // Fixed choices
    ("choice.done", "Đã triển khai", "Done"),
    ("choice.in_progress", "Đang triển khai", "In progress"),
    ("choice.not_started", "Chưa triển khai", "Not started"),
    ("choice.up", "Tăng", "Up"),
    ("choice.down", "Giảm", "Down"),
    (
        "choice.investment",
        "Chi đầu tư phát triển",
        "Development investment",
    ),
    ("choice.recurrent", "Chi thường xuyên", "Recurrent spending"),
];
