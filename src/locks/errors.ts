/**
 * asyncio's RuntimeError for a synchronization primitive used without holding it: releasing an
 * unlocked Lock, waiting on or notifying a Condition whose lock is not acquired.
 */
export class LockNotAcquiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
