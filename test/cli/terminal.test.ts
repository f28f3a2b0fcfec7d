import { describe, expect, it } from 'vitest';
import { detectTerminal } from '../../src/cli/terminal.js';

describe('detectTerminal', () => {
  const tty = { isTTY: true, columns: 80 };
  it('colours and spins on a TTY', () => {
    expect(detectTerminal({ TERM: 'xterm' }, tty)).toMatchObject({ colorLevel: 1, spinner: true });
  });
  it('is plain when not a TTY', () => {
    expect(detectTerminal({}, { isTTY: false })).toMatchObject({ colorLevel: 0, spinner: false });
  });
  it('is plain under CI, even on a TTY, unless FORCE_COLOR asks for colour', () => {
    expect(detectTerminal({ CI: 'true', TERM: 'xterm' }, tty)).toMatchObject({ colorLevel: 0, spinner: false });
    expect(detectTerminal({ CI: 'true', FORCE_COLOR: '1', TERM: 'xterm' }, tty)).toMatchObject({ colorLevel: 1, spinner: false });
    expect(detectTerminal({ CI: 'false', TERM: 'xterm' }, tty)).toMatchObject({ colorLevel: 1, spinner: true });
  });
  it('does not spin without colour: NO_COLOR and FORCE_COLOR=0 stop the spinner too', () => {
    expect(detectTerminal({ NO_COLOR: '1', TERM: 'xterm' }, tty)).toMatchObject({ colorLevel: 0, spinner: false });
    expect(detectTerminal({ FORCE_COLOR: '0', TERM: 'xterm' }, tty)).toMatchObject({ colorLevel: 0, spinner: false });
  });
  it('honours NO_COLOR over FORCE_COLOR', () => {
    expect(detectTerminal({ NO_COLOR: '1', FORCE_COLOR: '3' }, tty).colorLevel).toBe(0);
  });
  it('honours FORCE_COLOR without a TTY', () => {
    expect(detectTerminal({ FORCE_COLOR: '1' }, { isTTY: false }).colorLevel).toBe(1);
    expect(detectTerminal({ FORCE_COLOR: '0', TERM: 'xterm' }, tty).colorLevel).toBe(0);
  });
  it('does not spin on a terminal that reports no width', () => {
    expect(detectTerminal({ TERM: 'xterm' }, { isTTY: true, columns: 0 }).spinner).toBe(false);
    expect(detectTerminal({ TERM: 'xterm' }, { isTTY: true }).spinner).toBe(false);
  });
  it('treats TERM=dumb as plain', () => {
    expect(detectTerminal({ TERM: 'dumb' }, tty)).toMatchObject({ colorLevel: 0, spinner: false });
  });
});
