//! How wide a line of Times New Roman is, for the rules the decree draws under a text (the
//! issuing body, the motto, the subject): Word draws a paragraph's border across the whole
//! paragraph, so the writer narrows the paragraph to the text's measured width.
//!
//! Widths are the standard Times metrics in thousandths of an em (Liberation Serif, which
//! LibreOffice puts in its place, shares them). A Vietnamese letter is as wide as its base
//! letter: the marks sit above or below.

use unicode_normalization::UnicodeNormalization;

/// Widths of the printable ASCII characters from space (32) to `~` (126).
const REGULAR: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250,
    278, // space–/
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, // 0–9
    278, 278, 564, 564, 564, 444, 921, // :–@
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611, // A–Z
    333, 278, 333, 469, 500, 333, // [–`
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444, // a–z
    480, 200, 480, 541, // {–~
];

const BOLD: [u16; 95] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250,
    278, // space–/
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, // 0–9
    333, 333, 570, 570, 570, 500, 930, // :–@
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556,
    667, 722, 722, 1000, 722, 722, 667, // A–Z
    333, 278, 333, 581, 500, 333, // [–`
    500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
    333, 556, 500, 722, 500, 500, 444, // a–z
    394, 220, 394, 520, // {–~
];

/// The width of `text` in twips at `half_points` (Word's unit of font size).
pub fn width(text: &str, half_points: u32, bold: bool) -> u32 {
    let table = if bold { &BOLD } else { &REGULAR };
    let thousandths: u32 = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| {
            let base = match c {
                'đ' => 'd',
                'Đ' => 'D',
                other => other,
            };
            match base as u32 {
                32..=126 => u32::from(table[base as usize - 32]),
                // Other letters: about an average capital.
                _ => 600,
            }
        })
        .sum();
    // One point is 20 twips; a half point 10.
    thousandths * half_points * 10 / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_measure_as_their_base_letters() {
        assert_eq!(width("Độc lập", 26, true), width("Doc lap", 26, true));
        assert_eq!(width("ĐỘC LẬP", 26, false), width("DOC LAP", 26, false));
    }

    #[test]
    fn the_national_title_fits_the_right_column_at_twelve_points() {
        // The right column of the header is 60% of the 165 mm between the default margins.
        let column = 9355 * 6 / 10;
        let title = width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, true);
        assert!(title < column, "{title} twips");
        assert!(title > column / 2, "{title} twips");
    }
}
