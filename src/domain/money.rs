//! Money as plans write it: millions of đồng (`Đơn vị tính: triệu đồng`) with the Vietnamese
//! number format, `1.250,5` — `.` between thousands, `,` before decimals.
//!
//! Held as whole thousands of đồng in an integer, so sums and shares are exact: a plan's
//! amounts are given to at most three decimals of a million.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

/// An amount in thousands of đồng (one million đồng is 1 000).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// From whole millions of đồng.
    pub fn millions(m: i64) -> Self {
        Money(m * 1000)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `part` as a percentage of `self`; `None` when `self` is zero.
    pub fn percent_of(part: Money, whole: Money) -> Option<f64> {
        (whole.0 != 0).then(|| part.0 as f64 * 100.0 / whole.0 as f64)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// Millions in the Vietnamese format: `1.250,5`, `-3`, `0,125`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, thousandths) = (abs / 1000, abs % 1000);
        let digits = whole.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        if thousandths == 0 {
            write!(f, "{sign}{grouped}")
        } else {
            let decimals = format!("{thousandths:03}");
            write!(f, "{sign}{grouped},{}", decimals.trim_end_matches('0'))
        }
    }
}

/// Why an amount was not understood: a message key of the text catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    NotANumber,
    TooPrecise,
    TooLarge,
}

impl MoneyError {
    pub fn key(self) -> &'static str {
        match self {
            Self::NotANumber => "err.amount",
            Self::TooPrecise => "err.amount_precision",
            Self::TooLarge => "err.amount_large",
        }
    }
}

/// Reads millions of đồng as people type them: `1.250,5`, `1250,5`, `1 250,5`, `-3`. Without a
/// comma, dots that each stand before exactly three digits are thousands (`1.250` is one
/// thousand two hundred and fifty); a single other dot is the decimal point (`2.5`), as a
/// spreadsheet in English writes it. Spaces group thousands only where they stand before
/// three digits; anything else (`1 2 3`, `12 34`, `1,`, `1..2`) is refused, never read as some
/// other number.
pub fn parse_millions(text: &str) -> Result<Money, MoneyError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() {
        return Err(MoneyError::NotANumber);
    }
    let (whole, fraction) = if let Some((w, f)) = digits.split_once(',') {
        if f.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        (grouped(w)?, f)
    } else if digits.contains(is_group_space) {
        (grouped(digits)?, "")
    } else {
        let groups: Vec<&str> = digits.split('.').collect();
        let all_thousands = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3);
        if groups.len() == 1 || all_thousands {
            (grouped(digits)?, "")
        } else if groups.len() == 2 && !groups[1].is_empty() {
            (groups[0].to_string(), groups[1])
        } else {
            return Err(MoneyError::NotANumber);
        }
    };
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(MoneyError::NotANumber);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 3 {
        return Err(MoneyError::TooPrecise);
    }
    let whole: i64 = whole.parse().map_err(|_| MoneyError::TooLarge)?;
    let fraction: i64 = format!("{fraction:0<3}")
        .parse()
        .map_err(|_| MoneyError::NotANumber)?;
    let value = whole
        .checked_mul(1000)
        .and_then(|w| w.checked_add(fraction))
        .filter(|v| *v <= MAX.0)
        .ok_or(MoneyError::TooLarge)?;
    Ok(Money(if negative { -value } else { value }))
}

/// A hundred thousand billion đồng: far above any plan, far below overflow.
const MAX: Money = Money(100_000_000_000_000);

/// The most a count may be: a thousand billion records is beyond any database of a province,
/// and a count printed in thousandths (as amounts are) stays far from overflow.
pub const MAX_COUNT: i64 = 1_000_000_000_000;

/// Why a count's text is not a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountError {
    NotACount,
    Negative,
    TooLarge,
}

impl CountError {
    pub fn key(self) -> &'static str {
        match self {
            Self::NotACount => "err.count",
            Self::Negative => "err.count_negative",
            Self::TooLarge => "err.count_large",
        }
    }
}

