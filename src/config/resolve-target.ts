// Builds the Target from flags > environment > scim-check.yaml > profile, with one clear error per bad value.
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { AuthConfig, Target } from '../http/types.js';
import { readInputFile } from '../shared/read-input.js';
import type { ConfigFile } from './config-file.js';

/** The target-related flags every sending command shares. */
/** The one wording of the --insecure notice, in every output and report. */
export const INSECURE_NOTICE = 'TLS certificate verification is OFF (--insecure): Okta always verifies, so a pass here does not mean Okta can connect.';

export interface TargetFlags {
  baseUrl?: string | undefined;
  token?: string | undefined;
  tokenFile?: string | undefined;
  authHeader?: string | undefined;
  authHeaderFile?: string | undefined;
  basicUser?: string | undefined;
  password?: string | undefined;
  passwordFile?: string | undefined;
  header?: string[] | undefined;
  timeout?: string | undefined;
  insecure?: boolean | undefined;
  ca?: string | undefined;
  proxy?: string | undefined;
  maxResponseBytes?: string | undefined;
}

export interface ResolvedTarget {
  target: Target;
  /** Lines for the user (stderr): e.g. TLS verification is off, a secret was passed on the command line. */
  warnings: string[];
  /** Facts about the target every report must carry (e.g. TLS verification off), in one wording. */
  notices: string[];
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A missing or unreadable secret file is an `input.*` error (exit 3), like every other input file. */
async function readSecretFile(path: string, flag: string, cwd: string): Promise<string> {
  // A FIFO is accepted: `--token-file <(pass show scim)` is the safe way to hand over a token.
  const text = (await readInputFile(resolve(cwd, path), path, { what: flag, allowPipe: true, maxBytes: 64 * 1024 })).trim();
  if (text === '') throw new UsageError('input.emptySecret', 'Empty secret file', `${flag} ${path}: the file is empty`);
  return text;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new UsageError('usage.badNumber', 'Invalid value', `${flag} ${value}: expected a positive whole number`);
  return n;
}

/** "Name: value" → [name, value]. */
export function parseHeaderFlag(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (name === '' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    // The value may be a secret: name only the part before the colon.
    throw new UsageError('usage.badHeader', 'Invalid --header', `--header expects "Name: value", got a value whose name part is "${name || '(empty)'}"`);
  }
  return [name, text.slice(colon + 1).trim()];
}

export function validateBaseUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError('usage.badUrl', 'Invalid base URL', `${source} "${raw}" is not an absolute URL; expected e.g. https://example.com/scim/v2`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError('usage.badUrl', 'Invalid base URL', `${source} "${raw}" uses ${url.protocol}; expected https:// (or http:// for a local server)`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError('usage.badUrl', 'Invalid base URL', `${source} "${raw}" has a query or fragment; Okta appends /Users to the base URL, so give the base path only`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('usage.badUrl', 'Invalid base URL', `${source} contains credentials; pass them with --basic-user and SCIM_PASSWORD instead`);
  }
  return url.toString().replace(/\/+$/, '');
}

function noProxyMatches(host: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined || noProxy.trim() === '') return false;
  return noProxy.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).some((entry) => {
    if (entry === '*') return true;
    const bare = entry.replace(/^\*?\./, '').replace(/:\d+$/, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

function proxyFromEnv(baseUrl: string, env: Record<string, string | undefined>): string | undefined {
  const url = new URL(baseUrl);
  if (noProxyMatches(url.hostname.toLowerCase(), env['NO_PROXY'] ?? env['no_proxy'])) return undefined;
  const value = url.protocol === 'https:' ? env['HTTPS_PROXY'] ?? env['https_proxy'] : env['HTTP_PROXY'] ?? env['http_proxy'];
  return value === undefined || value === '' ? undefined : value;
}

/** One auth source per level; two at the same level is an error, a higher level wins over a lower one. */
async function resolveAuth(flags: TargetFlags, env: Record<string, string | undefined>, config: ConfigFile | undefined, cwd: string, warnings: string[]): Promise<AuthConfig> {
  const history = (flag: string, instead: string): void => {
    warnings.push(`warning: ${flag} puts a secret in your shell history and process list; prefer ${instead}`);
  };
  const password = async (): Promise<string> => {
    if (flags.password !== undefined) {
      history('--password', 'SCIM_PASSWORD or --password-file');
      return flags.password;
    }
    if (flags.passwordFile !== undefined) return readSecretFile(flags.passwordFile, '--password-file', cwd);
    if (env['SCIM_PASSWORD'] !== undefined && env['SCIM_PASSWORD'] !== '') return env['SCIM_PASSWORD'];
    if (config?.passwordFile !== undefined) return readSecretFile(config.passwordFile, `passwordFile in ${config.file}`, cwd);
    throw new UsageError('usage.missingPassword', 'Missing password', 'basic auth needs a password: set SCIM_PASSWORD or pass --password-file FILE');
  };

  const fromFlags: Array<() => Promise<AuthConfig>> = [];
  if (flags.token !== undefined) fromFlags.push(async () => (history('--token', 'SCIM_TOKEN or --token-file'), { kind: 'bearer', token: flags.token ?? '' }));
  if (flags.tokenFile !== undefined) fromFlags.push(async () => ({ kind: 'bearer', token: await readSecretFile(flags.tokenFile ?? '', '--token-file', cwd) }));
  if (flags.authHeader !== undefined) fromFlags.push(async () => (history('--auth-header', 'SCIM_AUTH_HEADER or --auth-header-file'), { kind: 'header', value: flags.authHeader ?? '' }));
  if (flags.authHeaderFile !== undefined) fromFlags.push(async () => ({ kind: 'header', value: await readSecretFile(flags.authHeaderFile ?? '', '--auth-header-file', cwd) }));
  if (flags.basicUser !== undefined) fromFlags.push(async () => ({ kind: 'basic', username: flags.basicUser ?? '', password: await password() }));
  if (fromFlags.length > 1) {
    throw new UsageError('usage.authConflict', 'Conflicting credentials', 'give one of --token, --token-file, --auth-header, --auth-header-file or --basic-user, not several');
  }
  const flagAuth = fromFlags[0];
  if (flagAuth !== undefined) return flagAuth();

  const token = env['SCIM_TOKEN'];
  const header = env['SCIM_AUTH_HEADER'];
  const basicUser = env['SCIM_BASIC_USER'];
  const set = [token, header, basicUser].filter((v) => v !== undefined && v !== '').length;
  if (set > 1) throw new UsageError('usage.authConflict', 'Conflicting credentials', 'set only one of SCIM_TOKEN, SCIM_AUTH_HEADER and SCIM_BASIC_USER in the environment');
  if (token !== undefined && token !== '') return { kind: 'bearer', token };
  if (header !== undefined && header !== '') return { kind: 'header', value: header };
  if (basicUser !== undefined && basicUser !== '') return { kind: 'basic', username: basicUser, password: await password() };

  if (config !== undefined) {
    const configured = [config.tokenFile, config.authHeaderFile, config.basicUser].filter((v) => v !== undefined).length;
    if (configured > 1) throw new UsageError('usage.authConflict', 'Conflicting credentials', `${config.file} sets more than one of tokenFile, authHeaderFile and basicUser`);
    if (config.tokenFile !== undefined) return { kind: 'bearer', token: await readSecretFile(config.tokenFile, `tokenFile in ${config.file}`, cwd) };
    if (config.authHeaderFile !== undefined) return { kind: 'header', value: await readSecretFile(config.authHeaderFile, `authHeaderFile in ${config.file}`, cwd) };
    if (config.basicUser !== undefined) return { kind: 'basic', username: config.basicUser, password: await password() };
  }
  return { kind: 'none' };
}

/** flags > env > config file > profile default. */
export async function resolveTarget(input: {
  flags: TargetFlags;
  env: Record<string, string | undefined>;
  cwd: string;
  config?: ConfigFile | undefined;
  profileBaseUrl?: string | undefined;
}): Promise<ResolvedTarget> {
  const { flags, env, config, cwd } = input;
  const warnings: string[] = [];
  let baseUrl: string;
  if (flags.baseUrl !== undefined) baseUrl = validateBaseUrl(flags.baseUrl, '--base-url');
  else if (env['SCIM_BASE_URL'] !== undefined && env['SCIM_BASE_URL'] !== '') baseUrl = validateBaseUrl(env['SCIM_BASE_URL'], 'SCIM_BASE_URL');
  else if (config?.baseUrl !== undefined) baseUrl = validateBaseUrl(config.baseUrl, `baseUrl in ${config.file}`);
  else if (input.profileBaseUrl !== undefined) baseUrl = validateBaseUrl(input.profileBaseUrl, 'the profile\'s baseUrl');
  else throw new UsageError('usage.noBaseUrl', 'No base URL', 'pass --base-url URL, set SCIM_BASE_URL, or put baseUrl in scim-check.yaml (e.g. https://example.com/scim/v2)');

  const auth = await resolveAuth(flags, env, config, cwd, warnings);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config?.headers ?? {})) {
    if (typeof value === 'string') headers[name] = value;
    else {
      const fromEnv = env[value.env];
      if (fromEnv === undefined) throw new UsageError('usage.missingEnv', 'Missing environment variable', `headers.${name} in ${config?.file ?? 'scim-check.yaml'} reads ${value.env}, which is not set`);
      headers[name] = fromEnv;
    }
  }
  for (const text of flags.header ?? []) {
    const [name, value] = parseHeaderFlag(text);
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
  }
  if (flags.header !== undefined && flags.header.length > 0 && flags.header.some((h) => /key|token|auth|secret/i.test(h.split(':')[0] ?? ''))) {
    warnings.push('warning: --header puts its value in your shell history; prefer `headers: { Name: { env: VAR } }` in scim-check.yaml');
  }

  const timeoutMs = flags.timeout !== undefined ? positiveInt(flags.timeout, '--timeout') : config?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = flags.maxResponseBytes !== undefined ? positiveInt(flags.maxResponseBytes, '--max-response-bytes') : config?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const verify = !(flags.insecure === true || config?.insecure === true);
  const notices = verify ? [] : [INSECURE_NOTICE];

  let ca: string | undefined;
  const caPath = flags.ca ?? config?.ca;
  if (caPath !== undefined) {
    ca = await readInputFile(resolve(cwd, caPath), caPath, { what: flags.ca !== undefined ? '--ca' : `ca in ${config?.file ?? 'the config file'}`, maxBytes: 1024 * 1024 });
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError('usage.badCa', 'Invalid CA file', `--ca ${caPath}: expected PEM certificates (-----BEGIN CERTIFICATE-----)`);
  }

  const proxyRaw = flags.proxy ?? config?.proxy ?? proxyFromEnv(baseUrl, env);
  let proxy: string | undefined;
  if (proxyRaw !== undefined) {
    try {
      const p = new URL(proxyRaw);
      if (p.protocol !== 'http:' && p.protocol !== 'https:') throw new Error('scheme');
      proxy = p.toString();
    } catch {
      throw new UsageError('usage.badProxy', 'Invalid proxy', `${flags.proxy !== undefined ? '--proxy' : 'the proxy setting'} is not an http(s) URL`);
    }
  }

  return {
    target: { baseUrl, auth, headers, tls: { verify, ca }, proxy, timeoutMs, maxResponseBytes },
    warnings,
    notices,
  };
}
