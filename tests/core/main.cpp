// The Catch2 runner for every test file in tests/core/.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
