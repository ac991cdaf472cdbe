import asyncio

# A one-line string whose last line ends with a backslash, at the end of the file: CPython read no
# line after it, so the error is "detected at line 5", the line the string is on.
message = "unfinished \
