# A finished task or gather() future shows its result through reprlib.repr
# (base_futures._future_repr_info): long lists, tuples, dicts, strs and ints are cut with '...',
# a dict's keys sorted when they can be. A gather() future prints as "<_GatheringFuture pending>",
# then "finished result=[...]" (while a task awaits it, with cb=[Task.task_wakeup()], which the
# reference cannot show: its tasks are program_events.py's TracedTask).
import asyncio


async def make(v):
    await asyncio.sleep(0.1)
    return v


async def main():
    values = [
        list(range(20)),
        list(range(6)),
        "x" * 50,
        "short",
        "é" * 40,
        "\n" * 9,
        {"b": 1, "a": list(range(10)), "d": (1,), "c": None, "e": 5},
        {2: "two", "one": 1},
        (1, 2, 3, 4, 5, 6, 7),
        (7,),
        12345678901234567890123456789012345678901234567890,
        -(10**39),
        1.5,
        1e300 * 10,
        True,
        None,
        [[1, [2, [3, [4, [5, [6, [7]]]]]]]],
        [(), [], {}],
        ValueError("a long message, longer than thirty characters"),
    ]
    for v in values:
        t = asyncio.create_task(make(v))
        await t
        print(repr(t).split("> ", 1)[1])
    g = asyncio.gather(make(1), make(list(range(10))))
    print(g)
    print(await g)
    print(g)
    bad = asyncio.gather(make(1), asyncio.sleep(-1, "x"), return_exceptions=True)
    await bad
    print(bad)
    print(asyncio.gather())
    for msg in [None, "stop"]:
        stopped = asyncio.gather(make(1), make(2))
        await asyncio.sleep(0)
        stopped.cancel(msg)
        try:
            await stopped
        except asyncio.CancelledError:
            print(stopped)
    late = asyncio.gather(make(1), asyncio.wait_for(make(2), 0.01))
    try:
        await late
    except asyncio.TimeoutError:
        print(late)


asyncio.run(main())
