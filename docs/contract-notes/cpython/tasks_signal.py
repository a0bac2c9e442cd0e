"""Issue 12 item 6 on CPython: cancelling a task that awaits gather / wait_for / wait."""
import asyncio, sys


def check(label, ok):
    print(('OK  ' if ok else 'FAIL'), label)


async def main():
    kids = [asyncio.create_task(asyncio.sleep(1)) for _ in range(2)]
    async def g():
        return await asyncio.gather(*kids)
    outer = asyncio.create_task(g()); await asyncio.sleep(0); outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        check('6 gather: the awaiting task ends cancelled, the children are cancelled', outer.cancelled() and all(k.cancelled() for k in kids))
    inner = asyncio.create_task(asyncio.sleep(1))
    async def wf():
        return await asyncio.wait_for(inner, 10)
    outer = asyncio.create_task(wf()); await asyncio.sleep(0); outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        check('6 wait_for: the awaiting task ends cancelled, the awaitable is cancelled', outer.cancelled() and inner.cancelled())
    inner = asyncio.create_task(asyncio.sleep(0.05, 'r'))
    async def w():
        return await asyncio.wait([inner])
    outer = asyncio.create_task(w()); await asyncio.sleep(0); outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        check('6 wait: the awaiting task ends cancelled, the futures keep running', outer.cancelled() and not inner.done())
    check('6 wait: the future still finishes with its result', await inner == 'r')
    # A signal already aborted: a task cancelled before it awaits ends cancelled at once (no
    # time passes), wait leaving its future running, gather and wait_for cancelling theirs.
    loop = asyncio.get_running_loop()
    for name, call in (('gather', asyncio.gather), ('wait_for', lambda f: asyncio.wait_for(f, 10)), ('wait', lambda f: asyncio.wait([f]))):
        inner = asyncio.create_task(asyncio.sleep(0.05, 'r'))
        async def pre():
            asyncio.current_task().cancel()
            return await call(inner)
        started = loop.time()
        outer = asyncio.create_task(pre())
        try:
            await outer
        except asyncio.CancelledError:
            pass
        at_once = outer.cancelled() and loop.time() - started < 0.01
        check(f'6 {name}, cancelled before it awaits: cancelled at once, the awaitable ' + ('left running' if name == 'wait' else 'cancelled'),
              at_once and (not inner.done() if name == 'wait' else inner.cancelled()))
        try:
            await inner
        except asyncio.CancelledError:
            pass
    print(sys.version.split()[0])

asyncio.run(main())
