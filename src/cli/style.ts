// Builds the reporters' Style from a chalk instance at the colour level the terminal allows; chalk is loaded only
// when there is colour to print.
import { plainStyle } from '../report/style.js';
import type { Style } from '../report/style.js';

export async function loadStyle(level: 0 | 1 | 2 | 3): Promise<Style> {
  if (level === 0) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level });
  return { red: chalk.red, green: chalk.green, yellow: chalk.yellow, cyan: chalk.cyan, dim: chalk.dim, bold: chalk.bold };
}
