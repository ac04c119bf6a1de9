#!/usr/bin/env python3
"""plan2xlsx.py PLANDIR OUT.xlsx - a plan folder as a workbook written by
openpyxl (another program than annex), the way a user would keep it:

- one sheet per CSV file (its name without .csv) and a documento sheet
  (chiave | valore) from documento.ini;
- plain integers as numbers (General), "1.670.000" as a number formatted
  #,##0, "95%" / "95,4%" as percentages, YYYY-MM-DD dates as dates
  (DD/MM/YYYY), anno as a number; everything else (codes with leading
  zeros, targets, texts with line breaks) as text;
- the header row bold and frozen, and an empty sheet "Note" left out.

Used by tests/e2e/t_workbook.sh: the workbook must give the same PDF text
as the folder.
"""
import configparser
import csv
import datetime
import os
import re
import sys

import openpyxl
from openpyxl.styles import Font

FILES = ["missioni", "prospettive", "obiettivi_strategici",
         "indicatori_strategici", "programmi", "obiettivi_operativi",
         "indicatori_operativi", "modifiche", "monitoraggio",
         "collegamenti"]


def cell_value(v):
    """The value and number format a user would type for text v."""
    if re.fullmatch(r"[1-9][0-9]{0,14}", v):
        return int(v), "General"
    if re.fullmatch(r"[1-9][0-9]{0,2}(\.[0-9]{3})+", v):
        return int(v.replace(".", "")), "#,##0"
    m = re.fullmatch(r"([0-9]+)(?:,([0-9]+))?%", v)
    if m:
        dec = m.group(2) or ""
        x = float(m.group(1) + "." + (dec or "0")) / 100
        return x, "0." + "0" * len(dec) + "%" if dec else "0%"
    if re.fullmatch(r"[0-9]+,[0-9]+", v) and not v.startswith("0"):
        return float(v.replace(",", ".")), "General"
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", v)
    if m:
        return datetime.datetime(*map(int, m.groups())), "DD/MM/YYYY"
    return v, None


def put(ws, row, col, v):
    c = ws.cell(row=row, column=col)
    if v == "":
        return
    val, fmt = cell_value(v)
    c.value = val
    if fmt:
        c.number_format = fmt


def main():
    src, out = sys.argv[1], sys.argv[2]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in FILES:
        path = os.path.join(src, name + ".csv")
        if not os.path.exists(path):
            continue
        ws = wb.create_sheet(name)
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row, 1):
                v = v.strip().replace("\r\n", "\n")
                if r == 1:
                    ws.cell(row=1, column=c, value=v).font = Font(bold=True)
                else:
                    put(ws, r, c, v)
        ws.freeze_panes = "A2"
    ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
    ini.read(os.path.join(src, "documento.ini"), encoding="utf-8")
    ws = wb.create_sheet("documento")
    ws.append(["chiave", "valore"])
    for k, v in ini["documento"].items():
        ws.append([k, None])
        put(ws, ws.max_row, 2, v.strip())
    wb.save(out)


if __name__ == "__main__":
    main()
