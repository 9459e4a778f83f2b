// appendAll: `target.push(...items)` without the spread, which passes every
// item as a call argument and so overflows the host's stack (a RangeError)
// for large arrays — a function of 150,000 statements has that many lines.

export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let k = 0; k < items.length; k++) target.push(items[k]);
  return target;
}
