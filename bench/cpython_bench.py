#!/usr/bin/env python3
"""CPython asyncio on the benchmark workloads (bench/README.md). Prints one JSON object.

    cpython_bench.py w1 N K     N tasks at once; each: async with sem: await asyncio.sleep(0)
    cpython_bench.py w2 N K     each task holds its permit for a 1 ms asyncio.sleep (real timers)
    cpython_bench.py w3 N       one task: N uncontended acquire/release pairs
"""
import asyncio
import json
import resource
import sys
import time


async def main(workload, n, k):
    sem = asyncio.Semaphore(k)
    state = {"holders": 0, "max": 0, "completed": 0}

    async def hold(seconds):
        async with sem:
            state["holders"] += 1
            state["max"] = max(state["max"], state["holders"])
            await asyncio.sleep(seconds)
            state["holders"] -= 1
            state["completed"] += 1

    if workload == "w3":
        for _ in range(n):
            async with sem:
                state["holders"] += 1
                state["max"] = max(state["max"], state["holders"])
                state["holders"] -= 1
        state["completed"] = 1
    else:
        await asyncio.gather(*(hold(0 if workload == "w1" else 0.001) for _ in range(n)))
    return state


if __name__ == "__main__":
    workload, n = sys.argv[1], int(sys.argv[2])
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    start = time.perf_counter()
    state = asyncio.run(main(workload, n, k))
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds,
        "max_concurrency": state["max"],
        "completed": state["completed"],
        "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))
