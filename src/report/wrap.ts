// Wraps human output to the terminal's width with a hanging indent: a continuation line starts two columns to the
// right of where its line started, so a block stays readable in a narrow terminal. Colour codes take no width.

const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/** Wraps one line at spaces; a word longer than the width (a URL) stays whole on its own line. */
export function wrapLine(line: string, width: number): string {
  if (width <= 0 || visibleLength(line) <= width) return line;
  const indent = /^ */.exec(line)?.[0] ?? '';
  const hanging = `${indent}  `;
  const words = line.slice(indent.length).split(' ');
  const out: string[] = [];
  let current = indent;
  let currentLength = indent.length;
  let empty = true;
  for (const word of words) {
    const length = visibleLength(word);
    if (!empty && currentLength + 1 + length > width) {
      out.push(current);
      current = hanging + word;
      currentLength = hanging.length + length;
      continue;
    }
    current += empty ? word : ` ${word}`;
    currentLength += (empty ? 0 : 1) + length;
    empty = false;
  }
  out.push(current);
  return out.join('\n');
}

/** Wraps every line of a text (keeping its trailing newline). */
export function wrapText(text: string, width: number | undefined): string {
  if (width === undefined || width <= 0) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}
