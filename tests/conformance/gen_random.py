#!/usr/bin/env python3
"""Seeded random scenarios that stress the orderings that are easy to get wrong.

Usage: gen_random.py FIRST_SEED END_SEED   (one JSON scenario per line, seeds FIRST..END-1)

Values come mostly from a small set so that deadlines tie often (equal sleeps, timeouts that land
exactly on a release), with some float sums (0.1 + 0.2) and arbitrary values; permits are often 0 or
1 (deadlocks, long queues); about one scenario in ten has hundreds of tasks, so the timer heap grows
past the 100-timer rebuild threshold of BaseEventLoop._run_once.
"""
import json
import random
import sys

TIE_VALUES = [0, 0.5, 1, 1.5, 2, 3]


def scenario(seed):
    r = random.Random(seed)
    big = r.random() < 0.1
    n = r.randint(100, 400) if big else r.randint(0, 40)

    def seconds():
        if r.random() < 0.85:
            return r.choice(TIE_VALUES)
        return r.choice([0.1, 0.2, 0.3, 0.7, round(r.uniform(0, 3), 3), r.uniform(0, 3)])

    if r.random() < 0.15:
        tasks = n  # identical tasks
    else:
        tasks = []
        for _ in range(n):
            t = {}
            if r.random() < 0.8:
                t["duration"] = seconds()
            if r.random() < 0.3:
                t["start"] = seconds()
            if r.random() < 0.35:
                t["timeout"] = seconds()
            if r.random() < 0.1:
                t["fail"] = True
            tasks.append(t)
    return {
        "permits": 0 if r.random() < 0.06 else r.choice([1, 1, 2, 2, 3, 3, 4, 5]),
        "bounded": r.random() < 0.3,
        "duration": r.choice(TIE_VALUES),
        "tasks": tasks,
    }


if __name__ == "__main__":
    first, end = int(sys.argv[1]), int(sys.argv[2])
    for seed in range(first, end):
        print(json.dumps(scenario(seed)))
