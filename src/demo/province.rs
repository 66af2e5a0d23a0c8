//! The demo province's org units: Quảng Ngãi as the 2020 framework knew it (its departments,
//! boards and the districts and towns of 2020), and the 2025 reorganisation as lineage.

use crate::domain::org_unit::{DocumentNames, OrgUnitInput, OrgUnitKind};
use chrono::NaiveDate;

const PROVINCE_LINE: &str = "UBND TỈNH QUẢNG NGÃI";
const PLACE: &str = "Quảng Ngãi";

/// (code, name, issuer line, abbreviation, valid from)
const DEPARTMENTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "VPUBND",
        "Văn phòng UBND tỉnh",
        "VĂN PHÒNG",
        "VPUB",
        "1989-07-01",
    ),
    (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "STTTT",
        "2008-04-01",
    ),
    (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "SKHCN",
        "1989-07-01",
    ),
    ("SNV", "Sở Nội vụ", "SỞ NỘI VỤ", "SNV", "1989-07-01"),
    ("STP", "Sở Tư pháp", "SỞ TƯ PHÁP", "STP", "1989-07-01"),
    (
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "SKHĐT",
        "1989-07-01",
    ),
    ("STC", "Sở Tài chính", "SỞ TÀI CHÍNH", "STC", "1989-07-01"),
    (
        "SCT",
        "Sở Công Thương",
        "SỞ CÔNG THƯƠNG",
        "SCT",
        "2008-04-01",
    ),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "SNNPTNT",
        "1989-07-01",
    ),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "STNMT",
        "2003-07-01",
    ),
    (
        "SGTVT",
        "Sở Giao thông vận tải",
        "SỞ GIAO THÔNG VẬN TẢI",
        "SGTVT",
        "1989-07-01",
    ),
    ("SXD", "Sở Xây dựng", "SỞ XÂY DỰNG", "SXD", "1989-07-01"),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "SLĐTBXH",
        "1989-07-01",
    ),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "SVHTTDL",
        "2008-04-01",
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "SGDĐT",
        "1989-07-01",
    ),
    ("SYT", "Sở Y tế", "SỞ Y TẾ", "SYT", "1989-07-01"),
    ("SNGV", "Sở Ngoại vụ", "SỞ NGOẠI VỤ", "SNgV", "2008-04-01"),
    (
        "TTRA",
        "Thanh tra tỉnh",
        "THANH TRA TỈNH",
        "TTr",
        "1989-07-01",
    ),
    (
        "BDT",
        "Ban Dân tộc tỉnh",
        "BAN DÂN TỘC",
        "BDT",
        "1989-07-01",
    ),
    (
        "BQLKKT",
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
        "BAN QUẢN LÝ KHU KINH TẾ DUNG QUẤT VÀ CÁC KHU CÔNG NGHIỆP QUẢNG NGÃI",
        "BQL",
        "2010-01-01",
    ),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "SNNMT",
        "2025-03-01",
    ),
    (
        "SDTTG",
        "Sở Dân tộc và Tôn giáo",
        "SỞ DÂN TỘC VÀ TÔN GIÁO",
        "SDTTG",
        "2025-03-01",
    ),
];

/// Agencies of the central level in the province that the framework names (kind "other").
const OTHERS: &[(&str, &str, &str, &str)] = &[
    ("CAT", "Công an tỉnh", "CÔNG AN TỈNH QUẢNG NGÃI", "CAT"),
    (
        "BHXH",
        "Bảo hiểm xã hội tỉnh",
        "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI",
        "BHXH",
    ),
];

