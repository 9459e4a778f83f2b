// The editor pane: the student's files (the shared folder, /host in the
// guest, kept in this browser by the worker — web/worker-files.ts), a
// CodeMirror 6 editor with C highlighting and line numbers, and Build,
// which compiles the open file in the worker to /host/NAME and underlines
// the compiler's `file:line:col: error:` lines in the text.
//
// Owns: which file is open and saving it (a change is written through the
// worker 400 ms after typing stops, and at once before a build, a switch
// of file or a reload); uploads (button or drag-and-drop) and downloads.
// Invariants: the worker's folder is the only copy (nothing is kept here
// that a reload would lose beyond the last 400 ms of typing, which the
// page's `pagehide` flushes); every failure is shown in the pane's status
// line, never thrown.

import { EditorView, basicSetup } from 'codemirror';
import { cpp } from '@codemirror/lang-cpp';
import { EditorState } from '@codemirror/state';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { BootResult, BuildResult, EditorFile, EditorFilesApi, KernelBuildResult, MachineWorkerApi } from '../protocol.ts';
import { el } from './dom.ts';

const SAVE_DELAY_MS = 400;
const STARTER_NAME = 'hello.c';
const STARTER = `#include <stdio.h>

int main(void) {
  printf("hello from /host\\n");
  return 0;
}
`;

export interface EditorHost {
  api: EditorFilesApi;
  disk: Pick<MachineWorkerApi, 'exportDisk' | 'settle' | 'importDisk' | 'buildKernel'>;
  /** Reboots the machine: into the kernel built last or the image's, keeping the running disk; or afresh (an imported disk). */
  reboot: (how: { kernel: 'built' | 'image'; reuseDisk: boolean }) => Promise<BootResult>;
  /** Types a command into the terminal (visibly, as a student would). */
  type: (command: string) => void;
}

/** One `file:line:col: error: message` line of our compiler, or null. */
export function parseDiagnostic(line: string): { file: string; line: number; col: number; severity: 'error' | 'warning'; message: string } | null {
  const m = /^(.+?):(\d+):(\d+): (error|warning): (.*)$/.exec(line);
  return m ? { file: m[1], line: Number(m[2]), col: Number(m[3]), severity: m[4] as 'error' | 'warning', message: m[5] } : null;
}

/** The compiler's diagnostics for `file` as CodeMirror ranges: from the column to the end of the token there. */
export function diagnosticsFor(text: string, diagnostics: string, file: string): Diagnostic[] {
  const state = EditorState.create({ doc: text });
  const out: Diagnostic[] = [];
  for (const line of diagnostics.split('\n')) {
    const d = parseDiagnostic(line);
    if (!d || d.file !== file) continue;
    const docLine = state.doc.line(Math.min(Math.max(d.line, 1), state.doc.lines));
    const from = Math.min(docLine.from + Math.max(d.col - 1, 0), docLine.to);
    const rest = state.doc.sliceString(from, docLine.to);
    const token = /^(\w+|\S)/.exec(rest)?.[0].length ?? 0;
    out.push({ from, to: Math.max(from + token, Math.min(from + 1, docLine.to)), severity: d.severity, message: d.message });
  }
  return out;
}

export class EditorPane {
  private view: EditorView;
  private current: string | null = null;
  private dirty = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly list = el('ul', { class: 'editor-files', 'data-testid': 'editor-files' });
  private readonly status = el('div', { class: 'editor-status', 'data-testid': 'editor-status', role: 'status' });
  private readonly title = el('span', { class: 'editor-title', 'data-testid': 'editor-title' });
  lastBuild: BuildResult | null = null;

