// One name for the coroutine library on every toolchain we build with.
//
// g++ 12 and clang 14 on libstdc++ ship <coroutine>; Emscripten 3.1.6's libc++ only has
// <experimental/coroutine>. Both offer the same names, so the rest of core/ says `sp::co::`.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace sp::co {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace sp::co
#else
#include <experimental/coroutine>
namespace sp::co {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace sp::co
#endif
