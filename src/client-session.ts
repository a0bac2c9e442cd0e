import { offAbort, onAbort } from './abort-listeners';
import { ServerDisconnectedError } from './client-errors';
import { cancelledBy, SessionClosedError } from './errors';
import { signalOf } from './locks/signal';

export interface RequestOptions {
  signal?: AbortSignal;
}

/** The answer of `ClientSession.get`: the body is read before it resolves, like `async with sess.get()`. */
export class ClientResponse {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  async text(): Promise<string> {
    return this.body;
  }

  async json<T = unknown>(): Promise<T> {
    return JSON.parse(this.body) as T;
  }
}

/**
 * aiohttp.ClientSession over Node's fetch. A request on a closed session rejects with
 * SessionClosedError ("Session is closed") without sending anything; `close()` aborts the
 * requests in flight, which reject with ServerDisconnectedError ("Server disconnected"), as
 * aiohttp 3.12.4 and later fail them when close() drops their connections. A request whose
 * own signal aborts rejects with CancelledError, as every call that can wait does.
 * `await using` closes it.
 */
export class ClientSession implements AsyncDisposable {
  #closed = false;
  readonly #inFlight = new Set<AbortController>();

  get closed(): boolean {
    return this.#closed;
  }

  async get(url: string | URL, options?: RequestOptions | null): Promise<ClientResponse> {
    const signal = signalOf('ClientSession.get()', options ?? undefined);
    checkUrl(url);
    if (this.#closed) throw new SessionClosedError();
    if (signal?.aborted) throw cancelledBy(signal);
    const controller = new AbortController();
    const forward = (): void => controller.abort(signal!.reason);
    if (signal !== undefined) onAbort(signal, forward);
    this.#inFlight.add(controller);
    try {
      const response = await fetch(url, { signal: controller.signal });
      const body = await response.text();
      return new ClientResponse(response.url || String(url), response.status, response.headers, body);
    } catch (error) {
      // Aborted by whoever came first: close(), whose reason is a ServerDisconnectedError, or
      // the caller's signal, whose reason `forward` passed on.
      if (controller.signal.aborted) {
        if (controller.signal.reason instanceof ServerDisconnectedError) throw new ServerDisconnectedError();
        throw cancelledBy(signal!);
      }
      throw error;
    } finally {
      if (signal !== undefined) offAbort(signal, forward);
      this.#inFlight.delete(controller);
    }
  }

  /** Closing again aborts nothing more: the requests in flight were aborted the first time. */
  async close(): Promise<void> {
    this.#closed = true;
    const reason = new ServerDisconnectedError();
    for (const controller of this.#inFlight) controller.abort(reason);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** aiohttp's InvalidURL, as a TypeError of this realm (fetch's own comes from Node's). */
function checkUrl(url: unknown): void {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw new TypeError(`ClientSession.get(url): url must be a string or a URL, got ${url === null ? 'null' : typeof url}`);
  }
  if (!URL.canParse(String(url))) throw new TypeError(`ClientSession.get(url): not an absolute URL: ${JSON.stringify(String(url))}`);
}
