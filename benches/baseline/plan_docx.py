"""The plan as an integrator would write it without Kế hoạch số: python-docx, from the plan's
JSON export (`kehoachso export --plan … --format json`). It writes what our DOCX holds — the
header block, every section's heading and paragraphs, every table with its rows — so that the
two processes can be timed side by side:

    kehoachso export --plan KH-2021-2025/SYT --format json --out plan.json
    python3 benches/baseline/plan_docx.py plan.json plan.docx
"""

import json
import re
import sys
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt


class Paragraphs(HTMLParser):
    """The text of each <p> and <li> of a section's cleaned HTML."""

    def __init__(self):
        super().__init__()
        self.items, self.text, self.bullet = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self.text, self.bullet = [], tag == "li"

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self.items.append((self.bullet, "".join(self.text).strip()))

    def handle_data(self, data):
        self.text.append(data)


def cell_text(value):
    if isinstance(value, dict):
        return "; ".join(f"{year}: {amount:,}".replace(",", ".") for year, amount in value.items())
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return "" if value is None else str(value)


def main(source, target):
    plan = json.load(open(source, encoding="utf-8"))
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)

    meta = plan["document"]
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = plan["unit"]["name"].upper()
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = f"Số: {meta['number']}/KH-{plan['unit']['code']}"
    day = re.sub(r"(\d+)-(\d+)-(\d+)", r"ngày \3 tháng \2 năm \1", meta["date"])
    header.cell(1, 1).text = f"{meta['place']}, {day}"
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("KẾ HOẠCH\n" + plan["round"]["title"]).bold = True

    for s in plan["sections"]:
        doc.add_heading(f"{s['numbering']} {s['title']}".strip(), level=2)
        if s["not_applicable"]:
            doc.add_paragraph(f"Không áp dụng: {s['not_applicable_reason']}")
            continue
        parser = Paragraphs()
        parser.feed(s["html"])
        for bullet, text in parser.items:
            p = doc.add_paragraph(text, style="List Bullet" if bullet else None)
            p.paragraph_format.first_line_indent = None if bullet else Mm(10)

    for name, rows in plan["tables"].items():
        if not rows:
            continue
        doc.add_heading(name, level=2)
        columns = sorted({k for r in rows for k in r["values"]})
        table = doc.add_table(rows=1 + len(rows), cols=1 + len(columns))
        table.style = "Table Grid"
        # A row's cells read once: python-docx's `table.cell(i, j)` walks the whole table.
        lines = [["TT", *columns]] + [
            [str(i), *(cell_text(r["values"].get(c)) for c in columns)]
            for i, r in enumerate(rows, start=1)
        ]
        for row, line in zip(table.rows, lines):
            for cell, text in zip(row.cells, line):
                cell.text = text

    sign = doc.add_paragraph(
        f"{meta['signer_authority']}\n{meta['signer_title']}\n\n\n{meta['signer_name']}"
    )
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("Nơi nhận:\n" + meta["recipients"])
    doc.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
