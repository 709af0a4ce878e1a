import { PeriodicTask } from './periodic-task';

/** A round the test ends by hand. */
function gatedWork() {
  const rounds: { release: () => void; fail: (error: Error) => void }[] = [];
  const work = jest.fn(
    () => new Promise<void>((resolve, reject) => rounds.push({ release: resolve, fail: reject })),
  );
  return { work, rounds };
}

describe('PeriodicTask', () => {
  afterEach(() => jest.useRealTimers());

  it('runs one round at a time: a tick during a round joins it', async () => {
    const { work, rounds } = gatedWork();
    const task = new PeriodicTask('work', work, { warn: jest.fn() });
    const first = task.runNow();
    const second = task.runNow();
    await Promise.resolve();
    expect(second).toBe(first);
    expect(work).toHaveBeenCalledTimes(1);
    rounds[0].release();
    await first;
    void task.runNow();
    await Promise.resolve();
    expect(work).toHaveBeenCalledTimes(2);
    rounds[1].release();
  });

  it('logs a failed round, never rejects, and runs the next', async () => {
    const { work, rounds } = gatedWork();
    const warn = jest.fn();
    const task = new PeriodicTask('pruning things', work, { warn });
    const round = task.runNow();
    await Promise.resolve();
    rounds[0].fail(new Error('pool closed'));
    await expect(round).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('pruning things failed: pool closed');
    const next = task.runNow();
    await Promise.resolve();
    rounds[1].release();
    await next;
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('ticks on its interval, and stop() waits for the round in flight', async () => {
    jest.useFakeTimers();
    const { work, rounds } = gatedWork();
    const task = new PeriodicTask('work', work, { warn: jest.fn() });
    task.start(1_000);
    expect(task.started).toBe(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(work).toHaveBeenCalledTimes(1);
    // A tick while the round runs skips its turn.
    await jest.advanceTimersByTimeAsync(3_000);
    expect(work).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    rounds[0].release();
    await stopping;
    expect(stopped).toBe(true);
    expect(task.started).toBe(false);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('can be started again after a stop', async () => {
    jest.useFakeTimers();
    const work = jest.fn(() => Promise.resolve());
    const task = new PeriodicTask('work', work, { warn: jest.fn() });
    task.start(1_000);
    await task.stop();
    task.start(1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(work).toHaveBeenCalledTimes(1);
    await task.stop();
  });
});
