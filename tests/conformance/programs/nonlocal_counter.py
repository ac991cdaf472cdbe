# nonlocal: workers defined inside main() count how many are inside the semaphore at once (the
# peak is the permits), and a counter made by a closure.
import asyncio

sem = asyncio.Semaphore(3)

async def main():
    active = 0
    peak = 0

    async def worker(n):
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            print(f"worker {n} in, {active} inside")
            await asyncio.sleep(0.5)
            active -= 1

    def make():
        count = 0
        def bump():
            nonlocal count
            count += 1
            return count
        return bump

    bump = make()
    print(bump(), bump(), bump())
    await asyncio.gather(*(worker(n) for n in range(7)))
    print("peak", peak, "active", active)

asyncio.run(main())
