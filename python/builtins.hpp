// Built-in functions, types and exceptions (CPython's Python/bltinmodule.c and Objects/*), and the
// methods of list, dict and str that lessons use.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "interp.hpp"

namespace sp::py {

/// Fill interp.builtins: functions, types, the exception hierarchy.
void install_builtins(Interp& in);
/// divmod, pow, hex, oct, bin, ord, chr and hash (builtins_numbers.cpp).
void install_number_builtins(Interp& in);
/// Work a scan of `v` is about to do (==, `in`, count(), index(), find(), split()): a unit an item of
/// a list or tuple, or a byte of a str, counted as Interp::charge_work.
void charge_scan(Interp& in, const Value& v);
/// hash(v) of a hashable value (its TypeError otherwise), as CPython's object hashes.
std::int64_t hash_of(Interp& in, const Value& v);

/// Call anything that is not a Python function: built-ins, bound methods, types.
Value call_builtin(Interp& in, const Value& fn, CallArgs& args);
/// A method of a built-in value (list.append, str.join ...), bound to it; nullopt-like none if absent.
bool find_method(Interp& in, const Value& obj, const std::string& name, Value& out);
/// str.lower, list.append ...: the method of a built-in type taken from the type (a method
/// descriptor, called with the object first: sorted(words, key=str.lower)); false if it has none.
bool find_method_descriptor(Interp& in, const Value& type, const std::string& name, Value& out);
/// Calling one (its `self` is the type): the first argument must be of that type.
Value call_method_descriptor(Interp& in, const BoundMethodObj& m, CallArgs& args);
/// TypeError "list.append() takes no keyword arguments" for keywords given to a method of list,
/// tuple, dict or str that takes none (all but sort, split, rsplit, format and update).
void refuse_keywords(Interp& in, const Value& self, const std::string& method);
/// Whether CPython 3.11 has `name` in `owner` ("builtins", "asyncio", or a type's name: "str",
/// "_asyncio.Task" ...), so that the playground lacking it is said plainly.
bool python_has(const std::string& owner, const std::string& name);
/// Whether CPython 3.11's objects of the type `owner` have the attribute `name` (hasattr), and then
/// whether it is callable ("int.bit_length()") or not ("int.real"): python/cpython_attributes.hpp.
bool cpython_attribute(const std::string& owner, const std::string& name, bool& callable);
/// cpython_attribute for an object: its type's attributes, a class's own (int.__name__), a module's,
/// an exception's (BaseException's and its class's).
bool cpython_has_attribute(const Value& obj, const std::string& name, bool& callable);
/// The module and class name CPython gives an asyncio object's type (left as they are for others).
void asyncio_class(const Value& v, const char*& module, std::string& name);
/// NameError for a name neither the program nor the built-ins define, in the playground's words when
/// it is one of Python's built-ins the playground lacks.
[[noreturn]] void raise_undefined_name(Interp& in, const std::string& name);
/// A NameError about `name`, raised in the current frame (for the traceback's suggestion).
[[noreturn]] void raise_name_error(Interp& in, const std::string& name, const std::string& message);

Value unary_op(Interp& in, int op, const Value& v);
/// obj[index] = value; returns the value it replaced (None: none), which the caller lets go of.
Value store_subscript(Interp& in, const Value& obj, const Value& index, const Value& value);
/// `del obj[index]`, with PyObject_DelItem's errors.
void delete_subscript(Interp& in, const Value& obj, const Value& index);
/// TypeError "unhashable type: 'list'" for a value that cannot be a dict key (a tuple is looked into).
void check_hashable(Interp& in, const Value& v);
/// d[k] = v, refusing unhashable keys with Python's TypeError.
Value dict_set(Interp& in, DictObj* d, const Value& key, const Value& value);  // the value it replaced, or None
/// dict.update(other) (dict_update_arg): `other` a dict or an iterable of key/value pairs.
void dict_update(Interp& in, DictObj* d, const Value& other);
/// `except T:` matching (T a class or a tuple of classes).
bool exception_matches(Interp& in, const Value& exc, const Value& type);

// Argument checks in Python's words.
/// How CPython counts a built-in's arguments, which decides the words of its TypeError.
enum class ArgCheck {
    usual,   // METH_NOARGS/METH_O when min == max ("list.append() takes exactly one argument (0 given)",
             // named with its type), otherwise Argument Clinic's ("pop expected at most 1 argument, got 2")
    clinic,  // Argument Clinic's even when min == max ("insert expected 2 arguments, got 0")
    tuple,   // PyArg_ParseTuple's ("find() takes at least 1 argument (0 given)")
};
void expect_args(Interp& in, const std::string& name, const CallArgs& args, std::size_t min, std::size_t max,
                 ArgCheck how = ArgCheck::usual);
/// A C function of METH_NOARGS (`count` 0) or METH_O (1): no keywords, exactly `count` positional
/// arguments ("time.sleep() takes exactly one argument (0 given)"); `who` is "time.sleep".
void expect_c_arguments(Interp& in, const std::string& who, const CallArgs& args, std::size_t count);

/// A function of a module written in C++ (random's, time's).
struct ModuleFunction {
    const char* name;
    BuiltinFn fn;
};
/// The module `name` made once, a root of the collector (builtins[" name"], as asyncio's module), its
/// functions built in (each a method of `method_of`'s hidden instance, if given: "random.Random"):
/// `made` says whether this call made it.
ModuleObj* native_module(Interp& in, const std::string& name, std::initializer_list<ModuleFunction> functions,
                         bool& made, const char* method_of = nullptr);
/// An Argument Clinic converter's TypeError (_PyArg_BadArgument): "replace() argument 2 must be str,
/// not int", None named "None" rather than by its type.
[[noreturn]] void bad_argument(Interp& in, const std::string& function, const std::string& which, const char* expected,
                               const Value& arg);
/// A start or end argument of str.find and its kin (None: absent), as _PyEval_SliceIndex reads it:
/// ints past 64 bits clamp.
std::int64_t slice_index(Interp& in, const Value& v, std::int64_t absent, bool none_allowed = true);
/// exit() and quit() (site.Quitter): their repr is a sentence, not a built-in's.
BuiltinFn quitter_fn();
/// SystemExit's `code` (SystemExit_init): None without arguments, the one argument, else all of them.
Value system_exit_code(Interp& in, const Value& exc);
Value keyword(const CallArgs& args, std::string_view name, Value fallback);
std::int64_t to_index(Interp& in, const Value& v, const char* what);
/// An int read as a C int (_PyLong_AsInt, Argument Clinic's `int`): to_index's TypeError for what is
/// no int, OverflowError past 32 bits.
int to_c_int(Interp& in, const Value& v);
/// sorted(items, key=..., reverse=...), for sorted() and list.sort (`levels`: the C calls between the
/// program and a key function of its own, as CPython counts them against the recursion limit).
Value sort_values(Interp& in, std::vector<Value> items, const CallArgs& a, std::size_t levels);
double to_float(Interp& in, const Value& v, const std::string& what);

// Unicode's whitespace and decimal digits, as CPython's str methods, int() and float() read them.
/// Py_UNICODE_ISSPACE.
bool unicode_space(std::uint32_t c);
/// The UTF-8 length of the whitespace character at s[i], or 0 if none starts there.
std::size_t space_at(const std::string& s, std::size_t i);
/// The UTF-8 length of the whitespace character that ends at s[end - 1], or 0 (end > 0).
std::size_t space_before(const std::string& s, std::size_t end);
/// _PyUnicode_TransformDecimalAndSpaceToASCII: each whitespace character beyond ASCII as ' ', each
/// decimal digit as its ASCII digit; at the first other character beyond ASCII, '?' and the end.
std::string decimal_and_space_to_ascii(const std::string& s);

}  // namespace sp::py
