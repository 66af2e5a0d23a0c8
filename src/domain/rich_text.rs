//! Narrative text as the editor sends it: HTML limited to what converts cleanly to a Word
//! document (paragraphs, bold, italic, underline, lists, simple tables), cleaned here so that
//! nothing else is ever stored or shown.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The most a section may hold, in bytes of cleaned HTML.
pub const MAX_BYTES: usize = 200_000;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "table", "thead", "tbody",
        "tr", "th", "td",
    ]
    .into_iter()
    .collect();
    let cell_attributes: HashSet<&str> = ["colspan", "rowspan"].into_iter().collect();
    let tag_attributes: HashMap<&str, HashSet<&str>> =
        [("td", cell_attributes.clone()), ("th", cell_attributes)]
            .into_iter()
            .collect();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::new())
        .link_rel(None)
        // Text of dropped elements such as <div> or <span> is kept; that of scripts and styles is not.
        .clean_content_tags(["script", "style"].into_iter().collect());
    builder
});

/// Keeps only the allowed tags and attributes; everything else goes, its text kept.
pub fn clean(html: &str) -> String {
    let cleaned = CLEANER.clean(html).to_string();
    // Browsers write a lone <br> into an emptied editor: that is no content.
    if plain_text(&cleaned).trim().is_empty() && !cleaned.contains("<table") {
        String::new()
    } else {
        cleaned
    }
}

/// The text alone, for search, counts and "is it filled?".
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_formatting_stays() {
        let html = "<p><strong>Đạt</strong> <em>95%</em> <u>kế hoạch</u></p><ul><li>Một</li></ul><table><tbody><tr><td colspan=\"2\">Ô</td></tr></tbody></table>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn scripts_styles_links_and_attributes_go_but_text_stays() {
        let html = "<p onclick=\"x()\" style=\"color:red\">Xin <a href=\"javascript:alert(1)\">chào</a><script>alert(1)</script></p><div>khối</div><img src=x onerror=alert(1)>";
        assert_eq!(clean(html), "<p>Xin chào</p>khối");
    }

    #[test]
    fn an_emptied_editor_is_empty() {
        assert_eq!(clean("<p><br></p>"), "");
        assert_eq!(clean("  "), "");
    }

    #[test]
    fn plain_text_reads_the_words() {
        assert_eq!(plain_text("<p>A &amp; B</p><p>C</p>"), "A & B C");
    }
}
