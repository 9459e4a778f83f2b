// The Markdown the lessons use, read into plain data the pane turns into DOM
// (never HTML strings, so nothing in a lesson can inject markup): headings
// (#, ##, ###), paragraphs, "- " lists (continuation lines indented),
// fenced blocks, and inline `code`, **strong**, *emphasis* and links. A
// fence of a step kind (run, let, predict, check, machine) stays a `fence`
// block with its line, which the pane matches to the engine's parsed step
// (lessons/engine/format.ts gives a block step the line of its opening
// fence); other fences are preformatted text.
//
// Lines of one paragraph are joined with a space, except between two CJK
// characters (Japanese prose wraps mid-sentence and has no spaces). Links
// to `hako:` views are numbered in document order: the engine's link steps
// come in the same order (the paragraphs are read the same way), and
// test/web/lesson-markdown.test.ts checks that for every lesson.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[]; hako: number | null };

export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'fence'; lang: string; line: number; text: string };

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;
// `code` | **strong** | *em* | [text](target) — a hako: target may hold {{EXPR}} holes with parentheses
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]]+)\]\(((?:\{\{[^}]*\}\}|[^)\s{])+)\)/;

function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!out) { out = line; continue; }
    out += CJK.test(out[out.length - 1]) && CJK.test(line[0]) ? line : ` ${line}`;
  }
  return out;
}

export function parseInline(text: string, counter: { links: number }): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) { out.push({ kind: 'text', text: rest }); break; }
    if (m.index > 0) out.push({ kind: 'text', text: rest.slice(0, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', children: parseInline(m[2], counter) });
    else if (m[3] !== undefined) out.push({ kind: 'em', children: parseInline(m[3], counter) });
    else {
      const hako = m[5].startsWith('hako:') ? counter.links++ : null;
      out.push({ kind: 'link', href: m[5], children: parseInline(m[4], counter), hako });
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  const counter = { links: 0 };
  let paragraph: string[] = [];
  let list: string[][] | null = null;
  const flush = (): void => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: parseInline(joinLines(paragraph), counter) });
    if (list) blocks.push({ kind: 'list', items: list.map((item) => parseInline(joinLines(item), counter)) });
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const fence = /^```\s*([A-Za-z]*)\s*$/.exec(text);
    if (fence) {
      flush();
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      blocks.push({ kind: 'fence', lang: fence[1], line: start + 1, text: body.join('\n') });
      continue;
    }
    if (text.trim() === '') { flush(); continue; }
    const heading = /^(#{1,6}) (.+)$/.exec(text);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1].length, children: parseInline(heading[2].trim(), counter) });
      continue;
    }
    const item = /^[-*] (.*)$/.exec(text);
    if (item) {
      if (paragraph.length) flush();
      list ??= [];
      list.push([item[1]]);
      continue;
    }
    if (list && /^\s+\S/.test(text)) { list[list.length - 1].push(text); continue; }
    if (list) flush();
    paragraph.push(text);
  }
  flush();
  return blocks;
}
