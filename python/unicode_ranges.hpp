#pragma once

#include <cstddef>
#include <cstdint>

namespace sp::py::unicode {

/// The code points first to last, both included.
struct CodeRange {
    std::uint32_t first, last;
};

/// Whether `cp` is in one of `table`'s ranges, found by binary search. Precondition: the ranges are
/// sorted and disjoint (each after the one before it), as python/tools/unicode_tables.py writes the
/// tables of unicode_names.hpp and unicode_case.hpp.
template <std::size_t N>
constexpr bool in_ranges(const CodeRange (&table)[N], std::uint32_t cp) {
    std::size_t lo = 0, hi = N;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (table[mid].last < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < N && table[lo].first <= cp;
}

}  // namespace sp::py::unicode
