import asyncio, sys
async def main():
    loop = asyncio.get_running_loop(); t0 = loop.time()
    async def inner(swallow):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.03)
            if swallow: return 'swallowed'
            raise
    for swallow in (True, False):
        t0 = loop.time()
        t = asyncio.create_task(inner(swallow))
        c = asyncio.create_task(asyncio.wait_for(t, None))
        await asyncio.sleep(0.01); c.cancel('stop')
        try:
            r = await c; print(sys.version.split()[0], 'swallow', swallow, 'result', r, round((loop.time()-t0)*1000))
        except asyncio.CancelledError as e:
            print(sys.version.split()[0], 'swallow', swallow, 'cancelled', repr(e), round((loop.time()-t0)*1000), t.cancelled())
asyncio.run(main())
