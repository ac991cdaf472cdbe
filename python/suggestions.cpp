// Python/suggestions.c: the ". Did you mean: 'acquire'?" that python3 3.11 adds to the last line of
// an uncaught NameError's or AttributeError's traceback (pythonrun.c's print_exception_suggestions,
// for each exception of the chain). The exception's text is unchanged (str(e) has no suggestion),
// and asyncio's logs ("Task exception was never retrieved") go through the traceback module, which
// in 3.11 offers none.
#include <algorithm>
#include <string_view>

#include "builtins.hpp"
#include "cpython_attributes.hpp"
#include "interp.hpp"

namespace sp::py {

namespace {

constexpr std::size_t max_candidate_items = 750;
constexpr std::size_t max_string_size = 40;
constexpr std::size_t move_cost = 2;
constexpr std::size_t case_cost = 1;

std::size_t substitution_cost(char a, char b) {
    if ((a & 31) != (b & 31)) return move_cost;  // not the same letter, not a case flip
    if (a == b) return 0;
    if ('A' <= a && a <= 'Z') a = static_cast<char>(a + ('a' - 'A'));
    if ('A' <= b && b <= 'Z') b = static_cast<char>(b + ('a' - 'A'));
    return a == b ? case_cost : move_cost;
}

/// levenshtein_distance: the cost of turning a into b (UTF-8 bytes), or max_cost + 1 when over it.
std::size_t levenshtein_distance(std::string_view a, std::string_view b, std::size_t max_cost) {
    while (!a.empty() && !b.empty() && a.front() == b.front()) a.remove_prefix(1), b.remove_prefix(1);
    while (!a.empty() && !b.empty() && a.back() == b.back()) a.remove_suffix(1), b.remove_suffix(1);
    if (a.empty() || b.empty()) return (a.size() + b.size()) * move_cost;
    if (a.size() > max_string_size || b.size() > max_string_size) return max_cost + 1;
    if (b.size() < a.size()) std::swap(a, b);  // the shorter one is the row
    if ((b.size() - a.size()) * move_cost > max_cost) return max_cost + 1;
    std::size_t row[max_string_size];
    for (std::size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * move_cost;
    std::size_t result = 0;
    for (std::size_t bi = 0; bi < b.size(); ++bi) {
        std::size_t distance = result = bi * move_cost;
        std::size_t minimum = SIZE_MAX;
        for (std::size_t ai = 0; ai < a.size(); ++ai) {
            const std::size_t substitute = distance + substitution_cost(b[bi], a[ai]);
            distance = row[ai];
            result = std::min(std::min(result, distance) + move_cost, substitute);
            row[ai] = result;
            minimum = std::min(minimum, result);
        }
        if (minimum > max_cost) return max_cost + 1;  // the whole row is too far already
    }
    return result;
}

/// calculate_suggestions: the nearest candidate, the first of equals; none past a third of the
/// characters changed, nor among 750 candidates or more.
std::string calculate_suggestions(const std::vector<std::string>& dir, const std::string& name) {
    if (dir.size() >= max_candidate_items) return "";
    const std::string* suggestion = nullptr;
    std::size_t suggestion_distance = SIZE_MAX;
    for (const std::string& item : dir) {
        if (item == name) continue;
        const std::size_t max_distance =
            std::min((name.size() + item.size() + 3) * move_cost / 6, suggestion_distance - 1);
        const std::size_t distance = levenshtein_distance(name, item, max_distance);
        if (distance > max_distance) continue;
        if (suggestion == nullptr || distance < suggestion_distance) {
            suggestion = &item;
            suggestion_distance = distance;
        }
    }
    return suggestion != nullptr ? *suggestion : "";
}

/// The names of a " a b c " list, appended to `out`.
void add_names(std::vector<std::string>& out, std::string_view spaced) {
    std::size_t at = 0;
    while ((at = spaced.find_first_not_of(' ', at)) != std::string_view::npos) {
        const std::size_t end = spaced.find(' ', at);
        out.emplace_back(spaced.substr(at, end - at));
        at = end;
    }
}

void add_attributes_of(std::vector<std::string>& out, const std::string& owner) {
    for (const CPythonAttributes& a : cpython_attributes) {
        if (owner != a.owner) continue;
        add_names(out, a.methods);
        add_names(out, a.data);
    }
}

/// dir(obj), sorted, as python3's for the objects the playground makes.
std::vector<std::string> dir_of(const Value& obj) {
    std::vector<std::string> names;
    if (is_kind(obj, Kind::module)) {
        add_attributes_of(names, as<ModuleObj>(obj)->name);
    } else {
        const TypeObj* t = is_kind(obj, Kind::type) ? as<TypeObj>(obj) : nullptr;
        const bool exception = is_kind(obj, Kind::exception) || (t != nullptr && t->is_exception);
        if (exception) add_attributes_of(names, "BaseException");  // and what the class adds
        add_attributes_of(names, t != nullptr ? t->name : type_name(obj));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

/// The co_varnames of the frame a NameError was raised in: a comprehension's own, when it was in one.
const std::vector<std::string>& varnames_at(const Code& code, std::size_t pc) {
    const ComprehensionRange* innermost = nullptr;  // nested ones come after the ones they are in
    for (const ComprehensionRange& c : code.comprehensions) {
        if (c.begin <= pc && pc < c.end) innermost = &c;
    }
    return innermost != nullptr ? innermost->varnames : code.varnames;
}

/// get_suggestions_for_name_error: the frame's variables, then the module's globals (in the order
/// they were bound), then the built-ins.
std::string name_error_suggestion(const Interp& in, const ExceptionObj& e) {
    std::string found = calculate_suggestions(varnames_at(*e.raised_in, e.raised_at), e.missing_name);
    if (!found.empty()) return found;
    std::vector<std::string> globals;
    add_names(globals, cpython_script_globals);
    for (const std::uint32_t slot : in.global_order) {
        const std::string& name = in.globals.names[slot];
        const Value& v = in.global_values[slot];
        if (is_kind(v, Kind::unbound) || std::find(globals.begin(), globals.end(), name) != globals.end()) continue;
        globals.push_back(name);
    }
    found = calculate_suggestions(globals, e.missing_name);
    if (!found.empty()) return found;
    std::vector<std::string> builtins;
    add_names(builtins, cpython_builtins_in_order);
    return calculate_suggestions(builtins, e.missing_name);
}

}  // namespace

std::string offer_suggestions(const Interp& in, const Value& exc) {
    const auto* e = as<ExceptionObj>(exc);
    if (e->missing_name.empty()) return "";  // raised by the program: no .name to look for
    std::string found;
    if (e->type->name == "NameError" && e->raised_in != nullptr) found = name_error_suggestion(in, *e);
    if (e->type->name == "AttributeError") found = calculate_suggestions(dir_of(e->missing_in), e->missing_name);
    return found.empty() ? "" : ". Did you mean: '" + found + "'?";
}

}  // namespace sp::py
