import asyncio, sys
async def main():
    loop = asyncio.get_running_loop(); t0 = loop.time()
    now = lambda: round((loop.time() - t0) * 1000)
    cond = asyncio.Condition()
    async def inner():
        async with cond:
            await cond.wait()
    async def holder():
        await asyncio.sleep(0.001)
        await cond.acquire()
        await asyncio.sleep(0.069)
        cond.release()
    async def caller():
        return await asyncio.wait_for(i, 0.04)
    i = asyncio.create_task(inner())
    h = asyncio.create_task(holder())
    c = asyncio.create_task(caller())
    await asyncio.sleep(0.05)
    print('cancel at', now(), c.cancel('late'))
    try:
        await c
    except asyncio.CancelledError as e:
        print('caller ended at', now(), 'CancelledError', e.args, 'inner cancelled', i.cancelled())
    except BaseException as e:
        print('caller ended at', now(), type(e).__name__, e)
print(sys.version.split()[0]); asyncio.run(main())
