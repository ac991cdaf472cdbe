#!/usr/bin/env python3
"""Seeded random scenarios that stress the orderings that are easy to get wrong.

Usage:
    gen_random.py --seed S              one scenario (JSON) for seed S
    gen_random.py --seed S --count K    K scenarios, one per line, for seeds S .. S+K-1

The same seed gives the same scenario (random.Random(seed) is stable across Python versions).
What the distribution is after:
  - ties: times come mostly from a small set, so deadlines coincide all the time, set at the same
    virtual time and at different ones (equal deadlines fire in the order they were set);
  - timeouts that land exactly on a release: a timeout may be the sum of some tasks' durations,
    which is a release time when permits are few;
  - float sums: 0.1, 0.2, 0.3 ... (0.1 + 0.2 != 0.3), a few arbitrary values, and a few below the
    loop's 1e-9 clock resolution;
  - deadlocks: permits are 0 in about one scenario in ten;
  - extra releases: a task calls release() once more, which lifts a Semaphore above its start and
    makes a BoundedSemaphore raise ValueError in whichever task releases past the bound;
  - big runs: about one scenario in eight has 100-300 tasks with long timeouts that mostly get
    cancelled, so BaseEventLoop._run_once rebuilds its timer heap (over 100 timers, over half
    of them cancelled).
"""
import argparse
import json
import random

TIE_VALUES = [0, 0.5, 1, 1.5, 2, 3]
FLOAT_VALUES = [0.1, 0.2, 0.3, 0.7]
TINY_VALUES = [1e-10, 5e-10, 1e-9]  # below or at the clock resolution
LONG_TIMEOUTS = [30, 100, 1000]  # usually cancelled before they fire: heap clutter


def seconds(r):
    x = r.random()
    if x < 0.80:
        return r.choice(TIE_VALUES)
    if x < 0.93:
        return r.choice(FLOAT_VALUES)
    if x < 0.97:
        return round(r.uniform(0, 3), r.choice([1, 2, 3]))
    if x < 0.99:
        return r.uniform(0, 3)
    return r.choice(TINY_VALUES)


def timeout(r, tasks, default_duration, big):
    x = r.random()
    if tasks and x < 0.25:
        # The time the first k tasks release the permit if they hold it one after another (one
        # permit, no start delays): their durations summed in order, in floating point, as the
        # loop's clock adds them up.
        total = 0
        for t in tasks[:r.randint(1, min(4, len(tasks)))]:
            total += t.get("duration", default_duration)
        return total
    if big and x < 0.85:
        return r.choice(LONG_TIMEOUTS)
    if x < 0.80:
        return None  # explicit null: "no timeout", like an absent field
    return seconds(r)


def scenario(seed):
    r = random.Random(seed)
    big = r.random() < 0.12
    n = r.randint(100, 300) if big else r.randint(0, 40)
    permits = r.choices([0, 1, 2, 3, 4, 5], weights=[10, 25, 20, 20, 12, 13])[0]
    s = {"permits": permits, "bounded": r.random() < 0.3, "duration": r.choice(TIE_VALUES)}
    if r.random() < 0.15:
        s["tasks"] = n  # n identical default tasks
        return s
    tasks = []
    p_timeout = 0.9 if big else 0.35
    for _ in range(n):
        t = {}
        if r.random() < 0.8:
            t["duration"] = seconds(r)
        if r.random() < 0.3:
            t["start"] = seconds(r)
        if r.random() < p_timeout:
            t["timeout"] = timeout(r, tasks, s["duration"], big)
        if r.random() < 0.1:
            t["fail"] = True
        if r.random() < 0.05:
            t["extra_release"] = True  # a release() too many: value above its start, or ValueError
        tasks.append(t)
    s["tasks"] = tasks
    return s


def main():
    parser = argparse.ArgumentParser(description="Print seeded random scenarios as JSON.")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    print("\n".join(json.dumps(scenario(seed)) for seed in range(args.seed, args.seed + args.count)))


if __name__ == "__main__":
    main()
