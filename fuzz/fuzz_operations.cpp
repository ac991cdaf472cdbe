// libFuzzer: random operation sequences on the runtime (see operations.hpp for what is checked).
//   cmake --preset fuzz && cmake --build --preset fuzz && build/fuzz/fuzz_operations fuzz/corpus/operations
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "operations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sp::fuzzing::OperationRun run(data, size);
        run.run();
    } catch (const sp::fuzzing::InvariantError& error) {
        std::fprintf(stderr, "invariant broken: %s\n", error.what());
        std::abort();
    }
    return 0;
}
