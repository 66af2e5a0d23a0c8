//! Text helpers that know Vietnamese: search keys without diacritics, and dates as offices write them.

use chrono::NaiveDate;
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

/// Parses a date written either as `2025-07-01` or as `01/07/2025` (the Vietnamese day-first form).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
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
}
