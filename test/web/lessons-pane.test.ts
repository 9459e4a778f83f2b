// The lessons pane's pure parts (web/lessons/): the bundled catalog (every
// lesson in both languages, names resolved as `npm run lesson` resolves
// them, the `#lesson=` link form), the Markdown reader (every step block and
// every `hako:` link of every lesson found where the engine's parser found
// it, Japanese lines joined without spaces, nothing turned into markup), and
// the typist (keys sent one at a time, the prompt awaited, the output
// between echo and prompt).
import { describe, it, expect } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LESSON_NAMES, initialLesson, lessonFromHash, lessonMachine, lessonTitle, loadLesson, resolveLesson } from '../../web/lessons/catalog.ts';
import { parseMarkdown, parseInline, type Block, type Inline } from '../../web/lessons/markdown.ts';
import { ConsoleTypist } from '../../web/lessons/typist.ts';
import { LESSONS_DIR, resolveName } from '../../lessons/engine/files.ts';

const onDisk = readdirSync(LESSONS_DIR).filter((d) => existsSync(join(LESSONS_DIR, d, 'en.md')) && existsSync(join(LESSONS_DIR, d, 'ja.md'))).sort();

function hakoLinks(blocks: Block[]): string[] {
  const out: string[] = [];
  const walk = (list: Inline[]): void => {
    for (const n of list) {
      if (n.kind === 'link' && n.hako !== null) out[n.hako] = n.href;
      if (n.kind === 'link' || n.kind === 'strong' || n.kind === 'em') walk(n.children);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') walk(b.children);
    if (b.kind === 'list') b.items.forEach(walk);
  }
  return out;
}

describe('the lessons catalog', () => {
  it('bundles every lesson folder with both languages, in order', () => {
    expect(LESSON_NAMES).toEqual(onDisk);
    expect(LESSON_NAMES.length).toBeGreaterThanOrEqual(10);
    for (const name of LESSON_NAMES) {
      for (const lang of ['en', 'ja'] as const) {
        const l = loadLesson(name, lang)!;
        expect(l.error, `${name}/${lang}`).toBeNull();
        expect(lessonTitle(name, lang)).toBe(l.lesson!.title);
      }
    }
    expect(lessonTitle('01-kernel', 'ja')).not.toBe(lessonTitle('01-kernel', 'en'));
  });

  it('resolves names as the headless runner does', () => {
    for (const asked of ['swap', '06-swap', 'oom', '01-kernel', 'kernel', 'nothing', '06']) {
      expect(resolveLesson(asked), asked).toBe(resolveName(asked));
    }
    expect(resolveLesson('swap')).toBe('06-swap');
    expect(resolveLesson('06-swap')).toBe('06-swap');
    expect(resolveLesson('nothing')).toBeNull();
  });

  it('reads the link form and the lesson to open first', () => {
    expect(lessonFromHash('#lesson=swap')).toEqual({ name: '06-swap', asked: 'swap', lang: null });
    expect(lessonFromHash('#lesson=07-oom&lang=ja')).toEqual({ name: '07-oom', asked: '07-oom', lang: 'ja' });
    expect(lessonFromHash('#lesson=nope').name).toBeNull();
    expect(lessonFromHash('').asked).toBeNull();
    expect(initialLesson('#lesson=swap', '01-kernel')).toBe('06-swap');
    expect(initialLesson('', '01-kernel')).toBe('01-kernel');
    expect(initialLesson('', 'gone')).toBeNull();
    expect(initialLesson('#lesson=nope', '01-kernel')).toBeNull();
    expect(lessonMachine('06-swap')).toEqual({ ramMiB: 8, swapMiB: 16 });
  });
});

describe('the lessons Markdown reader', () => {
  it('finds every step block and every hako: link of every lesson where the engine does', () => {
    for (const name of LESSON_NAMES) {
      for (const lang of ['en', 'ja'] as const) {
        const { markdown, lesson } = loadLesson(name, lang)!;
        const blocks = parseMarkdown(markdown);
        const fenceLines = new Set(blocks.filter((b) => b.kind === 'fence').map((b) => (b as { line: number }).line));
        for (const step of lesson!.steps) if (step.kind !== 'link') expect(fenceLines.has(step.line), `${name}/${lang} line ${step.line}`).toBe(true);
        const links = lesson!.steps.filter((s) => s.kind === 'link');
        const found = hakoLinks(blocks);
        expect(found.length, `${name}/${lang} links`).toBe(links.length);
        found.forEach((href, i) => expect(href.startsWith(`hako:${(links[i] as { view: string }).view}`), `${name}/${lang} link ${i}`).toBe(true));
      }
    }
  });

  it('reads headings, lists, inline code, strong, emphasis and links', () => {
    const blocks = parseMarkdown('# Title\n\nSome **bold `x`** and *em*, a [view](hako:pagetables?pid={{pid("sh")}}&addr=0x1000)\nand [site](https://example.org).\n\n- one\n  more\n- two\n\n```c\nint <b>;\n```\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'fence']);
    const p = blocks[1] as { children: Inline[] };
    expect(p.children.map((n) => n.kind)).toEqual(['text', 'strong', 'text', 'em', 'text', 'link', 'text', 'link', 'text']);
    expect((p.children[5] as { href: string }).href).toBe('hako:pagetables?pid={{pid("sh")}}&addr=0x1000');
    expect((p.children[5] as { hako: number | null }).hako).toBe(0);
    expect((p.children[7] as { hako: number | null }).hako).toBeNull();
    expect((blocks[2] as { items: Inline[][] }).items.map((i) => (i[0] as { text: string }).text)).toEqual(['one more', 'two']);
    expect(blocks[3]).toEqual({ kind: 'fence', lang: 'c', line: 10, text: 'int <b>;' });
  });

  it('joins Japanese lines without a space and keeps markup-looking text as text', () => {
    const [p] = parseMarkdown('カーネルは\nメモリを守ります。Hako\nis <b>here</b>.') as { kind: 'paragraph'; children: Inline[] }[];
    expect(p.children).toEqual([{ kind: 'text', text: 'カーネルはメモリを守ります。Hako is <b>here</b>.' }]);
    expect(parseInline('a * b * c', { links: 0 })).toEqual([{ kind: 'text', text: 'a * b * c' }]);
  });
});

describe('the typist', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('waits for the prompt, types key by key and returns what the command printed', async () => {
    const sent: string[] = [];
    const t = new ConsoleTypist((d) => {
      sent.push(d);
      if (d === '\r') setTimeout(() => t.feed(bytes('\r\nhello\r\nworld\r\nhako:/# ')), 5);
      else t.feed(bytes(d)); // the shell's echo
    });
    const typed = t.type('echo hi');
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual([]); // no prompt yet: nothing typed
    t.feed(bytes('booting…\r\nhako:/# '));
    expect(await typed).toBe('hello\nworld\n');
    expect(sent).toEqual([...'echo hi', '\r']);
  });

  it('presses a key line\'s key while the command runs, and waits for the prompt after it', async () => {
    const sent: string[] = [];
    const at = new Map<string, number>();
    const t = new ConsoleTypist((d) => {
      sent.push(d);
      at.set(d, performance.now());
      if (d === '\x1a') setTimeout(() => t.feed(bytes('^Z\r\n[1]+  Stopped    sleep 100\r\nhako:/# ')), 5);
      else t.feed(bytes(d === '\r' ? '\r\n' : d)); // the echo
    });
    t.feed(bytes('hako:/# '));
    const typed = t.typeThenPress('sleep 100', '\x1a');
    expect(await typed).toBe('^Z\n[1]+  Stopped    sleep 100\n');
    expect(sent).toEqual([...'sleep 100', '\r', '\x1a']);
    // the command runs a while (the typist's 400 ms; timers never fire early) before the key is pressed
    expect(at.get('\x1a')! - at.get('\r')!).toBeGreaterThanOrEqual(390);
  });

  it('types a here-document\'s lines at the shell\'s "> " prompt', async () => {
    const sent: string[] = [];
    let lines = 0;
    const t = new ConsoleTypist((d) => {
      sent.push(d);
      if (d !== '\r') t.feed(bytes(d));
      else if (++lines < 3) t.feed(bytes('\r\n> '));
      else t.feed(bytes('\r\napple\r\nhako:/# '));
    });
    t.feed(bytes('hako:/# '));
    const first = t.type('sort <<EOF', true);
    const body = t.type('apple', true);
    const end = t.type('EOF');
    expect(await first).toBe('');
    expect(await body).toBe('');
    expect(await end).toBe('apple\n');
    expect(sent.join('')).toBe('sort <<EOF\rapple\rEOF\r');
  });

  it('fails what waited when the machine is reset', async () => {
    const t = new ConsoleTypist(() => {});
    t.feed(bytes('hako:/# '));
    const typed = t.type('sleep 100');
    await new Promise((r) => setTimeout(r, 300));
    t.reset();
    await expect(typed).rejects.toThrow(/reset/);
  });
});
