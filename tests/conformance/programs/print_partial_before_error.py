# print() writes each argument and the separator before the next as it goes (print_impl): when an
# argument's str() raises, what came before it was printed, as python3 prints it.
import asyncio


async def main():
    total = 1
    for i in range(1, 2000):
        total *= i
    try:
        print("Result:", total)
    except ValueError as e:
        print()
        print("caught", type(e).__name__)
    try:
        print("x", "y", 10**5000, "z", sep="-", end="!\n")
    except ValueError:
        print("|after")
    try:
        print("a", 10**5000, end="")
    except ValueError:
        print("|end")


asyncio.run(main())
