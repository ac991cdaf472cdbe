# str.removeprefix/removesuffix/isascii/expandtabs and issubclass(): results and argument errors in
# CPython's words (a learner strips "Task-" off a name; a course checks an exception's class).
try:
    print(repr("ab".removeprefix(1)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("ab".removeprefix()))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("ab".removesuffix("b", 2)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\tb".expandtabs("x")))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a".expandtabs(1,2)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a".isascii(1)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(issubclass(1, int)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(issubclass(int, 1)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(issubclass(bool, (str, 1))))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(issubclass(int)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a".expandtabs(tabsize=3)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a".expandtabs(size=3)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\tb".expandtabs(10**10)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("ab".removeprefix("")))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("ab".removesuffix("ab")))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("é".isascii()))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("".isascii()))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(str.removeprefix("abc", "a")))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("abc".removesuffix(suffix="c")))
except Exception as x:
    print(type(x).__name__ + ':', x)
print(repr('a\tbc\t\td\n\tx\r\ty'.expandtabs()), repr('ab\tc'.expandtabs(0)), repr('ab\tc'.expandtabs(-3)), repr('é\tx'.expandtabs(4)))
print(issubclass(bool, int), issubclass(ValueError, (KeyError, Exception)), issubclass(int, int), issubclass(KeyError, LookupError), issubclass(TimeoutError, OSError), issubclass(str, (int, float)))
print("Task-12".removeprefix("Task-"), "report.txt".removesuffix(".txt"), "x".removeprefix("xy"))
import asyncio
print(issubclass(asyncio.BoundedSemaphore, asyncio.Semaphore), issubclass(asyncio.Semaphore, asyncio.BoundedSemaphore), issubclass(asyncio.Task, asyncio.Future), issubclass(asyncio.Lock, object), issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception), issubclass(asyncio.TimeoutError, TimeoutError), issubclass(int, object), issubclass(float, int))
