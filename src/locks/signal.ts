// The validator now lives in src/signal.ts, shared with the task layer; kept here for the locks' imports.
export { signalOf } from '../signal';
