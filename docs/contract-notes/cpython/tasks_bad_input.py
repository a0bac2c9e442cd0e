"""Issue 12 bad-input table on CPython: what asyncio does with odd arguments (each bounded by 50 ms)."""
import asyncio, sys


async def outcome(make):
    try:
        aw = make()
        if asyncio.isfuture(aw) or asyncio.iscoroutine(aw):
            return repr(await asyncio.wait_for(aw, 0.05))
        return repr(aw)
    except BaseException as e:
        return type(e).__name__


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future(); done.set_result(1)
    async def coro():
        return 'c'
    rows = {
        "sleep('1')": lambda: asyncio.sleep('1'),
        'sleep(None)': lambda: asyncio.sleep(None),
        'create_task(None)': lambda: asyncio.create_task(None),
        'create_task(42)': lambda: asyncio.create_task(42),
        'create_task(coro, name=42).get_name()': lambda: asyncio.create_task(coro(), name=42).get_name(),
        'ensure_future(None)': lambda: asyncio.ensure_future(None),
        'ensure_future(42)': lambda: asyncio.ensure_future(42),
        'wait(None)': lambda: asyncio.wait(None),
        'wait(42)': lambda: asyncio.wait(42),
        'wait([])': lambda: asyncio.wait([]),
        "wait([f], timeout='1')": lambda: asyncio.wait([done], timeout='1'),
        "wait([f], return_when='SOON')": lambda: asyncio.wait([done], return_when='SOON'),
        'gather(42)': lambda: asyncio.gather(42),
        'gather()': lambda: asyncio.gather(),
        'wait_for(None, 1)': lambda: asyncio.wait_for(None, 1),
        "wait_for(coro, '1')": lambda: asyncio.wait_for(coro(), '1'),
        'future.add_done_callback(None) then set_result': lambda: (lambda f: (f.add_done_callback(None), f.set_result(1)))(loop.create_future()),
        'future.remove_done_callback(None)': lambda: loop.create_future().remove_done_callback(None),
        'future.cancel(42) message': lambda: (lambda f: (f.cancel(42), f._cancel_message))(loop.create_future()),
        'future.set_exception(None)': lambda: loop.create_future().set_exception(None),
    }
    for label, make in rows.items():
        print(f'{label} -> {await outcome(make)}')
        await asyncio.sleep(0)
    print(sys.version.split()[0])

asyncio.run(main())
