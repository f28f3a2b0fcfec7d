// Decides once how human output looks: colour level and whether a spinner may animate.

export interface Terminal {
  /** 0 = no colour, 1 = basic, 2 = 256, 3 = truecolor (chalk's levels). */
  colorLevel: 0 | 1 | 2 | 3;
  /** Animate a spinner on stderr (a TTY, and not CI). */
  spinner: boolean;
  isTTY: boolean;
  columns: number;
}

/** NO_COLOR wins over FORCE_COLOR (no-color.org); CI and dumb terminals get plain lines. */
export function detectTerminal(env: Record<string, string | undefined>, stream: { isTTY?: boolean; columns?: number }): Terminal {
  const isTTY = stream.isTTY === true;
  const ci = env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== 'false' && env['CI'] !== '0';
  const dumb = env['TERM'] === 'dumb';
  let colorLevel: Terminal['colorLevel'] = isTTY && !dumb ? 1 : 0;
  if (isTTY && !dumb && /-256(color)?$/i.test(env['TERM'] ?? '')) colorLevel = 2;
  if (isTTY && !dumb && (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit')) colorLevel = 3;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force === 'false') colorLevel = 0;
    else if (force === '2' || force === '3') colorLevel = Number(force) as 2 | 3;
    else colorLevel = Math.max(colorLevel, 1) as Terminal['colorLevel'];
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') colorLevel = 0;
  // A terminal that reports no width (e.g. under `script`) makes ora's line erasing unbounded: no spinner there.
  const hasWidth = stream.columns !== undefined && stream.columns > 0;
  return { colorLevel, spinner: isTTY && !ci && !dumb && hasWidth, isTTY, columns: stream.columns ?? 100 };
}
