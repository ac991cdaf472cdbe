# fuzz_program (timeout): each bracket after a name read the rest ahead again, so the reads doubled per bracket.
import asynzcio

sem = asyncio.Sem{{{{o{Sc.mei{{{{{{{{k{{{y{{{_aio_CancelledError{{{{{{{k{{{{{{{{{{{{{{{{{{{{{{{{{{{k{{{y{{{_aio_CancelledError{{{{{{{k{{{{{{{{{{{{{{{{{{{{{{{{{{{{aphor{{{{{{{{u{{{{{{{{y{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{a def main():
    asy{{{{{{{{{{{{{{{{{{{{{{{?aphore(2)

async def main():
    
sem = ash !em:
  (    ncio.run(main())
