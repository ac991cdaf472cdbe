#include "unicode_normalize.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

#include "tokens.hpp"
#include "unicode_normalization.hpp"
#include "value.hpp"

namespace sp::py {

namespace {

// Hangul syllables decompose and compose by arithmetic (Unicode 14, section 3.12).
constexpr char32_t s_base = 0xAC00, l_base = 0x1100, v_base = 0x1161, t_base = 0x11A7;
constexpr char32_t l_count = 19, v_count = 21, t_count = 28, n_count = v_count * t_count, s_count = l_count * n_count;

void decompose(char32_t cp, std::vector<char32_t>& out) {
    if (cp >= s_base && cp < s_base + s_count) {
        const char32_t s = cp - s_base;
        out.push_back(l_base + s / n_count);
        out.push_back(v_base + (s % n_count) / t_count);
        if (s % t_count != 0) out.push_back(t_base + s % t_count);
        return;
    }
    const auto* keys = std::begin(unicode::decomposition_keys);
    const auto* key = std::lower_bound(keys, std::end(unicode::decomposition_keys), cp);
    if (key == std::end(unicode::decomposition_keys) || *key != cp) {
        out.push_back(cp);
        return;
    }
    const auto i = static_cast<std::size_t>(key - keys);
    for (std::size_t k = unicode::decomposition_starts[i]; k < unicode::decomposition_starts[i + 1]; ++k)
        out.push_back(unicode::decomposition_chars[k]);
}

std::uint8_t combining_class(char32_t cp) {
    const auto* runs = std::begin(unicode::combining_classes);
    const auto* run = std::lower_bound(runs, std::end(unicode::combining_classes), cp,
                                       [](const unicode::CombiningRun& r, char32_t c) { return r.last < c; });
    return run != std::end(unicode::combining_classes) && run->first <= cp ? run->klass : 0;
}

/// The primary composite of `first` and `second`, or 0 if none.
char32_t compose(char32_t first, char32_t second) {
    if (first >= l_base && first < l_base + l_count && second >= v_base && second < v_base + v_count)
        return s_base + ((first - l_base) * v_count + (second - v_base)) * t_count;
    if (first >= s_base && first < s_base + s_count && (first - s_base) % t_count == 0 && second > t_base &&
        second < t_base + t_count)
        return first + (second - t_base);
    const auto* pairs = std::begin(unicode::compositions);
    const auto* pair =
        std::lower_bound(pairs, std::end(unicode::compositions), std::pair{first, second},
                         [](const unicode::Composition& c, std::pair<char32_t, char32_t> key) {
                             return c.first < key.first || (c.first == key.first && c.second < key.second);
                         });
    return pair != std::end(unicode::compositions) && pair->first == first && pair->second == second ? pair->composite
                                                                                                     : 0;
}

/// Canonical ordering: each run of non-starters sorted by combining class, stably.
void reorder(std::vector<char32_t>& cps) {
    for (std::size_t i = 0; i < cps.size();) {
        if (combining_class(cps[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < cps.size() && combining_class(cps[end]) != 0) ++end;
        std::stable_sort(cps.begin() + static_cast<std::ptrdiff_t>(i), cps.begin() + static_cast<std::ptrdiff_t>(end),
                         [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
        i = end;
    }
}

/// Canonical composition (UAX #15's algorithm): a character joins the last starter before it
/// unless a character between them blocks it (a starter, or one of the same or a higher class).
void recompose(std::vector<char32_t>& cps) {
    if (cps.empty()) return;
    std::size_t starter = 0;
    int last_class = combining_class(cps[0]) == 0 ? 0 : 256;  // a leading non-starter blocks all
    std::size_t out = 1;
    for (std::size_t i = 1; i < cps.size(); ++i) {
        const char32_t cp = cps[i];
        const int klass = combining_class(cp);
        const char32_t composite = compose(cps[starter], cp);
        if (composite != 0 && (last_class < klass || last_class == 0)) {
            cps[starter] = composite;
            continue;
        }
        if (klass == 0) starter = out;
        last_class = klass;
        cps[out++] = cp;
    }
    cps.resize(out);
}

}  // namespace

std::string nfkc_name(std::string_view name) {
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < name.size();) {
        const StrChar c = str_char_at(name, i);
        decompose(c.code_point, cps);
        i += c.bytes;
    }
    reorder(cps);
    recompose(cps);
    std::string out;
    for (char32_t cp : cps) utf8_append(out, cp);
    return out;
}

}  // namespace sp::py
