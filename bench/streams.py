#!/usr/bin/python3
"""streams.py PDF OUT: every page content stream of PDF, decompressed, into
OUT as "LENGTH\\n" and the bytes, one after another (bench/deflate.c's
input)."""
import sys

import pikepdf

with pikepdf.open(sys.argv[1]) as pdf, open(sys.argv[2], "wb") as out:
    for page in pdf.pages:
        c = page.obj.Contents
        for s in c if isinstance(c, pikepdf.Array) else [c]:
            b = s.read_bytes()
            out.write(b"%d\n" % len(b))
            out.write(b)
