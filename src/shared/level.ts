// How much a failed expectation matters; the run's gate (`--level`) compares against it.

export type Level = 'required' | 'recommended' | 'optional';
export const LEVELS: readonly Level[] = ['required', 'recommended', 'optional'];
