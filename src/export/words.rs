//! Amounts in words, as a document writes a total beside its figures so that no one can alter
//! it by hand: `1.250,5` triệu đồng is "Một tỷ hai trăm năm mươi triệu năm trăm nghìn đồng".

use crate::domain::money::Money;

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// The names of the groups of three digits, from the right. Beyond a thousand billion the
/// names repeat with "tỷ", as Vietnamese reads them.
const SCALES: [&str; 7] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"];

/// An amount (held in thousands of đồng) in words, capitalized, ending in "đồng".
pub fn money_in_words(amount: Money) -> String {
    let dong = i128::from(amount.0) * 1000;
    let mut text = number_in_words(dong.unsigned_abs());
    if dong < 0 {
        text = format!("âm {text}");
    }
    let mut chars = text.chars();
    let capitalized: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{capitalized} đồng")
}

/// A whole number in words: `105` is "một trăm linh năm", `21` "hai mươi mốt".
pub fn number_in_words(n: u128) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as u16);
        rest /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    let top = groups.len() - 1;
    for (i, group) in groups.iter().enumerate().rev() {
        if *group == 0 {
            continue;
        }
        // A group after the first is read in full: "một nghìn không trăm linh năm".
        words.push(group_in_words(*group, i != top));
        let scale = SCALES.get(i).copied().unwrap_or("");
        if !scale.is_empty() {
            words.push(scale.to_string());
        }
    }
    words.join(" ")
}

fn group_in_words(group: u16, full: bool) -> String {
    let (hundreds, tens, units) = (group / 100, group / 10 % 10, group % 10);
    let mut out: Vec<&str> = Vec::new();
    if hundreds > 0 || full {
        out.extend([DIGITS[hundreds as usize], "trăm"]);
    }
    match tens {
        0 if units > 0 && !out.is_empty() => out.push("linh"),
        0 => {}
        1 => out.push("mười"),
        t => out.extend([DIGITS[t as usize], "mươi"]),
    }
    match units {
        0 => {}
        1 if tens > 1 => out.push("mốt"),
        4 if tens > 1 => out.push("tư"),
        5 if tens > 0 => out.push("lăm"),
        u => out.push(DIGITS[u as usize]),
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_vietnamese_reads_them() {
        let cases = [
            (0, "không"),
            (5, "năm"),
            (10, "mười"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (55, "năm mươi lăm"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (1_005, "một nghìn không trăm linh năm"),
            (2_000_000, "hai triệu"),
            (
                1_250_500_000,
                "một tỷ hai trăm năm mươi triệu năm trăm nghìn",
            ),
            (3_000_000_000_000, "ba nghìn tỷ"),
        ];
        for (n, words) in cases {
            assert_eq!(number_in_words(n), words, "{n}");
        }
    }

    #[test]
    fn amounts_in_millions_read_in_dong() {
        assert_eq!(
            money_in_words(Money(1_250_500)),
            "Một tỷ hai trăm năm mươi triệu năm trăm nghìn đồng"
        );
        assert_eq!(money_in_words(Money::ZERO), "Không đồng");
        assert_eq!(money_in_words(Money(15)), "Mười lăm nghìn đồng");
    }
}
