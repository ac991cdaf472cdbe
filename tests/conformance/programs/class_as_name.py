# `class` used as a name is plain invalid syntax in Python, not a class statement the playground
# leaves out.
import asyncio

class = asyncio.Semaphore(2)
