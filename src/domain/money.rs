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
/// spreadsheet in English writes it.
pub fn parse_millions(text: &str) -> Result<Money, MoneyError> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let (negative, digits) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() {
        return Err(MoneyError::NotANumber);
    }
    let (whole, fraction) = if digits.contains(',') {
        let (w, f) = digits.split_once(',').ok_or(MoneyError::NotANumber)?;
        (thousands(w)?, f)
    } else {
        let groups: Vec<&str> = digits.split('.').collect();
        let all_thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
        if groups.len() == 1 || all_thousands {
            (thousands(digits)?, "")
        } else if groups.len() == 2 {
            (groups[0].to_string(), groups[1])
        } else {
            return Err(MoneyError::NotANumber);
        }
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
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

/// Digits with `.` thousands separators, checked and joined.
fn thousands(text: &str) -> Result<String, MoneyError> {
    let groups: Vec<&str> = text.split('.').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
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
    }
}
