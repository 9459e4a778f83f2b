// v86 (the npm package `v86`, a devDependency) running loop6 under its own
// x86-to-wasm JIT, headless in this Node process: the reference that issue 16's
// speed targets are measured against, in the same `npm run bench` run as ours.
// test/bench/cpu.ts lists its entries right after loop6 (v86-loop6, then the
// ratio loop6-vs-v86), so this module exports no `benchmarks` of its own.
//
// No disk and no BIOS: v86 boots a multiboot image by itself (it loads the
// image, enters protected mode with flat segments and jumps to the entry), so
// the payload below is a flat multiboot binary built here from bytes. It turns
// paging on (identity-mapped 4 KiB pages, like loop6's mapped pages; ring 0,
// where ours runs at CPL 3), writes 'S' to COM1, runs loop6's six
// instructions ITERATIONS times, writes 'E' to COM1 and halts. The run is timed
// between the two serial bytes, which v86 delivers synchronously from the
// `out` instruction; instructions are the loop's known count (6 per iteration),
// checked by the word the loop leaves in memory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { mainThreadSeconds } from './thread-time.ts';

const LOAD = 0x100000;          // where the multiboot image is loaded and the header lives
const PAGE_DIR = 0x200000, PAGE_TABLE = 0x201000;
const DATA = 0x300000;          // loop6's memory word (esi)
const RUNS = 5;
const COM1 = 0x3f8;

/** The multiboot image: header (address kludge, flags bit 16) then the code at LOAD + 32. */
export function loop6Payload(iterations: number): Uint8Array {
  const bytes: number[] = [];
  const u32 = (v: number) => bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const magic = 0x1badb002, flags = 0x00010000;
  u32(magic); u32(flags); u32(-(magic + flags) >>> 0);
  u32(LOAD); u32(LOAD); u32(0); u32(0); u32(LOAD + 32); // header, load, load_end (whole file), bss_end, entry
  const code = (...b: number[]) => bytes.push(...b);
  // Identity-map the first 4 MiB: one page table of 1024 present+writable entries.
  code(0xfc);                                  // cld
  code(0xbf); u32(PAGE_TABLE);                 // mov edi, PAGE_TABLE
  code(0xb8); u32(3);                          // mov eax, 3
  code(0xb9); u32(1024);                       // mov ecx, 1024
  code(0xab);                                  // fill: stosd
  code(0x05); u32(0x1000);                     //       add eax, 0x1000
  code(0xe2, 0xf8);                            //       loop fill
  code(0xc7, 0x05); u32(PAGE_DIR); u32(PAGE_TABLE | 3); // mov dword [PAGE_DIR], PAGE_TABLE|3
  code(0xb8); u32(PAGE_DIR);                   // mov eax, PAGE_DIR
  code(0x0f, 0x22, 0xd8);                      // mov cr3, eax
  code(0x0f, 0x20, 0xc0);                      // mov eax, cr0
  code(0x0d); u32(0x80000000);                 // or eax, PG
  code(0x0f, 0x22, 0xc0);                      // mov cr0, eax
  code(0xbe); u32(DATA);                       // mov esi, DATA
  code(0xb9); u32(iterations);                 // mov ecx, iterations
  code(0x31, 0xdb);                            // xor ebx, ebx
  code(0x66, 0xba, COM1 & 0xff, COM1 >> 8);    // mov dx, COM1
  code(0xb0, 0x53, 0xee);                      // mov al, 'S'; out dx, al
  code(0x8b, 0x06);                            // top: mov eax, [esi]
  code(0x01, 0xc8);                            //      add eax, ecx
  code(0x89, 0x06);                            //      mov [esi], eax
  code(0x29, 0xc3);                            //      sub ebx, eax
  code(0x49);                                  //      dec ecx
  code(0x75, 0xf5);                            //      jnz top
  code(0xb0, 0x45, 0xee);                      // mov al, 'E'; out dx, al
  code(0xfa, 0xf4, 0xeb, 0xfd);                // cli; hlt; jmp $-1 (stays halted)
  return new Uint8Array(bytes);
}

