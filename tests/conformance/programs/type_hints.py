# Type hints as learners write them: evaluated where CPython evaluates them (a module's variable
# annotations, a def's parameter and return annotations), so a name never imported is CPython's
# NameError, while list[int], int | None and tuple[int, ...] run; a function's own are not evaluated.
import asyncio

results: list[int] = []
limit: int | None = 2


async def limited_task(n: int, sem: asyncio.Semaphore, log: dict[str, list[float]]) -> tuple[int, ...]:
    pending: Undefined  # a function's variable annotation is never evaluated
    async with sem:
        await asyncio.sleep(0.5)
        results.append(n)
        log.setdefault("done", []).append(asyncio.get_running_loop().time())
    return (n,)


async def main() -> None:
    sem = asyncio.Semaphore(limit)
    log: dict[str, list[float]] = {}
    print(await asyncio.gather(*(limited_task(n, sem, log) for n in range(4))))
    print(results, log)


asyncio.run(main())


def report(queue: Queue[int]) -> None:
    pass
