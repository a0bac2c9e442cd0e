"""Issue 12 items 1, 2, 4, 5 on CPython: run with python 3.12 and 3.13; every line must say OK."""
import asyncio, sys


def check(label, ok):
    print(('OK  ' if ok else 'FAIL'), label)


class Boom(Exception):
    pass


async def main():
    # 1. await task re-raises the very CancelledError the coroutine ended with.
    mine = asyncio.CancelledError('user gave up')
    async def raises_own():
        await asyncio.sleep(0)
        raise mine
    t = asyncio.create_task(raises_own())
    try:
        await t
    except asyncio.CancelledError as e:
        check('1 await task gives the same CancelledError instance', e is mine)
    try:
        t.result()
    except asyncio.CancelledError as e:
        check('1 (CPython quirk) a second retrieval builds a new CancelledError without args', e is not mine and e.args == ())

    # 2. An error raised while handling cancellation fails the task.
    async def boom_in_finally():
        try:
            await asyncio.sleep(10)
        finally:
            raise Boom()
    t = asyncio.create_task(boom_in_finally()); await asyncio.sleep(0)
    check('2 cancel() returns True', t.cancel())
    try:
        await t
    except Boom:
        check('2 the task fails with Boom, not cancelled', not t.cancelled() and isinstance(t.exception(), Boom))
    t = asyncio.create_task(boom_in_finally()); await asyncio.sleep(0)
    asyncio.get_running_loop().call_later(0.01, t.cancel)
    try:
        await asyncio.wait_for(t, 1)
    except Boom:
        check('2 wait_for re-raises Boom', True)
    try:
        await asyncio.wait_for(boom_in_finally(), 0.01)
    except Boom:
        check('2 wait_for re-raises Boom raised while its time-out cancels', True)
    t = asyncio.create_task(boom_in_finally()); await asyncio.sleep(0)
    g = asyncio.gather(t); t.cancel()
    try:
        await g
    except Boom:
        check('2 gather re-raises Boom, gathering not cancelled', not g.cancelled())

    # 4. wait_for with timeout <= 0, and None.
    started = []
    async def coro():
        started.append(1)
        return 5
    for timeout in (0, -1):
        try:
            await asyncio.wait_for(coro(), timeout)
        except TimeoutError:
            check(f'4 wait_for(coro, {timeout}) raises TimeoutError and the coroutine never starts', started == [])
    f = asyncio.get_running_loop().create_future(); f.set_result(7)
    check('4 wait_for(done future, 0 or -5) returns its result', await asyncio.wait_for(f, 0) == 7 and await asyncio.wait_for(f, -5) == 7)
    check('4 wait_for(aw, None) waits without limit', await asyncio.wait_for(asyncio.sleep(0.01, 'x'), None) == 'x')

    # 5. gather with a cancelled child fails with CancelledError; it is not cancelled itself.
    t1 = asyncio.create_task(asyncio.sleep(1)); t2 = asyncio.create_task(asyncio.sleep(0.01, 'y'))
    g = asyncio.gather(t1, t2); await asyncio.sleep(0); t1.cancel()
    try:
        await g
    except asyncio.CancelledError as ce:
        check('5 gathering with a cancelled child: cancelled() False, exception() is the CancelledError', not g.cancelled() and g.exception() is ce)
    t1 = asyncio.create_task(asyncio.sleep(0.01, 1)); t2 = asyncio.create_task(asyncio.sleep(1, 2))
    g = asyncio.gather(t1, t2); await asyncio.sleep(0.02)
    check('5 gathering.cancel() returns True', g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        check('5 a cancelled gathering fails with CancelledError, cancelled() False', not g.cancelled() and t2.cancelled())
    await asyncio.sleep(0.02)
    print(sys.version.split()[0])

asyncio.run(main())
