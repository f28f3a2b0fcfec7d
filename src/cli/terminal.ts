// Decides once how human output looks: colour level and whether a spinner may animate. Every command and ora
// follow this one decision (README, "Output"), so NO_COLOR, FORCE_COLOR, CI and TERM=dumb mean the same everywhere.

export interface Terminal {
  /** 0 = no colour, 1 = basic, 2 = 256, 3 = truecolor (chalk's levels). */
  colorLevel: 0 | 1 | 2 | 3;
  /** Animate a spinner on stderr: a TTY with a width, not CI, not dumb, and colour allowed. */
  spinner: boolean;
  isTTY: boolean;
  columns: number;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * NO_COLOR wins over everything (no-color.org); FORCE_COLOR wins over the guesses (TTY, CI, TERM=dumb); CI, a
 * dumb terminal and a non-TTY get plain lines. The spinner needs colour allowed too: NO_COLOR=1 means no
 * animated, coloured spinner either.
 */
export function detectTerminal(env: Record<string, string | undefined>, stream: { isTTY?: boolean; columns?: number }): Terminal {
  const isTTY = stream.isTTY === true;
  const ci = isSet(env['CI']);
  const dumb = env['TERM'] === 'dumb';
  const plain = !isTTY || dumb || ci;
  let colorLevel: Terminal['colorLevel'] = plain ? 0 : 1;
  if (!plain && /-256(color)?$/i.test(env['TERM'] ?? '')) colorLevel = 2;
  if (!plain && (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit')) colorLevel = 3;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force === 'false') colorLevel = 0;
    else if (force === '2' || force === '3') colorLevel = Number(force) as 2 | 3;
    else colorLevel = Math.max(colorLevel, 1) as Terminal['colorLevel'];
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') colorLevel = 0;
  // A terminal that reports no width (e.g. under `script`) makes ora's line erasing unbounded: no spinner there.
  const hasWidth = stream.columns !== undefined && stream.columns > 0;
  return { colorLevel, spinner: isTTY && !ci && !dumb && hasWidth && colorLevel > 0, isTTY, columns: stream.columns ?? 100 };
}
