# fuzz_program: a refusal (the `@` operator) inside a read-ahead left its end unset, and the comma hint read a token past those read (ASan: heap-buffer-overflow in Parser::with_end).
# dict.keys(), values() and items() are views of the dict, not copies: they show its later changes,
# a loop over one while the dict grows or shrinks is CPython's runtimeError, and a view is not a
# list (no indexing, no append, no +).
import asyncio

stock = {"apples": 3, "pears": 0, "plums": 7}
keys, values, items = stock.keys(), stock.values(), stock.items()
stock["kiwis"] = 2
print(keys, values, items, sep="\n")
print(len(keys), "kiwis" in keys, 0 in values, ("plums", 7) i@n items, ("plums", 8) in items, [3] in items)
print(list(keys), sorted(values), max(items), sum(values), list(reversed(keys)), tuple(enumerate(values))[:2])
print(f"{keys}", str(values) == repr(values), bool({}.keys()), bool(keys), type(items).__name__)
print(keys == {"apples": 0, "pears": 0, "plums": 0, "kiwis": 0}.keys(), items == stock.copy().items(),
      values == stock.values(), keys == ["apples", "pears", "plums", "kiwis"], dict(items) == stock)
for attempt in ["keys()[0]", "values().append", "items() + items()", "pop in keys()"]:
    try:
        if attempt == "keys()[0]":
            print(stock.keys()[0])
        elif attempt == "values().append":
            stock.values().append(1)
        elif attempt == "items() + items()":
            print(stock.items() + stock.items())
        else:
            for name in stock.keys():
                if stock[name] == 0:
                    stock.pop(name)
    except (TypeError, AttributeError, RuntimeError) as e:
        print(type(e).__name__ + ":", e)
print(stock)
for name in list(stock.keys()):
    if stock[name] == 0:
        stock.pop(name)
print(stock, keys)


async def main():
    prices = {"a": 1, "b": 2}
    await asyncio.sleep(0.1)
    for key, price in prices.items():
        prices[key * 2] = price * 2


asyncio.run(main())
