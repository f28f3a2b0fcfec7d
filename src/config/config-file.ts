// Reads scim-check.yaml: non-secret defaults for a project (base URL, profile, token file, headers from env…).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, ScimCheckError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { joinPointer } from '../shared/json-pointer.js';
import { readInputFile } from '../shared/read-input.js';
import { suggest } from '../shared/suggest.js';
import { parseYaml, preloadYaml } from '../suite/source-map.js';

export interface ConfigFile {
  file: string;
  baseUrl?: string | undefined;
  profile?: string | undefined;
  tokenFile?: string | undefined;
  authHeaderFile?: string | undefined;
  basicUser?: string | undefined;
  passwordFile?: string | undefined;
  /** Header name → literal value or `{ env: NAME }`. */
  headers: Record<string, string | { env: string }>;
  timeoutMs?: number | undefined;
  insecure?: boolean | undefined;
  ca?: string | undefined;
  proxy?: string | undefined;
  maxResponseBytes?: number | undefined;
  level?: string | undefined;
  suites?: string[] | undefined;
}

const KEYS = ['baseUrl', 'profile', 'tokenFile', 'authHeaderFile', 'basicUser', 'passwordFile', 'headers', 'timeoutMs', 'insecure', 'ca', 'proxy', 'maxResponseBytes', 'level', 'suites'] as const;
const SECRET_KEYS = ['token', 'password', 'authHeader', 'apiKey', 'secret'];

function configError(code: string, detail: string, location: SourceLocation): ScimCheckError {
  return new ScimCheckError({ code, exitCode: ExitCode.INVALID_INPUT, title: 'Invalid config file', detail, location });
}

/** Parses scim-check.yaml (with the suite loader's YAML reader); every problem names file:line:col. */
export function parseConfigText(text: string, file: string): ConfigFile {
  const parsed = parseYaml(text, file, 'config');
  const firstError = parsed.errors[0];
  if (firstError !== undefined) throw configError('config.yaml', `YAML syntax error: ${firstError.detail}`, firstError.location ?? { file, line: 1, column: 1 });
  const config: ConfigFile = { file, headers: {} };
  const raw = parsed.value;
  if (raw === null || raw === undefined) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw configError('config.type', 'the file must be a mapping of settings (key: value)', parsed.map.locate(''));
  for (const [key, plain] of Object.entries(raw as Record<string, unknown>)) {
    const pointer = joinPointer('', key);
    const where = parsed.map.locateKey(pointer);
    const valueAt = parsed.map.locate(pointer);
    if (SECRET_KEYS.includes(key)) {
      throw configError('config.secret', `"${key}" would put a secret in a file that is usually committed; use the SCIM_TOKEN / SCIM_AUTH_HEADER / SCIM_PASSWORD environment variables, or tokenFile / authHeaderFile / passwordFile`, where);
    }
    if (!(KEYS as readonly string[]).includes(key)) {
      const close = suggest(key, KEYS);
      throw configError('config.unknownKey', `unknown key "${key}"${close === undefined ? `; valid keys: ${KEYS.join(', ')}` : `; did you mean "${close}"?`}`, where);
    }
    switch (key) {
      case 'timeoutMs':
      case 'maxResponseBytes':
        if (typeof plain !== 'number' || !Number.isInteger(plain) || plain <= 0) throw configError('config.type', `${key} must be a positive whole number`, valueAt);
        config[key] = plain;
        break;
      case 'insecure':
        if (typeof plain !== 'boolean') throw configError('config.type', 'insecure must be true or false', valueAt);
        config.insecure = plain;
        break;
      case 'suites':
        if (!Array.isArray(plain) || !plain.every((s) => typeof s === 'string')) throw configError('config.type', 'suites must be a list of file paths', valueAt);
        config.suites = plain;
        break;
      case 'headers': {
        if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) throw configError('config.type', 'headers must be a mapping of header name to value or { env: NAME }', valueAt);
        for (const [name, v] of Object.entries(plain as Record<string, unknown>)) {
          const at = parsed.map.locateKey(joinPointer(pointer, name));
          // What undici would refuse on every request: say so here, at the line, before anything is sent.
          if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw configError('config.badHeader', `header name ${JSON.stringify(name)} is not a valid HTTP header name (no spaces or colons)`, at);
          // eslint-disable-next-line no-control-regex
          if (typeof v === 'string' && /[\u0000-\u0008\u000a-\u001f\u007f]/.test(v)) throw configError('config.badHeader', `headers.${name} has a line break or control character in its value; a header value is one line of text`, at);
          if (typeof v === 'string') config.headers[name] = v;
          else if (typeof v === 'object' && v !== null && typeof (v as { env?: unknown }).env === 'string' && Object.keys(v).length === 1) {
            config.headers[name] = { env: (v as { env: string }).env };
          } else throw configError('config.type', `headers.${name} must be a string or { env: NAME }`, valueAt);
        }
        break;
      }
      default:
        if (typeof plain !== 'string' || plain === '') throw configError('config.type', `${key} must be a non-empty string`, valueAt);
        (config as unknown as Record<string, unknown>)[key] = plain;
    }
  }
  return config;
}

/** Reads the file; a missing, special or oversized file is an `input.*` error (exit 3, as for any input file). */
export async function readConfigFile(path: string, shown = path): Promise<ConfigFile> {
  const [text] = await Promise.all([readInputFile(path, shown, { what: 'config file' }), preloadYaml()]);
  return parseConfigText(text, shown);
}

/** The names a project's settings file may have, in the order they are looked for. */
export const CONFIG_NAMES = ['scim-check.yaml', 'scim-check.yml'] as const;

/** The settings file in `dir` (scim-check.yaml or scim-check.yml), undefined when there is none; both is an error. */
export async function findConfigFile(dir: string): Promise<ConfigFile | undefined> {
  const present = CONFIG_NAMES.filter((name) => existsSync(join(dir, name)));
  if (present.length > 1) {
    throw new ScimCheckError({
      code: 'config.ambiguous',
      exitCode: ExitCode.INVALID_INPUT,
      title: 'Two config files',
      detail: `both ${present.join(' and ')} are in ${dir}; keep one (they are read the same way)`,
    });
  }
  const name = present[0];
  return name === undefined ? undefined : readConfigFile(join(dir, name), name);
}