/// Reads a whole number of things (records, units): digits, grouped in threes by dots or by
/// spaces as amounts are (`12.500`, `12 500`), with no decimals: `1.2.3` and `1,5` are refused.
pub fn parse_count(text: &str) -> Result<i64, CountError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    if let Some(rest) = text.strip_prefix('-') {
        return match parse_count(rest) {
            Ok(0) => Ok(0),
            Ok(_) | Err(CountError::TooLarge) => Err(CountError::Negative),
            Err(e) => Err(e),
        };
    }
    if text.is_empty() || text.contains(',') {
        return Err(CountError::NotACount);
    }
    let digits = grouped(text).map_err(|_| CountError::NotACount)?;
    match digits.parse::<i64>() {
        Ok(n) if n <= MAX_COUNT => Ok(n),
        _ => Err(CountError::TooLarge),
    }
}

/// The whitespace that may group thousands: a space, a no-break space, a narrow no-break space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Digits, plain or grouped in threes by one kind of separator (dots, or spaces), joined.
fn grouped(text: &str) -> Result<String, MoneyError> {
    let by_space = text.contains(is_group_space);
    let groups: Vec<&str> = if by_space {
        text.split(is_group_space).collect()
    } else {
        text.split('.').collect()
    };
    let well_grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    if !well_grouped || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return Err(MoneyError::NotANumber);
    }
    Ok(groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_read_the_way_people_type_them() {
        assert_eq!(parse_millions("1.250,5"), Ok(Money(1_250_500)));
        assert_eq!(parse_millions("1250,5"), Ok(Money(1_250_500)));
        assert_eq!(parse_millions(" 1 250,5 "), Ok(Money(1_250_500)));
        assert_eq!(parse_millions("1.250"), Ok(Money(1_250_000)));
        assert_eq!(parse_millions("2.5"), Ok(Money(2_500)));
        assert_eq!(parse_millions("-3"), Ok(Money(-3_000)));
        assert_eq!(parse_millions("0,125"), Ok(Money(125)));
        assert_eq!(parse_millions("12.34.5"), Err(MoneyError::NotANumber));
        assert_eq!(parse_millions("1,2345"), Err(MoneyError::TooPrecise));
        assert_eq!(parse_millions("một tỷ"), Err(MoneyError::NotANumber));
        assert_eq!(parse_millions(""), Err(MoneyError::NotANumber));
        assert_eq!(
            parse_millions("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn amounts_are_written_in_the_vietnamese_format() {
        assert_eq!(Money(1_250_500).to_string(), "1.250,5");
        assert_eq!(Money(83_850_000).to_string(), "83.850");
        assert_eq!(Money(125).to_string(), "0,125");
        assert_eq!(Money(-1_000_000_000).to_string(), "-1.000.000");
    }

    proptest! {
        #[test]
        fn what_is_written_reads_back_the_same(v in -MAX.0..MAX.0) {
            prop_assert_eq!(parse_millions(&Money(v).to_string()), Ok(Money(v)));
        }

        #[test]
        fn an_amount_is_read_exactly_as_the_grammar_says_or_refused(
            text in "-?[0-9]{0,5}[., \u{a0}]?[0-9]{0,4}[.,]?[0-9]{0,4}|[-0-9., \u{a0}]{0,14}"
        ) {
            prop_assert_eq!(parse_millions(&text), amount_by_grammar(&text), "{:?}", text);
        }

        #[test]
        fn a_count_as_printed_reads_back_the_same(n in 0..=MAX_COUNT) {
            prop_assert_eq!(parse_count(&Money(n * 1000).to_string()), Ok(n));
            prop_assert_eq!(parse_count(&n.to_string()), Ok(n));
        }

        #[test]
        fn a_count_is_read_exactly_as_the_grammar_says_or_refused(
            text in "-?[0-9]{0,4}[., \u{a0}]?[0-9]{0,4}[., ]?[0-9]{0,4}|[-0-9., \u{a0}]{0,14}"
        ) {
            prop_assert_eq!(parse_count(&text), count_by_grammar(&text), "{:?}", text);
        }
    }

    #[test]
    fn malformed_numbers_are_refused_never_read_as_another_number() {
        for text in [
            "1.2.3", "1..2", "1 2 3", "12 34", "1,", ",5", "1.25.000", "1.", ".5",
        ] {
            assert_eq!(parse_millions(text), Err(MoneyError::NotANumber), "{text}");
        }
        for text in ["1.2.3", "1..2", "1,5", "1 2 3", "+5", "1e3", "2.5", "١٢"] {
            assert_eq!(parse_count(text), Err(CountError::NotACount), "{text}");
        }
        assert_eq!(parse_millions("1234.567"), Ok(Money(1_234_567)));
        assert_eq!(parse_count("12.500"), Ok(12_500));
        assert_eq!(parse_count(" 12 500 "), Ok(12_500));
        assert_eq!(parse_count("-3"), Err(CountError::Negative));
        assert_eq!(parse_count("1.000.000.000.001"), Err(CountError::TooLarge));
    }

    /// Whitespace as the parsers trim it from the ends.
    fn trimmed(text: &str) -> &str {
        text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
    }

    /// The whole part of a number, as written: plain digits, or grouped in threes by dots or by
    /// spaces. The separators taken out.
    fn whole_by_grammar(text: &str) -> Option<String> {
        let whole = regex::Regex::new(r"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}([ \u{a0}]\d{3})+)$")
            .expect("pattern");
        whole
            .is_match(text)
            .then(|| text.chars().filter(char::is_ascii_digit).collect())
    }

    /// What the documented grammar makes of an amount, worked out apart from the parser.
    fn amount_by_grammar(text: &str) -> Result<Money, MoneyError> {
        let text = trimmed(text);
        let (negative, body) = text.strip_prefix('-').map_or((false, text), |r| (true, r));
        let english = regex::Regex::new(r"^(\d+)\.(\d+)$").expect("pattern");
        let (whole, fraction) = if let Some((w, f)) = body.split_once(',') {
            let digits_only = !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit());
            match whole_by_grammar(w).filter(|_| digits_only) {
                Some(w) => (w, f.to_string()),
                None => return Err(MoneyError::NotANumber),
            }
        } else if let Some(w) = whole_by_grammar(body) {
            (w, String::new())
        } else if let Some(c) = english.captures(body) {
            (c[1].to_string(), c[2].to_string())
        } else {
            return Err(MoneyError::NotANumber);
        };
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > 3 {
            return Err(MoneyError::TooPrecise);
        }
        let value = whole.parse::<i128>().map_err(|_| MoneyError::TooLarge)? * 1000
            + format!("{fraction:0<3}").parse::<i128>().expect("digits");
        if value > i128::from(MAX.0) {
            return Err(MoneyError::TooLarge);
        }
        let value = i64::try_from(value).expect("bounded");
        Ok(Money(if negative { -value } else { value }))
    }

    /// What the documented grammar makes of a count.
    fn count_by_grammar(text: &str) -> Result<i64, CountError> {
        let text = trimmed(text);
        if let Some(rest) = text.strip_prefix('-') {
            return match count_by_grammar(rest) {
                Ok(0) => Ok(0),
                Ok(_) | Err(CountError::TooLarge) => Err(CountError::Negative),
                Err(e) => Err(e),
            };
        }
        let digits = whole_by_grammar(text).ok_or(CountError::NotACount)?;
        match digits.parse::<i128>() {
            Ok(n) if n <= i128::from(MAX_COUNT) => Ok(i64::try_from(n).expect("bounded")),
            _ => Err(CountError::TooLarge),
        }
    }
}