/// The district-level units of 2020: (code, name, issuer line, place).
const DISTRICTS: &[(&str, &str, &str, &str)] = &[
    (
        "TPQN",
        "Thành phố Quảng Ngãi",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI",
        "Quảng Ngãi",
    ),
    (
        "TXDP",
        "Thị xã Đức Phổ",
        "ỦY BAN NHÂN DÂN THỊ XÃ ĐỨC PHỔ",
        "Đức Phổ",
    ),
    (
        "HBS",
        "Huyện Bình Sơn",
        "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
        "Bình Sơn",
    ),
    (
        "HSTI",
        "Huyện Sơn Tịnh",
        "ỦY BAN NHÂN DÂN HUYỆN SƠN TỊNH",
        "Sơn Tịnh",
    ),
    (
        "HTNG",
        "Huyện Tư Nghĩa",
        "ỦY BAN NHÂN DÂN HUYỆN TƯ NGHĨA",
        "Tư Nghĩa",
    ),
    (
        "HNH",
        "Huyện Nghĩa Hành",
        "ỦY BAN NHÂN DÂN HUYỆN NGHĨA HÀNH",
        "Nghĩa Hành",
    ),
    (
        "HMD",
        "Huyện Mộ Đức",
        "ỦY BAN NHÂN DÂN HUYỆN MỘ ĐỨC",
        "Mộ Đức",
    ),
    ("HBT", "Huyện Ba Tơ", "ỦY BAN NHÂN DÂN HUYỆN BA TƠ", "Ba Tơ"),
    (
        "HML",
        "Huyện Minh Long",
        "ỦY BAN NHÂN DÂN HUYỆN MINH LONG",
        "Minh Long",
    ),
    (
        "HSH",
        "Huyện Sơn Hà",
        "ỦY BAN NHÂN DÂN HUYỆN SƠN HÀ",
        "Sơn Hà",
    ),
    (
        "HSTA",
        "Huyện Sơn Tây",
        "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY",
        "Sơn Tây",
    ),
    (
        "HTB",
        "Huyện Trà Bồng",
        "ỦY BAN NHÂN DÂN HUYỆN TRÀ BỒNG",
        "Trà Bồng",
    ),
    (
        "HLS",
        "Huyện Lý Sơn",
        "ỦY BAN NHÂN DÂN HUYỆN LÝ SƠN",
        "Lý Sơn",
    ),
];

/// Communes, wards and the special zone formed on 01/07/2025: (code, name, issuer line, place).
const COMMUNES: &[(&str, &str, &str, &str)] = &[
    (
        "PCTHANH",
        "Phường Cẩm Thành",
        "ỦY BAN NHÂN DÂN PHƯỜNG CẨM THÀNH",
        "Cẩm Thành",
    ),
    (
        "PNLO",
        "Phường Nghĩa Lộ",
        "ỦY BAN NHÂN DÂN PHƯỜNG NGHĨA LỘ",
        "Nghĩa Lộ",
    ),
    (
        "PTQT",
        "Phường Trương Quang Trọng",
        "ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG",
        "Trương Quang Trọng",
    ),
    (
        "PDPHO",
        "Phường Đức Phổ",
        "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC PHỔ",
        "Đức Phổ",
    ),
    (
        "XBSON",
        "Xã Bình Sơn",
        "ỦY BAN NHÂN DÂN XÃ BÌNH SƠN",
        "Bình Sơn",
    ),
    (
        "DKLS",
        "Đặc khu Lý Sơn",
        "ỦY BAN NHÂN DÂN ĐẶC KHU LÝ SƠN",
        "Lý Sơn",
    ),
    (
        "PKTUM",
        "Phường Kon Tum",
        "ỦY BAN NHÂN DÂN PHƯỜNG KON TUM",
        "Kon Tum",
    ),
];

/// The 2025 lineage: (unit, successor or empty for a plain closure, effective date).
pub(super) const CHANGES: &[(&str, &str, &str)] = &[
    ("STTTT", "SKHCN", "2025-03-01"),
    ("SKHDT", "STC", "2025-03-01"),
    ("SGTVT", "SXD", "2025-03-01"),
    ("SLDTBXH", "SNV", "2025-03-01"),
    ("SNNPTNT", "SNNMT", "2025-03-01"),
    ("STNMT", "SNNMT", "2025-03-01"),
    ("BDT", "SDTTG", "2025-03-01"),
    ("SNGV", "VPUBND", "2025-03-01"),
    ("KTM", "QNG", "2025-07-01"),
    ("TPQN", "", "2025-07-01"),
    ("TXDP", "", "2025-07-01"),
    ("HBS", "", "2025-07-01"),
    ("HSTI", "", "2025-07-01"),
    ("HTNG", "", "2025-07-01"),
    ("HNH", "", "2025-07-01"),
    ("HMD", "", "2025-07-01"),
    ("HBT", "", "2025-07-01"),
    ("HML", "", "2025-07-01"),
    ("HSH", "", "2025-07-01"),
    ("HSTA", "", "2025-07-01"),
    ("HTB", "", "2025-07-01"),
    ("HLS", "DKLS", "2025-07-01"),
];

