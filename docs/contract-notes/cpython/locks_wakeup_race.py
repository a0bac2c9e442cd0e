"""The wake-up race on CPython: a wake-up (set(), a release, notify()) and a cancellation in the
same loop iteration, before the woken task ran (docs/contract.md R44, R41, R55, R49)."""
import sys
import asyncio

async def lock_case():
    lock = asyncio.Lock(); out = []
    async def w(name):
        try:
            async with lock:
                out.append(f'{name} has the lock')
        except asyncio.CancelledError:
            out.append(f'{name} CancelledError, locked={lock.locked()}'); raise
    await lock.acquire()
    a = asyncio.create_task(w('a')); b = asyncio.create_task(w('b'))
    await asyncio.sleep(0)
    lock.release(); a.cancel()     # a was handed the lock, cancelled before it resumed
    await asyncio.gather(a, b, return_exceptions=True)
    print('Lock:', out, 'locked at end', lock.locked())

async def sem_case():
    sem = asyncio.Semaphore(0); out = []
    async def w(name):
        try:
            async with sem:
                out.append(f'{name} has a slot')
        except asyncio.CancelledError:
            out.append(f'{name} CancelledError'); raise
    a = asyncio.create_task(w('a')); b = asyncio.create_task(w('b'))
    await asyncio.sleep(0)
    sem.release(); a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print('Semaphore:', out, 'value', sem._value)

async def cond_notify_case():
    cond = asyncio.Condition(); out = []
    async def w(name):
        async with cond:
            try:
                await cond.wait()
                out.append(f'{name} notified')
            except asyncio.CancelledError:
                out.append(f'{name} CancelledError, holds lock={cond.locked()}'); raise
    a = asyncio.create_task(w('a')); b = asyncio.create_task(w('b'))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1); a.cancel()   # a chosen by notify, cancelled before it resumed
    await asyncio.gather(a, b, return_exceptions=True)
    print('Condition notify then cancel:', out)

async def cond_notify_all_case():
    cond = asyncio.Condition(); out = []
    async def w(name):
        async with cond:
            try:
                await cond.wait()
                out.append(f'{name} notified')
            except asyncio.CancelledError:
                out.append(f'{name} CancelledError'); raise
    a = asyncio.create_task(w('a')); b = asyncio.create_task(w('b'))
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all(); a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print('Condition notify_all then cancel:', out)

async def cond_reacquire_queued_case():
    # a waiter notified and queued to take the lock back, cancelled there: it leaves the lock's
    # queue and queues again at the tail, so a task that asked for the lock after it goes first
    cond = asyncio.Condition(); out = []
    async def w():
        async with cond:
            try:
                await cond.wait(); out.append('w returned')
            except asyncio.CancelledError:
                out.append(f'w CancelledError, holds lock={cond.locked()}'); raise
    async def other():
        async with cond:
            out.append('other has the lock')
    t = asyncio.create_task(w())
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        await asyncio.sleep(0)           # w resumes and queues for the lock
        o = asyncio.create_task(other())
        await asyncio.sleep(0)           # other queues behind w
        t.cancel()
        await asyncio.sleep(0)           # w leaves the lock queue, queues again behind other
    await asyncio.gather(t, o, return_exceptions=True)
    print('Condition cancelled while queued for the lock:', out)

async def cond_reacquire_handed_case():
    # the lock handed to the notified waiter, which is cancelled before it resumed: the lock goes
    # to the next lock waiter, the cancelled one queues again at the tail
    cond = asyncio.Condition(); out = []
    async def w():
        async with cond:
            try:
                await cond.wait(); out.append('w returned')
            except asyncio.CancelledError:
                out.append(f'w CancelledError'); raise
    async def other():
        async with cond:
            out.append('other has the lock')
    t = asyncio.create_task(w())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)           # w resumes and queues for the lock
    o = asyncio.create_task(other())
    await asyncio.sleep(0)           # other queues behind w
    cond.release(); t.cancel()       # lock handed to w; w cancelled before it resumed
    await asyncio.gather(t, o, return_exceptions=True)
    print('Condition lock handed back, then cancelled:', out)

async def event_case():
    ev = asyncio.Event(); out = []
    async def w(name):
        try:
            out.append(f'{name} returned {await ev.wait()}')
        except asyncio.CancelledError:
            out.append(f'{name} CancelledError'); raise
    a, b, c = (asyncio.create_task(w(n)) for n in 'abc')
    await asyncio.sleep(0)
    ev.set(); b.cancel()           # b woken by set(), cancelled before it resumed
    await asyncio.gather(a, b, c, return_exceptions=True)
    print('Event:', out)


async def main():
    print(sys.version.split()[0])
    for case in (event_case, lock_case, sem_case, cond_notify_case, cond_notify_all_case,
                 cond_reacquire_queued_case, cond_reacquire_handed_case):
        try:
            await asyncio.wait_for(case(), 1)
        except TimeoutError:
            print(f'{case.__name__}: hangs (a waiter never woken)')
asyncio.run(main())
