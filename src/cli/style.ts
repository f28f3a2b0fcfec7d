// Builds the reporters' Style from a chalk instance at the colour level the terminal allows.
import { Chalk } from 'chalk';
import { plainStyle } from '../report/style.js';
import type { Style } from '../report/style.js';

export function createStyle(level: 0 | 1 | 2 | 3): Style {
  if (level === 0) return plainStyle;
  const chalk = new Chalk({ level });
  return { red: chalk.red, green: chalk.green, yellow: chalk.yellow, cyan: chalk.cyan, dim: chalk.dim, bold: chalk.bold };
}
