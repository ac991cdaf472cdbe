# Arguments asyncio's methods do not take, in CPython's words. Event, Semaphore, Lock and the loop
# are written in Python ("Event.wait() takes 1 positional argument but 2 were given": threading's
# Event.wait(timeout) is not asyncio's), Task's methods in C ("Task.done() takes no arguments (1
# given)"). timeout("x") fails at `loop.time() + delay`, timeout_at("x") at `when <= loop.time()`.
# current_task(loop) takes the loop.
import asyncio


async def main():
    ev = asyncio.Event()
    sem = asyncio.Semaphore(1)
    bsem = asyncio.BoundedSemaphore(1)
    lock = asyncio.Lock()
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(asyncio.sleep(0))
    gathered = asyncio.gather()
    for name in ["ev.set(1)", "ev.clear(1)", "ev.is_set(1)", "ev.wait(5)", "ev.set(x=1)", "sem.acquire(1)",
                 "sem.release(1)", "sem.locked(1)", "bsem.release(2)", "bsem.acquire(1)", "lock.acquire(timeout=1)",
                 "lock.release(1)", "lock.locked(1)", "task.done(1)", "task.cancelled(1)",
                 "task.result(1)", "task.get_name(1)", "task.cancel(1, 2)", "task.exception(1)", "task.set_name()",
                 "gathered.done(1)", "asyncio.current_task(1, 2)", "sem.acquire(blocking=False)"]:
        try:
            if name == "ev.set(1)": ev.set(1)
            elif name == "ev.clear(1)": ev.clear(1)
            elif name == "ev.is_set(1)": ev.is_set(1)
            elif name == "ev.wait(5)": await ev.wait(5)
            elif name == "ev.set(x=1)": ev.set(x=1)
            elif name == "sem.acquire(1)": await sem.acquire(1)
            elif name == "sem.release(1)": sem.release(1)
            elif name == "sem.locked(1)": sem.locked(1)
            elif name == "bsem.release(2)": bsem.release(2)
            elif name == "bsem.acquire(1)": bsem.acquire(1)
            elif name == "lock.acquire(timeout=1)": await lock.acquire(timeout=1)
            elif name == "lock.release(1)": lock.release(1)
            elif name == "lock.locked(1)": lock.locked(1)
            elif name == "task.done(1)": task.done(1)
            elif name == "task.cancelled(1)": task.cancelled(1)
            elif name == "task.result(1)": task.result(1)
            elif name == "task.get_name(1)": task.get_name(1)
            elif name == "task.cancel(1, 2)": task.cancel(1, 2)
            elif name == "task.exception(1)": task.exception(1)
            elif name == "task.set_name()": task.set_name()
            elif name == "gathered.done(1)": gathered.done(1)
            elif name == "asyncio.current_task(1, 2)": asyncio.current_task(1, 2)
            elif name == "sem.acquire(blocking=False)": await sem.acquire(blocking=False)
            print(name, "accepted")
        except TypeError as e:
            print(name, "->", e)
    await task
    print(asyncio.current_task(loop) is asyncio.current_task(), asyncio.current_task(None).get_name(),
          asyncio.current_task(loop=loop).get_name(), asyncio.current_task("other loop"))
    for bad in ["x", [1]]:
        try:
            asyncio.timeout(bad)
        except TypeError as e:
            print("timeout:", e)
        try:
            async with asyncio.timeout_at(bad):
                pass
        except TypeError as e:
            print("timeout_at:", e)
    async with asyncio.timeout(5) as cm:
        for args in [(), (1, 2)]:
            try:
                cm.reschedule(*args)
            except TypeError as e:
                print("reschedule:", e)
        print(cm.when())
    await ev.wait(1)


asyncio.run(main())
