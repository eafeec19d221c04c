// The render pool's places shared between accounts: while another account waits, an account
// holding half of the places waits too; nothing is left idle for fairness' sake.
import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/render/fair-queue';

/** A job whose end the test decides; records when it started. */
function jobs(queue: FairQueue) {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const submit = (owner: string, label: string) =>
    queue.run(
      owner,
      () =>
        new Promise<string>((resolve) => {
          started.push(label);
          finish.set(label, () => resolve(label));
        }),
    );
  const end = async (label: string) => {
    finish.get(label)?.();
    // Let the queue hand the place on.
    await new Promise((r) => setImmediate(r));
  };
  return { started, submit, end };
}

describe('fair queue', () => {
  it('runs another account before the third job of an account holding half the places', async () => {
    const queue = new FairQueue(2);
    const { started, submit, end } = jobs(queue);
    submit('A', 'a1');
    submit('A', 'a2');
    submit('A', 'a3');
    submit('B', 'b1');
    // Nobody else waited when A's first two came: both places are used.
    expect(started).toEqual(['a1', 'a2']);
    await end('a1');
    // First come, first served would start a3 here.
    expect(started).toEqual(['a1', 'a2', 'b1']);
    await end('a2');
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
  });

  it('holds an account to half of four places while others wait, and gives them back when they leave', async () => {
    const queue = new FairQueue(4);
    const { started, submit, end } = jobs(queue);
    for (let i = 1; i <= 6; i++) submit('A', `a${i}`);
    expect(started).toEqual(['a1', 'a2', 'a3', 'a4']);
    submit('B', 'b1');
    submit('C', 'c1');
    await end('a1');
    await end('a2');
    // A holds 2 of 4 now; B and C take the freed places before A's a5.
    expect(started.slice(4)).toEqual(['b1', 'c1']);
    expect(queue.runningFor('A')).toBe(2);
    await end('a3');
    // Only A waits: it gets the place.
    expect(started.slice(6)).toEqual(['a5']);
  });

  it('gives the place back when a job fails or throws at once', async () => {
    const queue = new FairQueue(1);
    await expect(queue.run('A', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      queue.run('A', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(await queue.run('B', async () => 'ran')).toBe('ran');
    expect(queue.runningFor('A')).toBe(0);
  });
});
