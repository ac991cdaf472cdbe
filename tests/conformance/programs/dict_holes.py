# A loop over a dict while its keys change. CPython's dict keeps a deleted entry as a hole and
# appends new keys after it until the table is full, then compacts (insertion_resize); its iterator
# walks the entries, so a loop that swaps one key for another sees the new key and fails with
# "dictionary keys changed during iteration", even when the dict became empty on the way.
import asyncio


def swap_each(d, rounds):
    try:
        for k in d:
            d.pop(k)
            d[k + "'"] = rounds
    except RuntimeError as e:
        print(len(d), e)
    return sorted(d)


print(swap_each({"a": 1}, 1))
print(swap_each({"a": 1, "b": 2, "c": 3}, 2))
d = {}
for i in range(40):
    d[f"k{i}"] = i
    if i % 3:
        d.pop(f"k{i - 1}", None)
print(len(d), list(d)[:5], swap_each(dict(d), 3)[:3])
queue = {n: n * n for n in range(6)}
while queue:
    print(queue.popitem(), end=" ")
queue["x"] = 1
print(queue, queue.popitem(), queue)


async def main():
    pending = {}
    for n in range(25):
        pending[f"task-{n}"] = asyncio.create_task(asyncio.sleep(n / 100, n))
        if n % 4 == 3:
            done = [name for name, t in pending.items() if t.done()]
            for name in done:
                pending.pop(name)
        await asyncio.sleep(0.01)
    print(len(pending), list(pending)[:3])
    print(await asyncio.gather(*pending.values()))
    for name in pending:
        await pending[name]
        pending[name + "!"] = None


asyncio.run(main())
