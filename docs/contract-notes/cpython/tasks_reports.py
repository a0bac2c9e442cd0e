"""Issue 12 items 11 and 12 on CPython: a throwing done callback is logged and the others run;
an unretrieved task failure is logged ("Task exception was never retrieved"); a retrieved one is not."""
import asyncio, gc, sys


async def main():
    loop = asyncio.get_running_loop()
    contexts = []
    loop.set_exception_handler(lambda loop, context: contexts.append(context))
    f = loop.create_future()
    f.add_done_callback(lambda f: 1 / 0)
    ran = []
    f.add_done_callback(lambda f: ran.append('second'))
    f.set_result(1)
    await asyncio.sleep(0)
    print('11 messages:', [c['message'].split(' ')[:3] for c in contexts], 'second callback ran:', ran == ['second'])
    contexts.clear()

    async def bad():
        raise ValueError('x')
    t = asyncio.create_task(bad()); await asyncio.sleep(0); del t
    gc.collect(); await asyncio.sleep(0)
    print('12 unretrieved:', [c['message'] for c in contexts])
    contexts.clear()
    t = asyncio.create_task(bad()); await asyncio.sleep(0); t.exception(); del t
    gc.collect(); await asyncio.sleep(0)
    print('12 retrieved with exception():', [c['message'] for c in contexts])
    t = asyncio.create_task(asyncio.sleep(1)); await asyncio.sleep(0); t.cancel(); await asyncio.sleep(0); del t
    gc.collect(); await asyncio.sleep(0)
    print('12 cancelled:', [c['message'] for c in contexts])
    print('get_exception_handler with ours set:', loop.get_exception_handler() is not None)
    loop.set_exception_handler(None)
    print('get_exception_handler after set_exception_handler(None):', loop.get_exception_handler())
    # A handler that raises: the default handler logs its error as 'Unhandled error in exception handler'.
    loop.set_exception_handler(lambda loop, context: 1 / 0)
    logged = []
    loop.default_exception_handler = lambda context: logged.append(context['message'])
    f = loop.create_future(); f.add_done_callback(lambda f: 1 / 0); f.set_result(1)
    await asyncio.sleep(0)
    print('handler raised, default handler got:', logged)
    print(sys.version.split()[0])

asyncio.run(main())