interface V86Instance {
  add_listener(event: string, f: (v: number) => void): void;
  read_memory(offset: number, length: number): Uint8Array;
  destroy(): Promise<void>;
}
type V86Constructor = new (options: Record<string, unknown>) => V86Instance;

/** v86's constructor and wasm file, or a sentence saying why they are unavailable. */
async function loadV86(): Promise<{ V86: V86Constructor; wasm: string } | string> {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve('v86'));
  } catch {
    return 'v86 is not installed (npm package v86, a devDependency: run npm ci)';
  }
  const wasm = join(dirname(entry), 'v86.wasm');
  if (!existsSync(wasm)) return `v86 is installed without its ${wasm}`;
  try {
    const mod = (await import('v86')) as unknown as { V86: V86Constructor };
    return { V86: mod.V86, wasm };
  } catch (e) {
    return `v86 failed to load: ${String((e as Error)?.message ?? e)}`;
  }
}

/**
 * The word loop6 leaves in memory: it adds ecx (iterations down to 1) into it, so
 * n(n+1)/2 mod 2^32. Checking it proves the loop ran every iteration it is credited with.
 */
function expectedWord(iterations: number): number {
  const n = BigInt(iterations);
  return Number((n * (n + 1n) / 2n) & 0xffffffffn);
}

/** One fresh v86 running the payload: wall and main-thread seconds between 'S' and 'E'. */
async function runOnce(V86: V86Constructor, wasm: string, payload: Uint8Array, iterations: number) {
  const buffer = payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength);
  const emulator = new V86({
    wasm_path: wasm, memory_size: 16 << 20, vga_memory_size: 2 << 20,
    multiboot: { buffer }, autostart: true, disable_keyboard: true, disable_mouse: true, disable_speaker: true,
  });
  try {
    return await new Promise<{ s: number; thread?: number }>((resolve, reject) => {
      let t0 = 0, th0: number | undefined;
      const timer = setTimeout(() => reject(new Error('v86 did not finish the loop within 120 s')), 120_000);
      emulator.add_listener('serial0-output-byte', (byte: number) => {
        if (byte === 0x53) { th0 = mainThreadSeconds(); t0 = performance.now(); return; }
        if (byte !== 0x45 || !t0) return;
        const s = (performance.now() - t0) / 1000;
        const th1 = mainThreadSeconds();
        clearTimeout(timer);
        const word = new DataView(emulator.read_memory(DATA, 4).slice().buffer).getUint32(0, true);
        if (word !== expectedWord(iterations)) {
          reject(new Error(`loop6 left ${word} at its data word, not ${expectedWord(iterations)}`));
          return;
        }
        resolve({ s, thread: th0 !== undefined && th1 !== undefined ? th1 - th0 : undefined });
      });
    });
  } finally {
    await emulator.destroy();
  }
}

/**
 * The v86-loop6 figures (median of RUNS fresh emulators), or `error` saying why
 * v86 could not run: never a throw, so the other entries are unaffected.
 */
export async function v86Loop6(iterations: number): Promise<Record<string, number | string>> {
  const v86 = await loadV86();
  if (typeof v86 === 'string') return { error: v86 };
  const n = iterations * 6;
  const payload = loop6Payload(iterations);
  const results: { s: number; thread?: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) results.push(await runOnce(v86.V86, v86.wasm, payload, iterations));
  } catch (e) {
    return { error: `v86 run failed: ${String((e as Error)?.message ?? e)}` };
  }
  results.sort((a, b) => a.s - b.s);
  const med = results[RUNS >> 1];
  const threadTotal = results.reduce((t, r) => t + (r.thread ?? NaN), 0);
  return {
    instructions: n, seconds: +med.s.toFixed(4), mips: +(n / med.s / 1e6).toFixed(1),
    ...(Number.isFinite(threadTotal) && threadTotal > 0 ? { threadMips: +(n * RUNS / threadTotal / 1e6).toFixed(1) } : {}),
    runs: results.map((r) => (n / r.s / 1e6).toFixed(0)).join(' '),
  };
}
