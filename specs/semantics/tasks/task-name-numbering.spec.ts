/**
 * Reference-port extra: a task given no name is numbered when it is created, and the name reads
 * `Task-<n>` with that number, whenever it is first read. The reference port keeps the number
 * and makes the string on first read (as CPython's C Task does), since the string would be 32 B
 * of every pending task (bench G); a name made from the counter at read time would number tasks
 * in the order their names were read. CPython 3.13: two tasks created in turn, their names read
 * in reverse order, are Task-3 and Task-2 (Task-1 is the main task), and `get_name()` returns
 * the same string each time. The contract (R13) only asks for a name of the form `Task-<n>`.
 */
import { createTask } from '@port';

describe('[extra] a task given no name is numbered at its creation', () => {
  function numberOf(name: string): number {
    expect(name).toMatch(/^Task-\d+$/);
    return Number(name.slice('Task-'.length));
  }

  test('names read in reverse creation order still count up in creation order, by one', () => {
    const first = createTask(async () => 1);
    const named = createTask(async () => 2, { name: 'between' });
    const second = createTask(async () => 3);
    const secondName = second.name;
    const firstName = first.name;
    expect(named.name).toBe('between');
    expect(numberOf(secondName)).toBe(numberOf(firstName) + 1);
    expect(first.name).toBe(firstName);
    for (const task of [first, named, second]) task.cancel();
  });
});
