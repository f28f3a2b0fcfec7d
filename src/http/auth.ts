// The Authorization header for each way Okta can authenticate (okta-protocol.md §1.2), and the list of every
// secret a Target holds, so redaction knows what to scrub.
import type { AuthConfig, Target } from './types.js';

/** Shorter values are not scrubbed: replacing "a" or "abc" everywhere would wreck output and hide nothing. */
const MIN_SECRET_LENGTH = 4;

function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/** The headers that authenticate a request the way Okta would send them. */
export function authHeaders(auth: AuthConfig): Record<string, string> {
  switch (auth.kind) {
    case 'none':
      return {};
    case 'bearer':
      return { Authorization: `Bearer ${auth.token}` };
    case 'header':
      // Okta's Header Auth app sends the field verbatim: the admin types "Bearer x" if the server wants it.
      return { Authorization: auth.value };
    case 'basic':
      return { Authorization: `Basic ${basicCredentials(auth.username, auth.password)}` };
  }
}

/** Every secret string a Target holds, longest first, without duplicates or values too short to matter. */
export function secretsOf(target: Target): string[] {
  const found: string[] = [];
  const auth = target.auth;
  switch (auth.kind) {
    case 'none':
      break;
    case 'bearer':
      found.push(auth.token);
      break;
    case 'header': {
      found.push(auth.value);
      // "Bearer abc", "SSWS abc": the part after the scheme word is the secret on its own too.
      const rest = /^\S+\s+(.+)$/.exec(auth.value.trim())?.[1];
      if (rest !== undefined) found.push(rest);
      break;
    }
    case 'basic':
      found.push(auth.password, basicCredentials(auth.username, auth.password));
      break;
  }
  for (const value of Object.values(target.headers)) {
    found.push(value);
    const rest = /^\S+\s+(.+)$/.exec(value.trim())?.[1];
    if (rest !== undefined) found.push(rest);
  }
  if (target.proxy !== undefined) {
    try {
      const password = decodeURIComponent(new URL(target.proxy).password);
      found.push(password, basicCredentials(decodeURIComponent(new URL(target.proxy).username), password));
    } catch {
      // An unparsable proxy URL is reported by the config layer; nothing to scrub from it here.
    }
  }
  const unique = new Set(found.map((secret) => secret.trim()).filter((secret) => secret.length >= MIN_SECRET_LENGTH));
  return [...unique].sort((a, b) => b.length - a.length);
}