  constructor(private readonly root: HTMLElement, private readonly host: EditorHost) {
    const button = (label: string, testid: string, title: string, action: () => unknown) => {
      const b = el('button', { type: 'button', 'data-testid': testid, title }, label);
      b.addEventListener('click', () => { void Promise.resolve(action()).catch((e: Error) => this.say(e.message)); });
      return b;
    };
    const upload = el('input', { type: 'file', multiple: '', 'data-testid': 'editor-upload', hidden: '' });
    upload.addEventListener('change', () => { void this.upload([...(upload.files ?? [])]).then(() => { upload.value = ''; }); });
    const diskFile = el('input', { type: 'file', 'data-testid': 'editor-import-disk', hidden: '' });
    diskFile.addEventListener('change', () => {
      const f = diskFile.files?.[0];
      if (f) void this.importDisk(f).then(() => { diskFile.value = ''; });
    });
    const toolbar = el('div', { class: 'editor-toolbar' },
      button('New', 'editor-new', 'A new file in /host', () => this.newFile()),
      button('Rename', 'editor-rename', 'Rename the open file', () => this.renameCurrent()),
      button('Delete', 'editor-delete', 'Delete the open file', () => this.deleteCurrent()),
      button('Upload', 'editor-upload-button', 'Put files from your computer into /host (or drop them here)', () => upload.click()),
      button('Download', 'editor-download', 'Save the open file to your computer', () => this.download()),
      button('Copy from guest…', 'editor-fetch', 'Copy any file of the guest into /host (types cp in the terminal), then Download it', () => this.copyFromGuest()),
      button('Open…', 'editor-open', 'Open a file by its path in /host (e.g. kernel/main.c after cp -r /usr/src/kernel /host/)', () => this.openByPath()),
      button('Export disk', 'editor-export-disk', 'Download the whole root disk (an ext2 image; types sync first)', () => this.exportDisk()),
      button('Import disk', 'editor-import-disk-button', 'Boot from an ext2 image of your computer (an exported disk); it lasts until the page reloads', () => diskFile.click()),
      button('Build kernel', 'editor-build-kernel', 'Build a kernel from /host/kernel (a copy of /usr/src/kernel) and reboot into it, keeping the disk', () => this.buildKernel()),
      button('Stock kernel', 'editor-stock-kernel', 'Reboot into the kernel the page came with, keeping the disk', () => this.stockKernel()),
      button('Build', 'editor-build', 'Compile the open C file to /host/NAME', () => this.build(false)),
      button('Build & run', 'editor-run', 'Compile, then type /host/NAME in the terminal', () => this.build(true)),
      upload, diskFile);
    this.view = new EditorView({
      parent: el('div'),
      extensions: [basicSetup, cpp(), EditorView.updateListener.of((u) => { if (u.docChanged) this.changed(); })],
    });
    const body = el('div', { class: 'editor-body' }, this.list, el('div', { class: 'editor-text', 'data-testid': 'editor-text' }, this.view.dom));
    root.replaceChildren(el('div', { class: 'editor-head' }, el('h2', {}, 'Files in /host'), this.title), toolbar, body, this.status);
    root.addEventListener('dragover', (e) => { e.preventDefault(); root.classList.add('drop-target'); });
    root.addEventListener('dragleave', () => root.classList.remove('drop-target'));
    root.addEventListener('drop', (e) => {
      e.preventDefault();
      root.classList.remove('drop-target');
      void this.upload([...(e.dataTransfer?.files ?? [])]);
    });
    addEventListener('pagehide', () => { void this.save(); });
  }

  /** Lists the folder and opens the first C file (writing a starter when the folder is empty). */
  async start(): Promise<void> {
    let files = await this.host.api.listFiles();
    if (!files.length) {
      await this.host.api.writeFile(STARTER_NAME, new TextEncoder().encode(STARTER));
      files = await this.host.api.listFiles();
    }
    this.render(files);
    const first = files.find((f) => f.name.endsWith('.c')) ?? files.find((f) => !f.executable);
    if (first) await this.open(first.name);
  }

  get openFile(): string | null { return this.current; }
  get text(): string { return this.view.state.doc.toString(); }

  private say(text: string): void { this.status.textContent = text; }

  private render(files: EditorFile[]): void {
    this.list.replaceChildren(...files.map((f) => {
      const a = el('button', { type: 'button', class: 'editor-file', 'data-name': f.name, title: `${f.size} bytes${f.executable ? ', executable' : ''}` },
        f.name + (f.executable ? '*' : ''));
      if (f.name === this.current) a.setAttribute('aria-current', 'true');
      a.addEventListener('click', () => { void this.open(f.name); });
      return el('li', {}, a);
    }));
  }

