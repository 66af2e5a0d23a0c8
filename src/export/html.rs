//! A section's narrative (HTML cleaned by `domain::rich_text`) as document blocks: paragraphs
//! with their bold, italic and underlined runs, list items with their markers, simple tables.
//!
//! The text comes from html5ever's tokenizer (already built for ammonia), so entities and
//! whitespace read as a browser reads them; the walk itself only needs the few tags the cleaner
//! lets through, and drops anything else to its text.

use super::model::{Align, Block, Cell, ColumnSpec, RowKind, Run, Table, TableRow};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use std::cell::RefCell;

/// The blocks of a section's HTML, in order.
pub fn blocks(html: &str) -> Vec<Block> {
    let sink = Sink(RefCell::new(Walker::default()));
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut walker = tokenizer.sink.0.into_inner();
    walker.flush();
    walker.blocks
}

struct Sink(RefCell<Walker>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut walker = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => walker.tag(&tag),
            Token::CharacterTokens(text) => walker.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// A list being read: ordered or not, and how many items so far.
struct List {
    ordered: bool,
    count: u32,
}

#[derive(Default)]
struct TableBuild {
    rows: Vec<TableRow>,
    row: Option<(Vec<Cell>, bool)>,
    cell: Option<Cell>,
    in_head: bool,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    runs: Vec<Run>,
    bold: u32,
    italic: u32,
    underline: u32,
    lists: Vec<List>,
    /// The marker and depth of the list item whose first text is being read.
    item: Option<(String, u8)>,
    table: Option<TableBuild>,
    /// Tables inside a table cell: their text joins the cell.
    nested_tables: u32,
}

/// The marker of item `n` (from 1) of a list at `depth`: `-` then `+` for bullets, `1.` then
/// `a)` for numbers, as Vietnamese administrative texts write them.
fn marker(ordered: bool, depth: usize, n: u32) -> String {
    match (ordered, depth) {
        (false, 0) => "-".into(),
        (false, 1) => "+".into(),
        (false, _) => "-".into(),
        (true, d) if d % 2 == 0 => format!("{n}."),
        (true, _) => {
            let letter = char::from_u32('a' as u32 + (n - 1) % 26).unwrap_or('a');
            format!("{letter})")
        }
    }
}

/// A span attribute (`colspan="2"`), bounded so that a hostile value cannot blow up a table.
fn span(tag: &Tag, name: &str) -> u16 {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .and_then(|a| a.value.trim().parse::<u16>().ok())
        .unwrap_or(1)
        .clamp(1, 50)
}

impl Walker {
    fn tag(&mut self, tag: &Tag) {
        let start = tag.kind == TagKind::StartTag;
        match &*tag.name {
            "p" | "div" => self.flush(),
            "br" if start => self.push_text("\n"),
            "strong" | "b" => bump(&mut self.bold, start),
            "em" | "i" => bump(&mut self.italic, start),
            "u" => bump(&mut self.underline, start),
            "ul" | "ol" => self.list_tag(&tag.name, start),
            "li" => self.item_tag(start),
            "table" => self.table_tag(start),
            _ if self.nested_tables > 0 => {
                if matches!(&*tag.name, "td" | "th" | "tr") {
                    self.push_text(" ");
                }
            }
            "thead" => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = start;
                }
            }
            "tr" => {
                self.flush();
                self.end_row();
                if start {
                    if let Some(t) = self.table.as_mut() {
                        t.row = Some((Vec::new(), true));
                    }
                }
            }
            "td" | "th" => self.cell_tag(tag, start),
            _ => {}
        }
    }

    /// `<ul>`, `<ol>`: a list begins or ends.
    fn list_tag(&mut self, name: &str, start: bool) {
        self.flush();
        if start {
            self.lists.push(List {
                ordered: name == "ol",
                count: 0,
            });
        } else {
            self.lists.pop();
        }
    }

    /// `<li>`: an item of the innermost list, its marker counted there.
    fn item_tag(&mut self, start: bool) {
        self.flush();
        if start {
            let depth = self.lists.len().saturating_sub(1);
            let (ordered, n) = match self.lists.last_mut() {
                Some(list) => {
                    list.count += 1;
                    (list.ordered, list.count)
                }
                None => (false, 1),
            };
            self.item = Some((marker(ordered, depth, n), depth.min(8) as u8));
        } else {
            self.item = None;
        }
    }

    /// `<table>`: a table begins or ends; a table within a cell is read as its text.
    fn table_tag(&mut self, start: bool) {
        if start && self.table.is_some() {
            self.nested_tables += 1;
            self.push_text(" ");
        } else if start {
            self.flush();
            self.table = Some(TableBuild::default());
        } else if self.nested_tables > 0 {
            self.nested_tables -= 1;
            self.push_text(" ");
        } else {
            self.flush();
            self.end_table();
        }
    }

    /// `<td>`, `<th>`: a cell begins or ends, with its spans.
    fn cell_tag(&mut self, tag: &Tag, start: bool) {
        self.flush();
        self.end_cell();
        if start {
            let header = &*tag.name == "th";
            if let Some(t) = self.table.as_mut() {
                let row = t.row.get_or_insert_with(|| (Vec::new(), true));
                row.1 &= header;
                t.cell =
                    Some(Cell::new(Vec::new()).span(span(tag, "colspan"), span(tag, "rowspan")));
            }
            if header {
                // A header cell is bold as a browser shows it; the end tag undoes it.
                self.bold += 1;
            }
        } else if &*tag.name == "th" {
            self.bold = self.bold.saturating_sub(1);
        }
    }

    fn text(&mut self, text: &str) {
        // Whitespace collapses as in a browser; a line break comes only from <br>.
        let mut collapsed = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                space = true;
            } else {
                if space {
                    collapsed.push(' ');
                    space = false;
                }
                collapsed.push(c);
            }
        }
        if space {
            collapsed.push(' ');
        }
        self.push_text(&collapsed);
    }

    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let (bold, italic, underline) = (self.bold > 0, self.italic > 0, self.underline > 0);
        match self.runs.last_mut() {
            Some(last)
                if last.bold == bold && last.italic == italic && last.underline == underline =>
            {
                last.text.push_str(text);
            }
            _ => self.runs.push(Run {
                text: text.to_string(),
                bold,
                italic,
                underline,
            }),
        }
    }

    /// Ends the text being read: into the open table cell, as a list item, or as a paragraph.
    fn flush(&mut self) {
        let runs = trimmed(std::mem::take(&mut self.runs));
        if runs.is_empty() {
            return;
        }
        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            if !cell.runs.is_empty() {
                cell.runs.push(Run::plain("\n"));
            }
            if let Some((marker, _)) = self.item.take() {
                cell.runs.push(Run::plain(format!("{marker} ")));
            }
            cell.runs.extend(runs);
            return;
        }
        if self.table.is_some() {
            // Text between cells has nowhere to go in a table; a browser moves it above.
            self.blocks.push(Block::Paragraph {
                runs,
                align: Align::Justify,
            });
            return;
        }
        match self.item.take() {
            Some((marker, depth)) => self.blocks.push(Block::ListItem {
                marker,
                depth,
                runs,
            }),
            None if !self.lists.is_empty() => self.blocks.push(Block::ListItem {
                marker: String::new(),
                depth: (self.lists.len() - 1).min(8) as u8,
                runs,
            }),
            None => self.blocks.push(Block::Paragraph {
                runs,
                align: Align::Justify,
            }),
        }
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.table.as_mut() {
            if let Some(cell) = t.cell.take() {
                t.row.get_or_insert_with(|| (Vec::new(), true)).0.push(cell);
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(t) = self.table.as_mut() {
            if let Some((cells, all_header)) = t.row.take() {
                if !cells.is_empty() {
                    let kind = if t.in_head || all_header {
                        RowKind::Header
                    } else {
                        RowKind::Body
                    };
                    t.rows.push(TableRow { kind, cells });
                }
            }
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        let Some(t) = self.table.take() else {
            return;
        };
        if t.rows.is_empty() {
            return;
        }
        let width = grid_width(&t.rows);
        // Header rows belong at the top; a header row found further down reads as a body row.
        let mut seen_body = false;
        let rows = t
            .rows
            .into_iter()
            .map(|mut r| {
                if r.kind == RowKind::Header && seen_body {
                    r.kind = RowKind::Body;
                }
                seen_body |= r.kind != RowKind::Header;
                r
            })
            .collect();
        self.blocks.push(Block::Table(Table {
            columns: vec![
                ColumnSpec {
                    weight: 1,
                    align: Align::Left,
                };
                width
            ],
            rows,
            unit: None,
        }));
    }
}

fn bump(counter: &mut u32, start: bool) {
    if start {
        *counter += 1;
    } else {
        *counter = counter.saturating_sub(1);
    }
}

/// Runs without the spaces at their two ends, and without runs left empty.
fn trimmed(mut runs: Vec<Run>) -> Vec<Run> {
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start_matches(' ').to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end_matches(' ').to_string();
    }
    runs.retain(|r| !r.text.is_empty());
    if runs.iter().all(|r| r.text.trim().is_empty()) {
        return Vec::new();
    }
    runs
}

