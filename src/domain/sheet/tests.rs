//! The sheets both ways: columns, headers, formulas, limits, zip bombs and kinds.

use super::grid::cell_name;
use super::*;
use std::io::Cursor;

fn columns(list: &str) -> Vec<SheetColumn> {
    sheet_columns(list, &[2026, 2027]).expect("list")
}

fn csv(list: &str, body: &str) -> String {
    let header: Vec<String> = columns(list).iter().map(|c| header_cell("x", c)).collect();
    format!("{}\n{body}", header.join(","))
}

#[test]
fn the_lists_have_their_columns_and_the_databases_a_kind() {
    let fields = |list| {
        columns(list)
            .into_iter()
            .map(|c| c.field)
            .collect::<Vec<_>>()
    };
    assert_eq!(fields("databases")[0], "kind");
    assert!(fields("projects").contains(&"amounts_2027".to_string()));
    assert!(fields("indicators").contains(&"target_2026".to_string()));
    assert_eq!(fields("systems")[0], "name");
    assert!(sheet_columns("salaries", &[2026]).is_none());
}

#[test]
fn headers_match_on_the_code_in_any_order_and_wrong_headers_are_refused() {
    let header = "Tên (name),Đơn vị (managing_unit),Cấp độ (level),approved,decision,meets_minimum";
    let (read, errors) = read(
        "systems",
        &columns("systems"),
        Format::Csv,
        format!("{header}\nCổng,VP,3,,,có\n").as_bytes(),
    )
    .expect("reads");
    assert!(errors.is_empty());
    assert_eq!(read[0].form["level"], "3");
    assert_eq!(read[0].form["meets_minimum"], "1");
    let swapped = "level,name,managing_unit,approved,decision,meets_minimum\n3,Cổng,VP,,,\n";
    assert_eq!(
        super::read(
            "systems",
            &columns("systems"),
            Format::Csv,
            swapped.as_bytes()
        )
        .expect("reads")
        .0[0]
            .form["name"],
        "Cổng"
    );
    for wrong in [
        "name,level\nA,3\n",
        "name,managing_unit,level,approved,decision,meets_minimum,salary\n",
        "name,name,level,approved,decision,meets_minimum\n",
    ] {
        let e = super::read(
            "systems",
            &columns("systems"),
            Format::Csv,
            wrong.as_bytes(),
        )
        .expect_err("wrong header");
        assert_eq!(e.key, "import.err_header");
    }
}

#[test]
fn formulas_are_refused_and_neutralized_text_comes_back_as_typed() {
    let body = "Cổng,=SUM(A1:A9),3,,,\n'-Nội bộ,VP,3,,,\n";
    let (read, errors) = read(
        "systems",
        &columns("systems"),
        Format::Csv,
        csv("systems", body).as_bytes(),
    )
    .expect("reads");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column.as_str(), errors[0].key),
        (2, "managing_unit", "import.err_formula")
    );
    assert_eq!(read[0].form["name"], "-Nội bộ");
    assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(neutralize("@cmd"), "'@cmd");
    assert_eq!(neutralize("Cổng"), "Cổng");
}

#[test]
fn mis_encoded_oversized_and_overlong_files_are_refused_before_rows_are_read() {
    let latin1 = b"name,managing_unit,level,approved,decision,meets_minimum\nC\xf4ng,VP,3,,,\n";
    assert_eq!(
        read("systems", &columns("systems"), Format::Csv, latin1)
            .expect_err("latin-1")
            .key,
        "import.err_encoding"
    );
    let big = vec![b'a'; MAX_BYTES + 1];
    assert_eq!(
        read("systems", &columns("systems"), Format::Csv, &big)
            .expect_err("big")
            .key,
        "import.err_too_big"
    );
    let many = csv("systems", &"A,B,3,,,\n".repeat(MAX_ROWS + 1));
    assert_eq!(
        read("systems", &columns("systems"), Format::Csv, many.as_bytes())
            .expect_err("rows")
            .key,
        "import.err_too_many_rows"
    );
    let long = csv("systems", &format!("{},B,3,,,\n", "a".repeat(MAX_CELL + 1)));
    let (_, errors) =
        read("systems", &columns("systems"), Format::Csv, long.as_bytes()).expect("reads");
    assert_eq!(errors[0].key, "import.err_cell_long");
}

#[test]
fn a_zip_bomb_is_refused_by_what_it_unpacks_to() {
    use std::io::Write;
    let mut buffer = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options)
            .expect("entry");
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..21 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    let bytes = buffer.into_inner();
    assert!(bytes.len() < MAX_BYTES, "small on disk: {}", bytes.len());
    let e = read("systems", &columns("systems"), Format::Xlsx, &bytes).expect_err("bomb");
    assert_eq!(e.key, "import.err_zip_size");
    let e = read("systems", &columns("systems"), Format::Xlsx, b"not a zip").expect_err("junk");
    assert_eq!(e.key, "import.err_not_xlsx");
}

#[test]
fn databases_go_to_the_table_their_kind_names() {
    let body = "provincial,CSDL y tế,SYT,,1200,300,12,12\nregional,X,,,,,,\n";
    let (read, errors) = read(
        "databases",
        &columns("databases"),
        Format::Csv,
        csv("databases", body).as_bytes(),
    )
    .expect("reads");
    assert_eq!(read[0].table, "databases_provincial");
    assert_eq!(errors[0].key, "import.err_kind");
}

#[test]
fn cell_names_are_spreadsheet_style() {
    assert_eq!(cell_name(0, 0), "A1");
    assert_eq!(cell_name(6, 27), "AB7");
}
