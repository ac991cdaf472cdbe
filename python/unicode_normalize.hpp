// NFKC, for names: CPython's parser normalises every name that is not ASCII this way
// (_PyPegen_new_identifier), so "ﬁx" and "fix" are one variable, and so are "café" typed with a
// combining accent and with a precomposed one. Tables: unicode_normalization.hpp.
#pragma once

#include <string>
#include <string_view>

namespace sp::py {

/// unicodedata.normalize('NFKC', name). Precondition: `name` is valid UTF-8 whose characters may
/// be in a name (the tokenizer's check_name): only their decompositions are in the tables.
std::string nfkc_name(std::string_view name);

}  // namespace sp::py
