/**
 * Items run one at a time on each worker, every item on whichever worker is free first. Workers may join
 * after items are queued (a worker that finished other work helps with what is left).
 */
export function workQueue<Worker, Item, Result>(run: (worker: Worker, item: Item) => Promise<Result>) {
  const waiting: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  const idle: Worker[] = [];

  function next(): void {
    while (idle.length && waiting.length) {
      const worker = idle.shift()!;
      const { item, resolve, reject } = waiting.shift()!;
      run(worker, item)
        .then(resolve, reject)
        .finally(() => {
          idle.push(worker);
          next();
        });
    }
  }

  return {
    /** Queues `item`; the promise settles with its run. */
    add(item: Item): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        next();
      });
    },
    join(worker: Worker): void {
      idle.push(worker);
      next();
    },
    /** Rejects every item not yet started with `reason`; those running finish. */
    cancel(reason: unknown): void {
      for (const { reject } of waiting.splice(0)) reject(reason);
    }
  };
}
