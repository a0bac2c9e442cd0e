import type { SignalOption } from '../sleep';
import { RESOLVED_TRUE } from './waiter-queue';

interface Releasable {
  acquire(options?: SignalOption): Promise<true>;
  release(): void;
}

/** What `hold()` resolves to: disposing it releases once; disposing it again does nothing. */
class Held implements Disposable {
  #primitive: Releasable | undefined;

  constructor(primitive: Releasable) {
    this.#primitive = primitive;
  }

  [Symbol.dispose](): void {
    const primitive = this.#primitive;
    if (primitive === undefined) return;
    this.#primitive = undefined;
    primitive.release();
  }
}

/** `async with primitive:` as `using _ = await primitive.hold();`. */
export function hold(primitive: Releasable, options: SignalOption | undefined): Promise<Disposable> {
  const acquired = primitive.acquire(options);
  // Acquired at once: no need to wait a turn for the Disposable either.
  if (acquired === RESOLVED_TRUE) return Promise.resolve(new Held(primitive));
  return acquired.then(() => new Held(primitive));
}