/// The number of grid columns that the rows need, counting cells that span from above.
pub fn grid_width(rows: &[TableRow]) -> usize {
    let mut below: Vec<u16> = Vec::new();
    let mut width = 0;
    for row in rows {
        let mut col = 0;
        let mut next = below.clone();
        let mut cells = row.cells.iter();
        loop {
            if col < below.len() && below[col] > 0 {
                next[col] = below[col] - 1;
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else {
                break;
            };
            for c in col..col + cell.colspan as usize {
                if next.len() <= c {
                    next.resize(c + 1, 0);
                }
                next[c] = cell.rowspan - 1;
            }
            col += cell.colspan as usize;
        }
        width = width.max(col);
        below = next;
    }
    width.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::model::runs_text;

    #[test]
    fn paragraphs_keep_bold_italic_and_underline() {
        let got =
            blocks("<p><strong>Hạn chế:</strong> chưa có <em>quy chế</em> <u>dữ liệu</u></p>");
        assert_eq!(
            got,
            [Block::Paragraph {
                runs: vec![
                    Run::bold("Hạn chế:"),
                    Run::plain(" chưa có "),
                    Run::italic("quy chế"),
                    Run::plain(" "),
                    Run {
                        text: "dữ liệu".into(),
                        underline: true,
                        ..Run::default()
                    },
                ],
                align: Align::Justify,
            }]
        );
    }

    #[test]
    fn entities_and_whitespace_read_as_a_browser_reads_them() {
        let got = blocks("<p>  A &amp; B\n   &lt;C&gt;<br>D </p>khối");
        let texts: Vec<String> = got
            .iter()
            .map(|b| match b {
                Block::Paragraph { runs, .. } => runs_text(runs),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, ["A & B <C>\nD", "khối"]);
    }

    #[test]
    fn lists_get_the_dash_plus_and_number_markers() {
        let got = blocks(
            "<ul><li>Một<ul><li>Con</li></ul></li><li>Hai</li></ul><ol><li>X</li><li>Y</li></ol>",
        );
        let items: Vec<(String, u8, String)> = got
            .iter()
            .map(|b| match b {
                Block::ListItem {
                    marker,
                    depth,
                    runs,
                } => (marker.clone(), *depth, runs_text(runs)),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            items,
            [
                ("-".into(), 0, "Một".into()),
                ("+".into(), 1, "Con".into()),
                ("-".into(), 0, "Hai".into()),
                ("1.".into(), 0, "X".into()),
                ("2.".into(), 0, "Y".into()),
            ]
        );
    }

    #[test]
    fn tables_keep_their_spans_and_header_rows() {
        let got = blocks(
            "<table><thead><tr><th rowspan=\"2\">TT</th><th colspan=\"2\">Số liệu</th></tr><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td><b>x</b></td><td>y</td></tr></tbody></table>",
        );
        let [Block::Table(table)] = &got[..] else {
            panic!("{got:?}");
        };
        assert_eq!(table.columns.len(), 3);
        assert_eq!(table.rows_of(RowKind::Header).count(), 2);
        assert_eq!(table.rows[0].cells[0].rowspan, 2);
        assert_eq!(table.rows[0].cells[1].colspan, 2);
        assert_eq!(table.rows[2].cells[1].runs, [Run::bold("x")]);
        assert!(table.rows[0].cells[0].runs[0].bold, "th is bold");
    }

    #[test]
    fn hostile_spans_are_bounded() {
        let got = blocks("<table><tr><td colspan=\"65535\" rowspan=\"-3\">x</td></tr></table>");
        let [Block::Table(table)] = &got[..] else {
            panic!("{got:?}");
        };
        assert_eq!(table.columns.len(), 50);
        assert_eq!(table.rows[0].cells[0].rowspan, 1);
    }

    #[test]
    fn the_grid_counts_cells_spanning_from_above() {
        let rows = vec![
            TableRow {
                kind: RowKind::Header,
                cells: vec![Cell::text("a").span(1, 2), Cell::text("b").span(3, 1)],
            },
            TableRow {
                kind: RowKind::Header,
                cells: vec![Cell::text("c"), Cell::text("d"), Cell::text("e")],
            },
        ];
        assert_eq!(grid_width(&rows), 4);
    }
}
