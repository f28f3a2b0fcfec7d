// Colour as an injected dependency, so formatters stay pure and tests get plain text.

export interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const identity = (text: string): string => text;

export const plainStyle: Style = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity };
