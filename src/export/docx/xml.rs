//! User text made safe for WordprocessingML: escaped, stripped of characters XML forbids (Word
//! refuses a file with a single one), long words given places to wrap.

/// Characters XML 1.0 allows and Word accepts in text: no C0 controls but tab and line feed,
/// no C1 controls, no non-characters.
fn allowed(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// Words longer than this get a zero-width space every `WRAP_AT` characters, so that a long
/// address or an unbroken string wraps inside its table cell instead of overflowing it.
const LONG_WORD: usize = 40;
const WRAP_AT: usize = 20;
pub const ZERO_WIDTH_SPACE: char = '\u{200b}';

/// Text as it can go into the document: forbidden characters dropped, carriage returns read as
/// line breaks, long words breakable.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = 0;
    for c in text.replace("\r\n", "\n").replace('\r', "\n").chars() {
        if !allowed(c) {
            continue;
        }
        if c.is_whitespace() || c == ZERO_WIDTH_SPACE {
            word = 0;
        } else {
            word += 1;
            if word > LONG_WORD && word % WRAP_AT == 1 {
                out.push(ZERO_WIDTH_SPACE);
            }
        }
        out.push(c);
    }
    out
}

/// Escapes text for an element's content or an attribute's value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("A & B <w:p/> \"c\" 'd'"),
            "A &amp; B &lt;w:p/&gt; &quot;c&quot; &apos;d&apos;"
        );
    }

    #[test]
    fn control_characters_go_and_line_ends_become_line_feeds() {
        assert_eq!(clean("a\u{1}b\u{7f}c\u{9b}d\r\ne\rf\tg"), "abcd\ne\nf\tg");
    }

    #[test]
    fn long_words_get_places_to_wrap() {
        let word = "x".repeat(300);
        let cleaned = clean(&word);
        assert_eq!(cleaned.replace(ZERO_WIDTH_SPACE, ""), word);
        assert!(cleaned
            .split(ZERO_WIDTH_SPACE)
            .all(|part| part.chars().count() <= LONG_WORD + WRAP_AT));
        assert_eq!(clean("Sở Y tế"), "Sở Y tế");
    }

    proptest! {
        #[test]
        fn any_text_escapes_to_well_formed_xml(text in any::<String>()) {
            let xml = format!("<t>{}</t>", escape(&clean(&text)));
            prop_assert!(roxmltree::Document::parse(&xml).is_ok(), "{:?}", xml);
        }
    }
}
