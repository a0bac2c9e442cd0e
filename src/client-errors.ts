/**
 * aiohttp.ServerDisconnectedError ("Server disconnected"): what a request still in flight
 * fails with when its session is closed. Since aiohttp 3.12.4 (CHANGES: "Fixed connector not
 * waiting for connections to close before returning from close()", #11074) close() closes the
 * open connections, and a connection lost before its response was read fails the request
 * with ServerDisconnectedError (aiohttp/client_proto.py, ResponseHandler.connection_lost).
 * A request *started* on a closed session is SessionClosedError ("Session is closed") instead.
 */
export class ServerDisconnectedError extends Error {
  constructor(message = 'Server disconnected', options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
