interface Pending<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

export interface BatchedOptions {
  /** Most inputs in one batch. */
  maxBatch?: number;
  /** Most batches running at once; the rest wait and grow into bigger batches. */
  maxInFlight?: number;
}

/**
 * Calls that arrive together are served by one call of `runBatch` (one INSERT, one SELECT), and
 * each caller's promise settles only once that call has finished: for writes, a group commit,
 * so that an acknowledgement sent after it is durable. `runBatch` answers one output per input,
 * in the inputs' order.
 */
export class Batched<In, Out> {
  private queue: Pending<In, Out>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly runBatch: (inputs: In[]) => Promise<Out[]>,
    options: BatchedOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  submit(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // Let the inputs that arrive in the same turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    try {
      const outputs = await this.runBatch(batch.map((p) => p.input));
      batch.forEach((p, i) => p.resolve(outputs[i]));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
