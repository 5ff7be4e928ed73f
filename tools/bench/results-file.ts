import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Each benchmark suite owns one section of docs/benchmarks.md between its own markers
 * (`<!-- bench:NAME:start -->` … `<!-- bench:NAME:end -->`), so running one suite leaves the
 * figures of the others as they were. A missing section is appended at the end.
 */
export function writeSection(file: string, name: string, lines: string[]): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = readFileSync(file, 'utf8');
  const section = `${start}\n${lines.join('\n')}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? `${text.slice(0, from)}${section}${text.slice(to + end.length)}` : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
