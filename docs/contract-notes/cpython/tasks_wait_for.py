"""wait_for and wait on CPython: a second cancel() during a time-out's clean-up, awaitables cancelled
by someone else, cancel messages, errors raised while cancelling, and wait(timeout <= 0)."""
import asyncio, sys


async def second_cancel():
    # inner's clean-up would take 1 s; the caller is cancelled 200 ms after its 50 ms time-out
    # (wide margins: on a loaded machine two timers close together can fall in one loop turn)
    loop = asyncio.get_running_loop()
    log = []

    async def inner():
        try:
            await asyncio.sleep(10)
        finally:
            try:
                await asyncio.sleep(1)
                log.append('inner clean-up finished')
            except asyncio.CancelledError:
                log.append('inner clean-up interrupted')
                raise

    it = asyncio.create_task(inner())
    ct = asyncio.create_task(asyncio.wait_for(it, 0.05))
    await asyncio.sleep(0.25)
    ct.cancel('late')
    cancelled_at = loop.time()
    try:
        await ct
    except BaseException as e:
        log.append(f'caller {type(e).__name__}{e.args} before the clean-up would end: {loop.time() - cancelled_at < 0.5}')
    await asyncio.gather(it, return_exceptions=True)
    log.append(f'inner cancelled: {it.cancelled()}')
    print('second cancel during the clean-up:', '; '.join(log))


async def outcome(aw):
    try:
        return repr(await aw)
    except BaseException as e:
        return f'{type(e).__name__}{e.args}'


async def cancelled_elsewhere():
    loop = asyncio.get_running_loop()
    for limit in (0, 1, None):
        f = loop.create_future()
        f.cancel('gone')
        print(f'wait_for(future cancelled before, {limit}) ->', await outcome(asyncio.wait_for(f, limit)))
    for limit in (1, None):
        f = loop.create_future()
        loop.call_later(0.01, f.cancel, 'gone')
        print(f'wait_for(future cancelled meanwhile, {limit}) ->', await outcome(asyncio.wait_for(f, limit)))


def message(f):
    try:
        f.result()
    except asyncio.CancelledError as e:
        return e.args
    return 'not cancelled'


async def cancel_messages():
    loop = asyncio.get_running_loop()
    for limit in (1, None):
        f = loop.create_future()
        t = asyncio.create_task(asyncio.wait_for(f, limit))
        await asyncio.sleep(0)
        t.cancel('bye')
        print(f'task in wait_for(future, {limit}) cancelled: future cancelled before cancel() returns: {f.cancelled()}, message {message(f)}')
        await asyncio.gather(t, return_exceptions=True)
    for limit in (1, None, 0):
        f = loop.create_future()

        async def outer():
            asyncio.current_task().cancel('bye')
            return await asyncio.wait_for(f, limit)

        await asyncio.gather(asyncio.create_task(outer()), return_exceptions=True)
        print(f'cancel pending when the task reaches wait_for(future, {limit}): future message {message(f)}')


async def done_callback_cancels_caller():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    holder = {}
    f.add_done_callback(lambda _: holder['caller'].cancel('late'))
    holder['caller'] = ct = asyncio.create_task(asyncio.wait_for(f, 0.01))
    await asyncio.gather(ct, return_exceptions=True)
    print('timed-out future whose done callback cancels the caller: caller cancelled:', ct.cancelled())


async def error_while_cancelling():
    for limit in (1, None):
        async def inner():
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                await asyncio.sleep(0.02)
                raise ValueError('cleanup failed')

        it = asyncio.create_task(inner())
        ct = asyncio.create_task(asyncio.wait_for(it, limit))
        await asyncio.sleep(0.01)
        ct.cancel('stop')
        print(f'wait_for(task, {limit}) cancelled, task raises while cancelling ->', await outcome(ct))


async def swallowed_cancel():
    for limit in (1, None):
        async def inner():
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                await asyncio.sleep(0.02)
                return 'swallowed'

        it = asyncio.create_task(inner())
        ct = asyncio.create_task(asyncio.wait_for(it, limit))
        await asyncio.sleep(0.01)
        ct.cancel('stop')
        print(f'wait_for(task, {limit}) cancelled, task swallows it and returns ->', await outcome(ct))


async def cleanup_then_cancelled():
    loop = asyncio.get_running_loop()
    async def inner():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            await asyncio.sleep(0.03)
            raise

    t0 = loop.time()
    it = asyncio.create_task(inner())
    ct = asyncio.create_task(asyncio.wait_for(it, None))
    await asyncio.sleep(0.01)
    ct.cancel('stop')
    result = await outcome(ct)
    print(f'wait_for(task, None) cancelled at 10 ms, task cleans up 30 ms and re-raises -> {result} at {round((loop.time() - t0) * 1000)} ms')


async def wait_nonpositive():
    async def quick():
        return 1

    for timeout in (0, -1):
        t = asyncio.create_task(quick())
        done, pending = await asyncio.wait([t], timeout=timeout)
        print(f'wait([task returning in its first step], timeout={timeout}): done {t in done}')


async def main():
    await second_cancel()
    await cancelled_elsewhere()
    await cancel_messages()
    await done_callback_cancels_caller()
    await error_while_cancelling()
    await swallowed_cancel()
    await cleanup_then_cancelled()
    await wait_nonpositive()
    print(sys.version.split()[0])

asyncio.run(main())
