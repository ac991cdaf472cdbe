# key= of sorted(), list.sort(), min() and max() may be a function of the program: CPython calls it
# once per item, in order, before comparing; what it prints comes then, an exception it raises has
# its frame in the traceback, and it sees the enclosing function's variables.
import asyncio

results = [("ann", 3.5), ("bob", 1.25), ("cy", 2.0), ("dee", 1.25)]


def by_time(result):
    return result[1]


def by_time_then_name_desc(result):
    return (result[1], -len(result[0]), result[0])


def loud_len(word):
    print("key of", repr(word))
    return len(word)


print(sorted(results, key=by_time))
print(sorted(results, key=by_time, reverse=True))
print(sorted(results, key=by_time_then_name_desc))
print(min(results, key=by_time), max(results, key=by_time), min([], key=by_time, default="none"))
words = ["pear", "fig", "banana", "kiwi"]
words.sort(key=loud_len)
print(words)
print(max(words, key=loud_len))


def ranking(scores, bonus):
    def score(name):
        return scores[name] + bonus.get(name, 0)
    return sorted(scores, key=score, reverse=True)


print(ranking({"a": 1, "b": 5, "c": 3}, {"a": 10}))

# list.sort empties the list while it sorts (a key function sees []), and a list changed meanwhile
# is its ValueError; CPython's C calls in between count against the recursion limit.
queue = [3, 1, 2]


def peek(n):
    print("sorting", n, "queue is", queue)
    return n


queue.sort(key=peek)
print(queue)


def grow(n):
    queue.append(n)
    return n


try:
    queue.sort(key=grow)
except ValueError as e:
    print("ValueError:", e, queue)
seen = []


def depth_key(x, n=0):
    try:
        return depth_key(x, n + 1)
    except RecursionError:
        seen.append(n)
        return n


base = depth_key(0)
sorted([0], key=depth_key)
[0].sort(key=depth_key)
min([0, 1], key=depth_key)
print([base - n for n in seen])


async def main():
    durations = {"fetch": 0.3, "parse": 0.1, "store": 0.2}

    def duration(name):
        return durations[name]

    async def run(name):
        await asyncio.sleep(durations[name])
        return name

    order = sorted(durations, key=duration)
    print(order, await asyncio.gather(*(run(n) for n in order)))
    try:
        sorted(["fetch", "upload"], key=duration)
    except KeyError as e:
        print("KeyError from the key function:", e)
    print(sorted(["b", "a"], key=str.upper), sorted([3, -4, 1], key=abs))
    print(sorted([("x", 2), ("y", 1)], key=by_time)[0])
    sorted(["fetch", "upload"], key=duration)


asyncio.run(main())
