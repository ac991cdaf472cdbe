#!/usr/bin/env python3
"""Writes python/unicode_names.hpp: which characters beyond ASCII may start or continue a name,
which cannot be printed, and where each run of decimal digits starts, as the running python3 (3.11:
Unicode 14) decides (str.isidentifier, str.isprintable, unicodedata.decimal). The tokenizer needs them to refuse what CPython refuses: a zero-width space pasted
into a name, curly quotes around a string ("invalid character '“' (U+201C)").

    python3 python/tools/gen_unicode_names.py > python/unicode_names.hpp
"""
import sys
import unicodedata

import unicode_tables


ABOVE_ASCII = range(0x80, 0x110000)


def table(name, pred):
    return unicode_tables.table(name, pred, ABOVE_ASCII)


def decimal_zeros():
    # Every decimal digit beyond ASCII (Py_UNICODE_TODECIMAL) is in a run of ten, 0 to 9: int() and
    # float() read "١٢" as 12 (_PyUnicode_TransformDecimalAndSpaceToASCII).
    zeros = [cp for cp in range(0x80, 0x110000) if unicodedata.decimal(chr(cp), None) == 0]
    assert all(unicodedata.decimal(chr(z + d), None) == d for z in zeros for d in range(10))
    assert sum(unicodedata.decimal(chr(cp), None) is not None for cp in range(0x80, 0x110000)) == 10 * len(zeros)
    body = ",".join(f"0x{z:X}" for z in zeros)
    return ("// The zero of each run of ten decimal digits beyond ASCII.\n"
            f"inline constexpr std::uint32_t decimal_zeros[{len(zeros)}] = {{{body}}};\n")


sys.stdout.write(unicode_tables.header(
    "gen_unicode_names.py",
    [["<cstdint>"], ['"unicode_ranges.hpp"']],
    "// Code points from U+0080 on, in sorted, disjoint ranges.\n"
    # The tokenizer's verify_identifier checks a name as written (_PyUnicode_ScanIdentifier: XID_Start,
    # then XID_Continue), before the parser NFKC-normalises it: "x²" is "invalid character '²'".
    + table("name_start", lambda cp: chr(cp).isidentifier())
    + table("name_continue", lambda cp: ("a" + chr(cp)).isidentifier())
    + table("not_printable", lambda cp: not chr(cp).isprintable())
    + decimal_zeros()
))
