// The shell's console as a lesson reads it, shared by the headless session
// (session.ts) and the page's lessons pane (web/lessons/typist.ts): escape
// sequences dropped, line ends normalised, and the shell's prompt at the end
// of the text meaning "the command is done". Pure TypeScript, no imports.

/** The shell's prompt ("hako:CWD# " or "hako:CWD$ ") at the very end of cleaned console text. */
export const PROMPT_AT_END = /(^|\n)hako:[^\n]*[#$] $/;

/** Console text as the student reads it: \r\n → \n, escape sequences (line-editing redraws) dropped. */
export function cleanConsole(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n').replace(/\r/g, '');
}

/** What one command printed, from the cleaned text since it was typed: between its echo (first line) and the prompt (last). */
export function commandOutput(cleaned: string): string {
  return cleaned.split('\n').slice(1, -1).map((l) => `${l}\n`).join('');
}
