// `scim-check serve` as a function: what it prints, that the server answers, and that the signal stops it.
import { describe, it, expect } from 'vitest';
import { serve } from '../../src/cli/commands/serve.js';
import { UsageError } from '../../src/errors.js';

function capture(): { out: string[]; err: string[]; io: { stdout(s: string): void; stderr(s: string): void; signal: AbortSignal }; stop(): void } {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  return { out, err, io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), signal: controller.signal }, stop: () => controller.abort() };
}

const base = { host: '127.0.0.1', port: 0, quirks: [], seedUsers: 0, seedGroups: 0, patch204: false };

async function waitFor(lines: string[], pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const m = pattern.exec(lines.join(''));
    if (m !== null) return m;
    await new Promise((r) => setImmediate(r));
  }
}

describe('serve', () => {
  it('prints paste-able export lines, answers with that token, and stops on the signal', async () => {
    const c = capture();
    const running = serve({ ...base, token: 'tok-123', quirks: ['string-counts', 'slow=1'], seedUsers: 2 }, c.io);
    const m = await waitFor(c.out, /export SCIM_BASE_URL=(\S+)\nexport SCIM_TOKEN=(\S+)\n/);
    expect(m[2]).toBe('tok-123');
    const res = await fetch(`${m[1]}/Users`, { headers: { authorization: 'Bearer tok-123' } });
    expect(await res.json()).toMatchObject({ totalResults: '2' });
    const err = c.err.join('');
    expect(err).toContain('quirks    string-counts, slow=1');
    expect(err).toContain('seeded    2 users, 0 groups');
    expect(err).not.toContain('warning');
    c.stop();
    await running;
    await expect(fetch(`${m[1]}/Users`)).rejects.toThrow();
    expect(c.err.join('')).toContain('stopped');
  });

  it('a random token when none is given', async () => {
    const c = capture();
    const running = serve(base, c.io);
    const m = await waitFor(c.out, /export SCIM_TOKEN=(\S+)\n/);
    expect(m[1]).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    c.stop();
    await running;
  });

  it('warns when bound beyond loopback', async () => {
    const c = capture();
    const running = serve({ ...base, host: '0.0.0.0' }, c.io);
    await waitFor(c.out, /SCIM_TOKEN/);
    expect(c.err.join('')).toMatch(/warning: listening on 0\.0\.0\.0, not loopback/);
    c.stop();
    await running;
  });

  it('rejects a bad quirk or profile before binding', async () => {
    const c = capture();
    await expect(serve({ ...base, quirks: ['nope'] }, c.io)).rejects.toBeInstanceOf(UsageError);
    await expect(serve({ ...base, emulate: 'slack' }, c.io)).rejects.toThrow(/only emulated app is "postman"/);
    expect(c.out).toEqual([]);
  });

  it('a port in use is a usage error naming it', async () => {
    const a = capture();
    const running = serve(base, a.io);
    const m = await waitFor(a.out, /SCIM_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)/);
    const b = capture();
    await expect(serve({ ...base, port: Number(m[1]) }, b.io)).rejects.toThrow(/already in use; pass --port 0/);
    a.stop();
    await running;
  });
});
