#!/usr/bin/env python3
"""Writes python/unicode_case.hpp: what str's case methods and character classes need beyond ASCII,
as the running python3 (3.11: Unicode 14) answers them, so that "Nguyễn".upper() is "NGUYỄN" and
"ǅ".isupper() is False here too (Objects/unicodeobject.c do_upper, do_lower, do_title,
do_capitalize, do_swapcase, unicode_isupper_impl...; Objects/unicodectype.c's flags):

- each character's full case mappings (str.upper, str.lower, str.title and str.casefold of the one
  character: "ß".upper() is "SS", "ﬁ".title() is "Fi", "ß".casefold() is "ss");
- the flags those methods test: Uppercase, Lowercase, Titlecase (category Lt), Cased and
  Case_Ignorable (the final sigma's context), read back from python3's own answers;
- str.isalpha, str.isalnum, str.isdigit, str.isdecimal and str.isnumeric of each character, and
  str.isidentifier's XID_Start and XID_Continue (without the tokenizer's NFKC: "℘".isidentifier()).

    python3 python/tools/gen_unicode_case.py > python/unicode_case.hpp
"""
import sys
import unicodedata

import unicode_tables

ALL = range(0x110000)  # ASCII too: its case-ignorable marks (' . : ^ `) come from the same rule


def cased(cp):
    c = chr(cp)
    return c.isupper() or c.islower() or unicodedata.category(c) == "Lt"


def case_ignorable(cp):
    # handle_capital_sigma skips case-ignorable characters before a capital sigma: after a cased
    # letter, an ignorable one leaves the sigma final; one that is not (and is not cased) does not.
    # A cased character that is also ignorable is skipped, so a sigma after it alone is not final.
    c = chr(cp)
    if cased(cp):
        return (c + "\u03a3").lower()[-1] == "\u03c3"
    return ("A" + c + "\u03a3").lower()[-1] == "\u03c2"


def table(name, pred):
    return unicode_tables.table(name, pred, ALL)


def mappings():
    # Each character whose upper, lower or title case is not itself: its three mappings as offsets
    # into one pool of code point sequences (length first), identical sequences shared.
    pool, where, rows = [], {}, []

    def offset(text):
        key = tuple(ord(ch) for ch in text)
        if key not in where:
            where[key] = len(pool)
            pool.extend((len(key),) + key)
        return where[key]

    for cp in ALL:
        c = chr(cp)
        if c.upper() == c and c.lower() == c and c.title() == c and c.casefold() == c:
            continue
        rows.append(f"{{0x{cp:X},{offset(c.upper())},{offset(c.lower())},{offset(c.title())},{offset(c.casefold())}}}")
    assert len(pool) < 0x10000
    return (
        "// Characters with a case mapping, sorted: {code point, upper, lower, title, casefold}, each an offset\n"
        "// into case_pool, where a mapping is its length, then its code points.\n"
        f"inline constexpr CaseMapping case_mappings[{len(rows)}] = {{{','.join(rows)}}};\n"
        f"inline constexpr std::uint32_t case_pool[{len(pool)}] = {{{','.join(str(x) for x in pool)}}};\n"
    )


sys.stdout.write(unicode_tables.header(
    "gen_unicode_case.py",
    [["<cstdint>"], ['"unicode_ranges.hpp"']],
    "struct CaseMapping { std::uint32_t code_point; std::uint16_t upper, lower, title, fold; };\n\n"
    + mappings()
    + "\n// Code points, in sorted, disjoint ranges.\n"
    + table("uppercase", lambda cp: chr(cp).isupper())
    + table("lowercase", lambda cp: chr(cp).islower())
    + table("titlecase", lambda cp: unicodedata.category(chr(cp)) == "Lt")
    + table("cased", cased)
    + table("case_ignorable", case_ignorable)
    + table("alpha", lambda cp: chr(cp).isalpha())
    + table("alnum", lambda cp: chr(cp).isalnum())
    + table("digit", lambda cp: chr(cp).isdigit())
    + table("decimal", lambda cp: chr(cp).isdecimal())
    + table("numeric", lambda cp: chr(cp).isnumeric())
    + table("xid_start", lambda cp: chr(cp).isidentifier())
    + table("xid_continue", lambda cp: ("a" + chr(cp)).isidentifier())
))
