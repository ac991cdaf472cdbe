# Indexing and slicing with something that is not an int, in CPython 3.11's words: a str says
# "string indices must be integers, not 'T'" (unicode_subscript), a slice bound "slice indices must
# be integers or None or have an __index__ method" (_PyEval_SliceIndex), and storing into a list
# "list indices must be integers or slices, not T" (list_ass_subscript).
import asyncio

scores = [90, 75, 60]
name = "semaphore"
for key in ["1", None, 1.5]:
    for what in ["scores[key]", "name[key]", "scores[key:2]", "name[:key]", "scores[::key]", "scores[key] = 0"]:
        try:
            if what == "scores[key]":
                scores[key]
            elif what == "name[key]":
                name[key]
            elif what == "scores[key:2]":
                print("slice:", scores[key:2])
            elif what == "name[:key]":
                print("slice:", name[:key])
            elif what == "scores[::key]":
                print("slice:", scores[::key])
            else:
                scores[key] = 0
        except TypeError as e:
            print(f"{what} with {key!r}: {e}")


async def main():
    print(name[int("2")], scores[-1], name[2:4], scores[None:None])
    print(name["0"])


asyncio.run(main())
