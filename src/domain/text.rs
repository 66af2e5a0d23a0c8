//! Text helpers that know Vietnamese: search keys without diacritics, and dates as offices write them.

use chrono::NaiveDate;
use std::ops::RangeInclusive;
use unicode_normalization::UnicodeNormalization;

/// A key for case- and diacritic-insensitive search: "Sở Y tế" and "so y te" give the same key.
/// Computed here rather than in SQL because SQLite's `lower()` folds ASCII only.
pub fn search_key(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The years a date may fall in: from the founding of the state to the end of any plan's
/// horizon. A date outside them is a typing slip (`1/1/0`, `31/12/-2026`), not a date.
pub const DATE_YEARS: RangeInclusive<i32> = 1945..=2100;

/// The years a plan, a task or a target may name: planning in this product starts with the
/// digital-government plans of the 2000s.
pub const PLAN_YEARS: RangeInclusive<i32> = 2000..=2100;

/// Parses a date written either as `2025-07-01` or as `01/07/2025` (the Vietnamese day-first
/// form, the day and month with one or two digits); the year has four digits and lies in
/// `DATE_YEARS`. Nothing else is a date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (year, month, day) = if let Some((y, rest)) = text.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (digits(y, 4..=4)?, digits(m, 2..=2)?, digits(d, 2..=2)?)
    } else {
        let (d, rest) = text.split_once('/')?;
        let (m, y) = rest.split_once('/')?;
        (digits(y, 4..=4)?, digits(m, 1..=2)?, digits(d, 1..=2)?)
    };
    let year = i32::try_from(year)
        .ok()
        .filter(|y| DATE_YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Parses a month written `03/2024` or `3/2024`, in `DATE_YEARS`: the first day of that month.
pub fn parse_month_year(text: &str) -> Option<NaiveDate> {
    let (m, y) = text.trim().split_once('/')?;
    let year = i32::try_from(digits(y, 4..=4)?)
        .ok()
        .filter(|y| DATE_YEARS.contains(y))?;
    NaiveDate::from_ymd_opt(year, digits(m, 1..=2)?, 1)
}

/// Parses a year of a plan: four digits in `PLAN_YEARS`, no sign, no spaces inside.
pub fn parse_plan_year(text: &str) -> Option<i32> {
    i32::try_from(digits(text.trim(), 4..=4)?)
        .ok()
        .filter(|y| PLAN_YEARS.contains(y))
}

/// ASCII digits only, as many as `len` allows: `+7`, `٣` and `1e3` are not digits here.
fn digits(text: &str, len: RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Formats a date the Vietnamese way: `01/07/2025`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Counts characters (not bytes), which is what a user means by "length".
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// True when the text holds control characters other than tab and newline: such text would
/// break documents and logs, and no form of the product needs it.
pub fn has_control_chars(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// Text as paragraphs (framework guidance): a blank line separates them.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn search_key_ignores_case_and_diacritics() {
        assert_eq!(search_key("Sở Y tế"), "so y te");
        assert_eq!(search_key("ĐÀI PHÁT THANH"), "dai phat thanh");
        assert_eq!(search_key("  Quảng   Ngãi "), "quang ngai");
    }

    #[test]
    fn dates_parse_in_both_forms() {
        let expected = NaiveDate::from_ymd_opt(2025, 7, 1);
        assert_eq!(parse_date("2025-07-01"), expected);
        assert_eq!(parse_date("01/07/2025"), expected);
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("hôm qua"), None);
    }

    #[test]
    fn dates_format_day_first() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 1).expect("valid date");
        assert_eq!(format_date(date), "01/03/2025");
    }

    #[test]
    fn dates_outside_the_plausible_years_or_forms_are_refused() {
        for text in [
            "31/12/-2026",
            "1/1/0",
            "0000-01-01",
            "1/1/20261",
            "2025-7-1",
            "+2025-07-01",
            "1/7/25",
            "01 /07/2025",
            "1/1/1944",
            "1/1/2101",
        ] {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
        assert_eq!(
            parse_date(" 1/7/2025 "),
            NaiveDate::from_ymd_opt(2025, 7, 1)
        );
        for text in ["01/0000", "13/2024", "0/2024", "3/24", "03/-2024"] {
            assert_eq!(parse_month_year(text), None, "{text:?}");
        }
        assert_eq!(
            parse_month_year("3/2024"),
            NaiveDate::from_ymd_opt(2024, 3, 1)
        );
        for text in ["+2026", "02026", "2026.0", "1999", "２０２６"] {
            assert_eq!(parse_plan_year(text), None, "{text:?}");
        }
    }

    /// The numbers of a date as the documented forms write them, taken apart without the
    /// parser: `YYYY-MM-DD`, or `D/M/YYYY` with one or two digits for the day and month.
    fn date_by_grammar(text: &str) -> Option<NaiveDate> {
        let iso = regex::Regex::new(r"^(\d{4})-(\d{2})-(\d{2})$").expect("pattern");
        let vietnamese = regex::Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4})$").expect("pattern");
        let text = text.trim();
        let (y, m, d) = if let Some(c) = iso.captures(text) {
            (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
        } else {
            let c = vietnamese.captures(text)?;
            (c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
        };
        NaiveDate::from_ymd_opt(y, m, d).filter(|date| DATE_YEARS.contains(&date.year()))
    }

    proptest::proptest! {
        #[test]
        fn a_date_as_printed_reads_back_the_same(days in 0i64..56_000) {
            let date = NaiveDate::from_ymd_opt(1945, 1, 1).expect("date")
                + chrono::Duration::days(days);
            proptest::prop_assume!(DATE_YEARS.contains(&date.year()));
            proptest::prop_assert_eq!(parse_date(&format_date(date)), Some(date));
            proptest::prop_assert_eq!(parse_date(&date.to_string()), Some(date));
            let month = format!("{:02}/{}", date.month(), date.year());
            proptest::prop_assert_eq!(parse_month_year(&month), date.with_day(1));
        }

        #[test]
        fn a_date_is_read_exactly_as_its_form_says_or_refused(
            text in "[0-9]{1,4}[-/][0-9]{1,2}[-/][0-9]{1,4}|[-+0-9/ ]{0,12}"
        ) {
            proptest::prop_assert_eq!(parse_date(&text), date_by_grammar(&text), "{:?}", text);
        }

        #[test]
        fn a_plan_year_is_four_digits_in_its_range_or_refused(text in "[-+0-9 .]{0,6}") {
            let by_grammar = regex::Regex::new(r"^\d{4}$")
                .expect("pattern")
                .is_match(text.trim())
                .then(|| text.trim().parse::<i32>().expect("digits"))
                .filter(|y| PLAN_YEARS.contains(y));
            proptest::prop_assert_eq!(parse_plan_year(&text), by_grammar);
        }
    }
}
