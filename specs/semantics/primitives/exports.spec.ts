/**
 * The names a port exports and what its error classes are (docs/contract.md, R1): another
 * port's users catch by class and print by `name`, so `name` must be the class name, as
 * Python prints `asyncio.exceptions.CancelledError`. A port that leaves an export out loses
 * only that row (the kit's stand-in reports it as not provided).
 */
import * as port from '@port';

const ERROR_CLASSES = ['CancelledError', 'InvalidStateError', 'TimeoutError', 'SessionClosedError', 'ServerDisconnectedError'] as const;
const CALLABLES = [
  'sleep', 'Future', 'Task', 'createTask', 'ensureFuture', 'wait', 'gather', 'waitFor',
  'Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore',
  'ThreadPoolExecutor', 'ProcessPoolExecutor', 'runInExecutor', 'ClientSession',
  'setExceptionHandler', 'defaultExceptionHandler',
] as const;

describe('[port.exports] exports and error classes', () => {
  test.each(ERROR_CLASSES)('%s is an Error subclass whose name is the class name', (name) => {
    const ErrorClass = port[name] as unknown as new (message?: string) => Error;
    const error = new ErrorClass('m');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.name).toBe(name);
    expect(error.message).toBe('m');
  });

  test.each(CALLABLES)('%s is exported under that name, as a function or class', (name) => {
    const exported: unknown = port[name];
    // Touching a stand-in (kit/port.ts) marks the export "not provided" rather than present.
    void (exported as { length?: unknown }).length;
    expect(typeof exported).toBe('function');
  });

  test('a Task is a Future', () => {
    expect(port.Task.prototype).toBeInstanceOf(port.Future);
  });
});
