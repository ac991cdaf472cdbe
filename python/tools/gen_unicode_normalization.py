#!/usr/bin/env python3
"""Writes python/unicode_normalization.hpp: what NFKC needs for the characters a name may hold, as
the running python3 (3.11: Unicode 14) answers it. CPython's parser NFKC-normalises every name that
is not ASCII (_PyPegen_new_identifier), so "ﬁx" and "fix" are one variable, and so are "café" typed
with a combining accent and with a precomposed one.

- each name character's full compatibility decomposition (unicodedata.normalize('NFKD', c)),
  Hangul syllables aside (decomposed by arithmetic);
- the canonical combining class of every character that has one (canonical ordering);
- the primary composites: the pairs NFC composes again, and into what.

    python3 python/tools/gen_unicode_normalization.py > python/unicode_normalization.hpp
"""
import sys
import unicodedata

import unicode_tables

HANGUL = range(0xAC00, 0xD7A4)


def name_char(cp):
    return ("a" + chr(cp)).isidentifier()


def decompositions():
    keys, starts, chars = [], [], []
    for cp in range(0x80, 0x110000):
        if cp in HANGUL or not name_char(cp):
            continue
        d = unicodedata.normalize("NFKD", chr(cp))
        if d != chr(cp):
            keys.append(cp)
            starts.append(len(chars))
            chars.extend(ord(c) for c in d)
    starts.append(len(chars))
    assert len(chars) < 1 << 16
    return (
        "// The name characters (beyond ASCII, Hangul syllables aside) whose NFKD differs from them, in\n"
        "// order; decomposition_starts[i] to [i + 1] is key i's decomposition in decomposition_chars.\n"
        f"inline constexpr std::uint32_t decomposition_keys[{len(keys)}] = {{{','.join(f'0x{k:X}' for k in keys)}}};\n"
        f"inline constexpr std::uint16_t decomposition_starts[{len(starts)}] = {{{','.join(map(str, starts))}}};\n"
        f"inline constexpr std::uint32_t decomposition_chars[{len(chars)}] = {{{','.join(f'0x{c:X}' for c in chars)}}};\n"
    )


def combining_classes():
    rows, start, klass = [], None, 0
    for cp in range(0x110001):
        k = unicodedata.combining(chr(cp)) if cp < 0x110000 else 0
        if k != klass or (start is not None and k == 0):
            if start is not None and klass != 0:
                rows.append((start, cp - 1, klass))
            start, klass = (cp, k) if k else (None, 0)
    body = ",".join(f"{{0x{a:X},0x{b:X},{k}}}" for a, b, k in rows)
    return (
        "// Runs of characters with the same non-zero canonical combining class, in order.\n"
        "struct CombiningRun {\n    std::uint32_t first, last;\n    std::uint8_t klass;\n};\n"
        f"inline constexpr CombiningRun combining_classes[{len(rows)}] = {{{body}}};\n"
    )


def compositions():
    pairs = []
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if not d or d.startswith("<"):
            continue
        parts = [int(x, 16) for x in d.split()]
        # A primary composite: NFC makes it again from its two parts (not a composition exclusion).
        if len(parts) == 2 and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(cp):
            pairs.append((parts[0], parts[1], cp))
    pairs.sort()
    body = ",".join(f"{{0x{a:X},0x{b:X},0x{c:X}}}" for a, b, c in pairs)
    return (
        "// The canonical pairs NFC composes (Hangul aside), sorted by first, then second.\n"
        "struct Composition {\n    std::uint32_t first, second, composite;\n};\n"
        f"inline constexpr Composition compositions[{len(pairs)}] = {{{body}}};\n"
    )


sys.stdout.write(unicode_tables.header(
    "gen_unicode_normalization.py",
    [["<cstdint>"]],
    decompositions() + combining_classes() + compositions(),
))
