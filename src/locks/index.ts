// asyncio's synchronization primitives (Lib/asyncio/locks.py, 3.13 behaviour where versions differ).
export { Lock } from './lock';
export { Event } from './event';
export { Condition } from './condition';
export { Semaphore, BoundedSemaphore } from './semaphore';
export { LockNotAcquiredError } from './errors';
