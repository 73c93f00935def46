import { createSerialQueue } from '../../src/conversation/serial-queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

test('idle() waits for queued and running work, including work added while waiting, and a failed task does not stop it', async () => {
  const q = createSerialQueue();
  const done: string[] = [];
  void q.run('a', async () => {
    await tick();
    done.push('a1');
    // a turn that queues another for the same conversation while shutdown is waiting
    void q.run('a', async () => {
      await tick();
      done.push('a2');
    });
  });
  void q.run('b', async () => {
    await tick();
    throw new Error('storage said no');
  }).catch(() => done.push('b failed'));
  await q.idle();
  expect(done.sort()).toEqual(['a1', 'a2', 'b failed']);
  expect(q.size).toBe(0);
  await expect(q.idle()).resolves.toBeUndefined();
});
