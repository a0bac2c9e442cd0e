"""CPython asyncio on the same work as the Node scenarios (standard library only).

Usage: python3 asyncio_bench.py <scenario> <param>
Prints one JSON line per event, like bench/cell.ts: {"warmup": x}, {"rep": x}, {"end": true}.
Figures are in the Node scenario's unit (ns per await / pair / hand-off / task / waiter, bytes).

An `await` of a resolved JS promise is one trip through the microtask queue. Awaiting a done
asyncio Future does not yield at all, so the closest equivalent of that trip is
`await asyncio.sleep(0)` (one pass through the ready queue); A reports both, and C and D use
sleep(0) where the Node code awaits a resolved promise.
"""
import asyncio
import gc
import json
import sys
import time
import tracemalloc


def emit(**line):
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def per(elapsed_s, n):
    return elapsed_s * 1e9 / n


async def a_done_future(_param):
    n = 1_000_000
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(None)
    start = time.perf_counter()
    for _ in range(n):
        await fut
    return per(time.perf_counter() - start, n)


async def a_sleep0(_param):
    n = 200_000
    start = time.perf_counter()
    for _ in range(n):
        await asyncio.sleep(0)
    return per(time.perf_counter() - start, n)


async def b_uncontended(_param):
    n = 300_000
    lock = asyncio.Lock()
    start = time.perf_counter()
    for _ in range(n):
        await lock.acquire()
        lock.release()
    return per(time.perf_counter() - start, n)


async def c_handoff(_param):
    tasks, rounds = 100, 1_000
    lock = asyncio.Lock()
    count = 0

    async def task():
        nonlocal count
        for _ in range(rounds):
            await lock.acquire()
            count += 1
            await asyncio.sleep(0)
            lock.release()

    start = time.perf_counter()
    await asyncio.gather(*(task() for _ in range(tasks)))
    elapsed = time.perf_counter() - start
    assert count == tasks * rounds
    return per(elapsed, count)


async def d_gating(param):
    n = int(param)
    sem = asyncio.Semaphore(2)

    async def task():
        async with sem:
            await asyncio.sleep(0)

    start = time.perf_counter()
    await asyncio.gather(*(task() for _ in range(n)))
    return per(time.perf_counter() - start, n)


async def e_broadcast(_param):
    n = 100_000
    event = asyncio.Event()
    resumed = 0
    done = asyncio.get_running_loop().create_future()

    async def waiter():
        nonlocal resumed
        await event.wait()
        resumed += 1
        if resumed == n:
            done.set_result(None)

    tasks = [asyncio.ensure_future(waiter()) for _ in range(n)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    start = time.perf_counter()
    event.set()
    await done
    elapsed = time.perf_counter() - start
    await asyncio.gather(*tasks)
    return per(elapsed, n)


async def f_notify(param):
    n = int(param)
    cond = asyncio.Condition()
    waiting = 0
    woken = 0
    done = asyncio.get_running_loop().create_future()

    async def waiter():
        nonlocal waiting, woken
        async with cond:
            waiting += 1
            await cond.wait()
            woken += 1
        if woken == n:
            done.set_result(None)

    tasks = [asyncio.ensure_future(waiter()) for _ in range(n)]
    while waiting < n:
        await asyncio.sleep(0)
    start = time.perf_counter()
    notified = 0
    while notified < n:
        async with cond:
            cond.notify(2)
        notified += 2
    await done
    elapsed = time.perf_counter() - start
    await asyncio.gather(*tasks)
    return per(elapsed, n)


async def g_task(_param):
    n = 100_000
    never = asyncio.get_running_loop().create_future()

    async def parked():
        await never

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.ensure_future(parked()) for _ in range(n)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (after - before) / n


SCENARIOS = {
    ("A", "done-future"): (a_done_future, 1, 5),
    ("A", "sleep0"): (a_sleep0, 1, 5),
    ("B", "3e5"): (b_uncontended, 1, 5),
    ("C", "100x1000"): (c_handoff, 1, 3),
    ("D", "10000"): (d_gating, 1, 5),
    ("D", "100000"): (d_gating, 0, 3),
    ("D", "1000000"): (d_gating, 0, 1),
    ("E", "1e5"): (e_broadcast, 0, 3),
    ("F", "10000"): (f_notify, 0, 3),
    ("F", "100000"): (f_notify, 0, 1),
    ("G", "task"): (g_task, 0, 2),
}


def main():
    scenario, param = sys.argv[1], sys.argv[2]
    entry = SCENARIOS.get((scenario, param))
    if entry is None:
        emit(unavailable=f"no CPython script for {scenario} {param}")
        return
    fn, warmups, reps = entry
    for _ in range(warmups):
        emit(warmup=asyncio.run(fn(param)))
    for _ in range(reps):
        emit(rep=asyncio.run(fn(param)))
    emit(end=True)


if __name__ == "__main__":
    main()
