// The lessons pane's own words in each language (the lessons bring theirs).

import type { Language } from './catalog.ts';

const EN = {
  lessons: 'Lessons', all: '← All lessons', startHere: 'Start here', continue: 'Continue',
  checks: (n: number, of: number) => `${n} of ${of} checks passed`,
  machine: (ram: number, swap: number) => `This lesson's machine: ${ram} MiB RAM, ${swap ? `${swap} MiB swap` : 'no swap'}.`,
  notThisMachine: 'The running machine is not this lesson\'s.', bootIt: 'Boot the lesson\'s machine', fresh: 'Fresh machine',
  freshTitle: 'Reboot this lesson\'s machine from the pristine disk and start the steps again',
  run: '▶ Run', running: 'typing…', ranAgain: '▶ Run again', ran: 'done',
  predict: 'Predict', answer: 'Answer', yourNumber: 'your answer',
  waiting: 'Now run the next block: the machine answers after it.',
  machineSays: 'The machine says:', right: 'You predicted it.', wrong: 'Not what you predicted.',
  youSaid: (v: string) => `(you said ${v})`,
  check: 'Check', checking: 'checking…', passed: 'passed', failed: 'not yet', passedBefore: 'passed before',
  notHolding: 'Not holding yet:', hide: 'Hide', show: 'Lessons',
  opens: 'Opens in the debug pane',
};
type Words = typeof EN;

const JA: Words = {
  lessons: 'レッスン', all: '← レッスン一覧', startHere: 'ここから始めよう', continue: '続きから',
  checks: (n, of) => `チェック ${of} 個中 ${n} 個クリア`,
  machine: (ram, swap) => `このレッスンのマシン: RAM ${ram} MiB、${swap ? `スワップ ${swap} MiB` : 'スワップなし'}。`,
  notThisMachine: 'いま動いているマシンはこのレッスン用ではありません。', bootIt: 'レッスン用のマシンを起動', fresh: 'マシンを起動し直す',
  freshTitle: 'まっさらなディスクでこのレッスンのマシンを起動し直し、最初からやり直す',
  run: '▶ 実行', running: '入力中…', ranAgain: '▶ もう一度実行', ran: '完了',
  predict: '予想', answer: '答える', yourNumber: 'あなたの答え',
  waiting: '次のブロックを実行してください。マシンはその後で答えます。',
  machineSays: 'マシンの答え:', right: '予想どおり！', wrong: '予想とは違いました。',
  youSaid: (v) => `（あなたの答え: ${v}）`,
  check: 'チェック', checking: '確認中…', passed: 'クリア', failed: 'まだ', passedBefore: '以前にクリア',
  notHolding: 'まだ成り立っていない条件:', hide: '隠す', show: 'レッスン',
  opens: 'デバッグペインで開きます',
};

export function words(lang: Language): Words {
  return lang === 'ja' ? JA : EN;
}
