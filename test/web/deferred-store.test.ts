// A disk that is still arriving (web/deferred-store.ts): requests made before
// the real store exists wait for it and then reach it in the order they were
// made; a store of the wrong size, or one that never comes, turns every
// request into a store error naming why; and the OS booted on a disk that
// arrives late prints exactly what it prints on the disk itself (the waits
// are io-wait, where emulated time stands still).
import { describe, it, expect } from 'vitest';
import { DeferredBlockStore } from '../../web/deferred-store.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE, type BlockStore } from '../../emulator/blockstore/interface.ts';
import { Machine } from '../../emulator/machine.ts';
import { kernelImage } from '../kernel/harness.ts';
import { SHELL_PROMPT, userlandDisk } from '../kernel/shell-session.ts';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void, reject!: (e: Error) => void;
  const promise = new Promise<T>((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
}

describe('deferred block store', () => {
  it('holds requests until the store arrives, then serves them in order', async () => {
    const coming = deferred<MemoryBlockStore>();
    const disk = new DeferredBlockStore(4, coming.promise);
    expect(disk.blocks).toBe(4);
    const buffer = new Uint8Array(BLOCK_SIZE).fill(7);
    let settled = 0;
    const write = disk.write(1, buffer).then(() => settled++);
    buffer.fill(9); // the caller reuses its buffer: the write must keep the bytes it was given
    const read = disk.read(1, 1).then((b) => { settled++; return b; });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(0);
    expect(disk.arrived).toBeNull();
    const store = new MemoryBlockStore(4);
    coming.resolve(store);
    await write;
    expect((await read)[0]).toBe(7); // the read was made after the write, so it sees it
    expect(disk.arrived).toBe(store);
    expect((await disk.read(1, 1))[100]).toBe(7);
  });

  it('turns a store that never comes, or has another size, into store errors', async () => {
    const failing = deferred<MemoryBlockStore>();
    const lost = new DeferredBlockStore(4, failing.promise);
    const request = lost.read(0, 1);
    failing.reject(new Error('disk.sparse: HTTP 500'));
    await expect(request).rejects.toThrow('the disk did not arrive: disk.sparse: HTTP 500');
    const odd = new DeferredBlockStore(4, Promise.resolve(new MemoryBlockStore(8)));
    await expect(odd.write(0, new Uint8Array(BLOCK_SIZE))).rejects.toThrow('the disk has 8 blocks, not the 4 announced');
  });
});

describe('the OS on a disk that arrives late', () => {
  it('boots to the same console text, timestamps included, as on the disk itself', async () => {
    const image = userlandDisk();
    const upToPrompt = async (disk: BlockStore, onWait: () => void = () => {}): Promise<{ text: string; waits: number }> => {
      const m = new Machine({ ramBytes: 32 << 20, bootTime: 1764000000, disks: [disk] });
      let text = '';
      m.on('console', (b) => { text += Buffer.from(b).toString('latin1'); });
      m.load(await kernelImage());
      let waits = 0;
      while (!text.includes(SHELL_PROMPT) && m.cpu.instret < 20_000_000) {
        const state = m.run(100_000);
        if (state === 'io-wait') { waits++; onWait(); await m.ioSettled(); } else if (state !== 'running' && state !== 'idle') break;
      }
      return { text: text.slice(0, text.indexOf(SHELL_PROMPT) + SHELL_PROMPT.length), waits };
    };
    const direct = await upToPrompt(new MemoryBlockStore(image));
    const store = deferred<MemoryBlockStore>();
    const late = new DeferredBlockStore(image.length / BLOCK_SIZE, store.promise);
    let missingAtFirstWait: boolean | null = null;
    // The disk arrives only once the kernel is already waiting for it.
    const viaDeferred = await upToPrompt(late, () => {
      if (missingAtFirstWait !== null) return;
      missingAtFirstWait = late.arrived === null;
      setTimeout(() => store.resolve(new MemoryBlockStore(image)), 20);
    });
    expect(missingAtFirstWait).toBe(true);
    expect(direct.text).toContain(SHELL_PROMPT);
    expect(viaDeferred.text).toBe(direct.text);
  }, 240_000);
});
