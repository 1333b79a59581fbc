import { Batched } from './batched.js';

describe(Batched.name, () => {
  it('writes inputs that arrive together in one batch and answers each caller with its own output', async () => {
    const batches: number[][] = [];
    const batched = new Batched<number, string>(async (inputs) => {
      batches.push(inputs);
      return inputs.map((n) => `#${n}`);
    });
    const outputs = await Promise.all([1, 2, 3].map((n) => batched.submit(n)));
    expect(outputs).toEqual(['#1', '#2', '#3']);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('never settles a caller before its batch is written, and splits past the batch size', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batches: number[][] = [];
    const batched = new Batched<number, number>(
      async (inputs) => {
        batches.push(inputs);
        await gate;
        return inputs;
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    let settled = 0;
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => batched.submit(n).then((v) => (settled++, v))));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(0);
    expect(batches).toEqual([[1, 2]]);
    release();
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails every caller of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const batched = new Batched<number, number>(async (inputs) => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return inputs.map((n) => n * 10);
    });
    const first = Promise.allSettled([batched.submit(1), batched.submit(2)]);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await batched.submit(3)).toBe(30);
  });
});
