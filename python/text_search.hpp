// Substring search in time linear in the text, as CPython's (Objects/stringlib/fastsearch.h, whose
// two-way search takes long needles): std::string's find compares the needle at every position,
// so 'a' * 10**7 searched for 'a' * 10**6 + 'b' ran for hours, and the page never heard back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sp::py {

/// Needles shorter than this go to std::string_view's find (memchr-fast, at most this many
/// comparisons a position); longer ones to Knuth-Morris-Pratt (each character looked at a bounded
/// number of times, the needle's border table built once).
inline constexpr std::size_t long_needle = 32;

namespace detail {

/// Where needle[0, m) first occurs in text[0, n) (any random-access iterators: reversed ones search
/// from the right), or -1.
template <class It>
std::ptrdiff_t kmp_search(It text, std::ptrdiff_t n, It needle, std::ptrdiff_t m) {
    std::vector<std::uint32_t> border(static_cast<std::size_t>(m));  // of needle[0, i]: longest proper one
    for (std::ptrdiff_t i = 1, k = 0; i < m; ++i) {
        while (k > 0 && needle[i] != needle[k]) k = border[static_cast<std::size_t>(k - 1)];
        if (needle[i] == needle[k]) ++k;
        border[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(k);
    }
    for (std::ptrdiff_t i = 0, k = 0; i < n; ++i) {
        while (k > 0 && text[i] != needle[k]) k = border[static_cast<std::size_t>(k - 1)];
        if (text[i] == needle[k]) ++k;
        if (k == m) return i - m + 1;
    }
    return -1;
}

}  // namespace detail

/// The first occurrence of `needle` in `text` at or after byte `from`: its byte index, or npos.
inline std::size_t find_text(std::string_view text, std::string_view needle, std::size_t from = 0) {
    if (needle.size() < long_needle || from > text.size()) return text.find(needle, from);
    const std::string_view hay = text.substr(from);
    const auto at = detail::kmp_search(hay.begin(), static_cast<std::ptrdiff_t>(hay.size()), needle.begin(),
                                       static_cast<std::ptrdiff_t>(needle.size()));
    return at < 0 ? std::string_view::npos : from + static_cast<std::size_t>(at);
}

/// The last occurrence of `needle` in `text` starting at or before byte `last_start`: its byte
/// index, or npos.
inline std::size_t rfind_text(std::string_view text, std::string_view needle,
                              std::size_t last_start = std::string_view::npos) {
    if (needle.size() < long_needle) return text.rfind(needle, last_start);
    if (needle.size() > text.size()) return std::string_view::npos;
    const std::size_t end =
        (last_start < text.size() - needle.size() ? last_start : text.size() - needle.size()) + needle.size();
    const std::string_view hay = text.substr(0, end);
    const auto at = detail::kmp_search(hay.rbegin(), static_cast<std::ptrdiff_t>(hay.size()), needle.rbegin(),
                                       static_cast<std::ptrdiff_t>(needle.size()));
    return at < 0 ? std::string_view::npos : hay.size() - static_cast<std::size_t>(at) - needle.size();
}

}  // namespace sp::py