  private async refresh(): Promise<void> { this.render(await this.host.api.listFiles()); }

  private changed(): void {
    this.dirty = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => { void this.save(); }, SAVE_DELAY_MS);
  }

  /** Writes the open file if it changed since it was last written. */
  async save(): Promise<void> {
    if (this.saveTimer) { clearTimeout(this.saveTimer); this.saveTimer = null; }
    if (!this.dirty || !this.current) return;
    this.dirty = false;
    const r = await this.host.api.writeFile(this.current, new TextEncoder().encode(this.text));
    if (!r.ok) { this.dirty = true; this.say(`not saved: ${r.error}`); }
  }

  async open(name: string): Promise<void> {
    await this.save();
    const bytes = await this.host.api.readFile(name);
    if (!bytes) { this.say(`${name}: cannot read it`); return; }
    const binary = bytes.includes(0);
    this.current = name;
    this.view.setState(EditorState.create({
      doc: binary ? `(${name} is a binary file of ${bytes.length} bytes: Download saves it)` : new TextDecoder().decode(bytes),
      extensions: [basicSetup, cpp(), EditorState.readOnly.of(binary), EditorView.updateListener.of((u) => { if (u.docChanged) this.changed(); })],
    }));
    this.dirty = false;
    this.title.textContent = `/host/${name}`;
    await this.refresh();
  }

  private async newFile(): Promise<void> {
    const name = prompt('New file name (in /host):', 'prog.c');
    if (!name) return;
    const r = await this.host.api.writeFile(name, new TextEncoder().encode(name.endsWith('.c') ? STARTER : ''));
    if (!r.ok) { this.say(r.error); return; }
    await this.open(name);
  }

  private async renameCurrent(): Promise<void> {
    if (!this.current) return;
    const to = prompt(`Rename ${this.current} to:`, this.current);
    if (!to || to === this.current) return;
    await this.save();
    const r = await this.host.api.renameFile(this.current, to);
    if (!r.ok) { this.say(r.error); return; }
    this.current = to;
    this.title.textContent = `/host/${to}`;
    await this.refresh();
  }

  private async deleteCurrent(): Promise<void> {
    if (!this.current || !confirm(`Delete /host/${this.current}?`)) return;
    const r = await this.host.api.deleteFile(this.current);
    if (!r.ok) { this.say(r.error); return; }
    this.current = null;
    this.dirty = false;
    await this.start();
  }

  async upload(files: File[]): Promise<void> {
    for (const f of files) {
      const r = await this.host.api.writeFile(f.name, new Uint8Array(await f.arrayBuffer()));
      this.say(r.ok ? `uploaded /host/${f.name} (${f.size} bytes)` : `upload failed: ${r.error}`);
      if (!r.ok) return;
    }
    await this.refresh();
  }

  private async download(): Promise<void> {
    if (!this.current) return;
    await this.save();
    const bytes = await this.host.api.readFile(this.current);
    if (!bytes) { this.say(`${this.current}: cannot read it`); return; }
    saveBytes(this.current, bytes);
  }

  /**
   * A guest file reaches the host the way a student would move it: `cp PATH /host/` typed visibly in the
   * terminal (the kernel reads its own file system; the page never parses the disk), then it is in the list.
   */
  private copyFromGuest(): void {
    const path = prompt('Copy which guest file into /host? (then Download it)', '/etc/passwd');
    if (!path) return;
    if (/[\s'"\\$`;&|<>]/.test(path)) { this.say(`${path}: type the cp yourself for a name with spaces or shell characters`); return; }
    this.host.type(`cp ${path} /host/\r`);
    this.say(`typed cp ${path} /host/ in the terminal`);
    // The list follows once the guest has copied it (a slow guest takes a few seconds).
    for (const ms of [500, 1500, 4000]) setTimeout(() => { void this.refresh(); }, ms);
  }

  /** Types `sync` (so the kernel writes its cached blocks back), lets it run a moment, then downloads the root disk. */
  private async exportDisk(): Promise<void> {
    this.host.type('sync\r');
    this.say('sync typed; reading the disk…');
    await this.host.disk.settle(1);
    const image = await this.host.disk.exportDisk();
    if (!image) { this.say('no disk to export (the firmware demo is running)'); return; }
    saveBytes('hako-disk.img', image);
    this.say(`exported the root disk (${image.length >> 20} MiB)`);
  }

  private async openByPath(): Promise<void> {
    const path = prompt('Open which file of /host? (a path such as kernel/main.c)', this.current ?? 'kernel/main.c');
    if (!path) return;
    await this.open(path.replace(/^\/host\//, ''));
  }

  /** Reads an image file, hands it to the worker (which refuses a non-ext2 one with the reason) and boots from it. */
  async importDisk(file: File): Promise<void> {
    this.say(`importing ${file.name}…`);
    const r = await this.host.disk.importDisk(new Uint8Array(await file.arrayBuffer()));
    if (!r.ok) { this.say(`${file.name}: ${r.error}`); return; }
    this.say(`imported ${file.name} (${r.blocks} blocks); booting from it…`);
    const booted = await this.host.reboot({ kernel: 'image', reuseDisk: false });
    this.say(booted.ok ? `booted from ${file.name}: it lasts until the page reloads (Export disk keeps it)` : `boot failed: ${booted.error ?? ''}`);
  }

  lastKernelBuild: KernelBuildResult | null = null;

  /**
   * Saves, builds a kernel from /host/kernel in the worker and, when it links, types `sync` and reboots
   * into it with the disk as it is. A compile error is shown (and underlined when its file is open);
   * the running machine is left alone.
   */
  async buildKernel(): Promise<KernelBuildResult> {
    await this.save();
    this.say('building the kernel from /host/kernel…');
    const r = await this.host.disk.buildKernel();
    this.lastKernelBuild = r;
    if (this.current) this.view.dispatch(setDiagnostics(this.view.state, r.ok ? [] : diagnosticsFor(this.text, r.diagnostics, this.current)));
    if (!r.ok) { this.say(r.diagnostics); return r; }
    this.say(`built the kernel (${r.files} files, ${r.bytes} bytes) in ${Math.round(r.compileMs)} ms; rebooting into it…`);
    await this.rebootKeepingDisk('built');
    return r;
  }

  private async stockKernel(): Promise<void> {
    this.say('rebooting into the stock kernel…');
    await this.rebootKeepingDisk('image');
  }

  private async rebootKeepingDisk(kernel: 'built' | 'image'): Promise<void> {
    this.host.type('sync\r');
    await this.host.disk.settle(0.5);
    const booted = await this.host.reboot({ kernel, reuseDisk: true });
    if (!booted.ok) this.say(`boot failed: ${booted.error ?? ''}`);
    else this.say(kernel === 'built' ? 'running your kernel (Stock kernel goes back)' : 'running the stock kernel');
  }

  /** Saves, compiles the open file to /host/NAME (NAME = the file without .c), and runs it when asked. */
  async build(run: boolean): Promise<BuildResult | null> {
    const source = this.current;
    if (!source) return null;
    if (!source.endsWith('.c')) { this.say(`${source} is not a C file (.c)`); return null; }
    await this.save();
    const output = source.slice(0, -2);
    this.say(`building /host/${source}…`);
    const r = await this.host.api.buildProgram(source, output);
    this.lastBuild = r;
    this.view.dispatch(setDiagnostics(this.view.state, r.ok ? [] : diagnosticsFor(this.text, r.diagnostics, `/host/${source}`)));
    this.say(r.ok ? `built ${r.output} (${r.bytes} bytes) in ${Math.round(r.compileMs)} ms` : r.diagnostics);
    await this.refresh();
    if (r.ok && run) this.host.type(`${r.output}\r`);
    return r;
  }
}

/** Offers `bytes` to the user as a download named `name`. */
export function saveBytes(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