pub(super) fn date(text: &str) -> NaiveDate {
    crate::domain::text::parse_date(text).unwrap_or_default()
}

fn unit(
    code: &str,
    name: &str,
    kind: OrgUnitKind,
    parent: Option<&str>,
    from: &str,
    doc: DocumentNames,
) -> OrgUnitInput {
    OrgUnitInput {
        code: code.to_string(),
        name: name.to_string(),
        kind,
        parent_code: parent.map(str::to_string),
        valid_from: date(from),
        valid_to: None,
        doc,
    }
}

fn doc(parent_line: &str, issuer_line: &str, abbreviation: &str, place: &str) -> DocumentNames {
    DocumentNames {
        parent_line: parent_line.to_string(),
        issuer_line: issuer_line.to_string(),
        abbreviation: abbreviation.to_string(),
        place_name: place.to_string(),
    }
}

/// Every demo unit, parents before children.
pub fn units() -> Vec<OrgUnitInput> {
    let mut all = vec![
        unit(
            "QNG",
            "Tỉnh Quảng Ngãi",
            OrgUnitKind::Province,
            None,
            "1989-07-01",
            doc("", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "UBND", PLACE),
        ),
        unit(
            "KTM",
            "Tỉnh Kon Tum",
            OrgUnitKind::Province,
            None,
            "1991-08-12",
            doc("", "ỦY BAN NHÂN DÂN TỈNH KON TUM", "UBND", "Kon Tum"),
        ),
    ];
    all.extend(DEPARTMENTS.iter().map(|(code, name, issuer, abbr, from)| {
        unit(
            code,
            name,
            OrgUnitKind::Department,
            Some("QNG"),
            from,
            doc(PROVINCE_LINE, issuer, abbr, PLACE),
        )
    }));
    all.extend(OTHERS.iter().map(|(code, name, issuer, abbr)| {
        unit(
            code,
            name,
            OrgUnitKind::Other,
            Some("QNG"),
            "1989-07-01",
            doc("", issuer, abbr, PLACE),
        )
    }));
    all.extend(DISTRICTS.iter().map(|(code, name, issuer, place)| {
        unit(
            code,
            name,
            OrgUnitKind::District,
            Some("QNG"),
            "1989-07-01",
            doc(PROVINCE_LINE, issuer, "UBND", place),
        )
    }));
    all.extend(COMMUNES.iter().map(|(code, name, issuer, place)| {
        unit(
            code,
            name,
            OrgUnitKind::Commune,
            Some("QNG"),
            "2025-07-01",
            doc(PROVINCE_LINE, issuer, "UBND", place),
        )
    }));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org_unit::OrgUnitForm;

    #[test]
    fn every_demo_unit_passes_the_unit_rules() {
        for u in units() {
            let form = OrgUnitForm {
                code: u.code.clone(),
                name: u.name.clone(),
                kind: u.kind.code().into(),
                parent_code: u.parent_code.clone().unwrap_or_default(),
                valid_from: u.valid_from.to_string(),
                valid_to: String::new(),
                parent_line: u.doc.parent_line.clone(),
                issuer_line: u.doc.issuer_line.clone(),
                abbreviation: u.doc.abbreviation.clone(),
                place_name: u.doc.place_name.clone(),
            };
            assert_eq!(OrgUnitInput::try_from(&form), Ok(u.clone()), "{}", u.code);
        }
    }

    #[test]
    fn every_change_names_demo_units() {
        let codes: Vec<String> = units().into_iter().map(|u| u.code).collect();
        for (code, successor, _) in CHANGES {
            assert!(codes.iter().any(|c| c == code), "{code}");
            assert!(
                successor.is_empty() || codes.iter().any(|c| c == successor),
                "{successor}"
            );
        }
    }
}
