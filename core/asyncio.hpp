// Everything in one include, like `import asyncio`.
#pragma once

#include "coroutines.hpp"
#include "events.hpp"
#include "exceptions.hpp"
#include "futures.hpp"
#include "locks.hpp"
#include "runners.hpp"
#include "sync.hpp"
#include "tasks.hpp"
#include "timeouts.hpp"
