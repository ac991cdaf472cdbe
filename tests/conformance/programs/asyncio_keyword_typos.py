# Misspelt keyword arguments of asyncio's functions are TypeErrors in CPython's words, whichever
# way asyncio defines the function (in Python, or in C with Argument Clinic).
import asyncio

async def job():
    await asyncio.sleep(0.1)
    return "done"

async def main():
    mistakes = [
        lambda: asyncio.create_task(job(), nmae="worker"),
        lambda: asyncio.create_task(job(), "worker"),
        lambda: asyncio.create_task(coro=job(), name="ok"),
        lambda: asyncio.gather(job(), return_exception=True),
        lambda: asyncio.timeout(delay=1, when=2),
        lambda: asyncio.current_task().cancel(mesage="stop"),
        lambda: asyncio.current_task().cancel("a", msg="b"),
        lambda: asyncio.run(job(), debg=True),
        lambda: asyncio.run(),
    ]
    for mistake in mistakes:
        try:
            made = mistake()
            print("accepted:", type(made).__name__)
            if isinstance(made, asyncio.Task):
                print(await made, made.get_name())
        except TypeError as e:
            print("TypeError:", e)

asyncio.run(main(), debug=False)
