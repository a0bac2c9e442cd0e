"""Issue 12 item 9 on CPython: negative, NaN and infinite delays (each bounded by an outer wait_for of 50 ms)."""
import asyncio, sys


async def outcome(aw):
    try:
        return repr(await asyncio.wait_for(aw, 0.05))
    except BaseException as e:
        return f'{type(e).__name__} {e}'.strip()


async def main():
    loop = asyncio.get_running_loop()
    for v in (-1, 0, float('nan'), float('inf')):
        print(f'sleep({v}) ->', await outcome(asyncio.sleep(v, 'slept')))
    f = loop.create_future()
    for v in (-1, 0, float('nan'), float('inf')):
        async def w():
            d, p = await asyncio.wait([f], timeout=v)
            return (len(d), len(p))
        print(f'wait(timeout={v}) ->', await outcome(w()))
    for v in (-1, float('nan'), float('inf'), None):
        print(f'wait_for(sleep 10 ms, {v}) ->', await outcome(asyncio.wait_for(asyncio.sleep(0.01, 'z'), v)))
    print(sys.version.split()[0])

asyncio.run(main())
