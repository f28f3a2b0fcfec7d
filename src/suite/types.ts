// The suite model: what a YAML suite means once loaded, validated and its fixtures read.
// Templates ({{ … }}) are still unexpanded here; the runner expands them step by step.
import type { SourceLocation } from '../errors.js';

import type { Expectation } from '../assert/types.js';
import type { Level } from '../shared/level.js';

export type { Expectation } from '../assert/types.js';

export type { Level } from '../shared/level.js';
export { LEVELS } from '../shared/level.js';

/** How a profile treats an Okta feature. */
export type FeatureSupport = 'on' | 'off' | 'unsupported';

/** Which kind of Okta app sends the calls (okta-protocol.md §0). */
export type OktaVariant = 'oin' | 'aiw';

/** Maps a JSON pointer into the suite document ('/steps/2/expect/0/status') to its place in the file. */
export type Locate = (pointer: string) => SourceLocation;

export interface RequestSpec {
  method: string;
  /** Relative to the target's base URL; may contain templates. */
  path: string;
  /** Query parameters in the order written (Okta's order matters to some servers). */
  query?: Array<[string, string]> | undefined;
  /** A query string sent verbatim instead of `query` (e.g. Okta's older `+`-for-space encoding). */
  rawQuery?: string | undefined;
  headers?: Record<string, string> | undefined;
  /** JSON value with any `$fixture` already replaced by the file's content (still templated). */
  body?: unknown;
  /** Raw body text, sent verbatim (for malformed-input steps); excludes `body`. */
  rawBody?: string | undefined;
  /** The suite's `secrets`: body members whose values are redacted like `password`. */
  secretFields?: string[] | undefined;
  /** JSON pointer of this request in the suite document. */
  pointer: string;
  /** Set when `body` came from `$fixture`: what a profile's `fixtures:` needs to send its own body instead. */
  fixture?: FixtureUse | undefined;
}

/** A request body read from a fixture, kept apart so a profile can swap the fixture for the one its app sends. */
export interface FixtureUse {
  /** The name as the suite wrote it (okta/create-user.json). */
  name: string;
  /** The top-level keys of the fixture's content. */
  keys: string[];
  /** The keys written beside `$fixture`, which win over the fixture's. */
  overrides: Record<string, unknown>;
}


/** Paging through a list as Okta's import does. */
export interface PagingSpec {
  /** Page size Okta asks for (100 for import). */
  count: number;
  /** A suite's own limit on pages fetched; unset, Okta's import reads every page (bounded only by --max-pages). */
  maxPages?: number | undefined;
}

/** A capability a server declares in /ServiceProviderConfig (RFC 7643 §5). */
export type Capability = 'patch' | 'bulk' | 'filter' | 'changePassword' | 'sort' | 'etag';
export const CAPABILITIES: readonly Capability[] = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'];

export interface StepCondition {
  /** Run only for this Okta app variant. */
  variant?: OktaVariant | undefined;
  /** Run only when the suite's feature has this support in the profile (default 'on'; 'any': on or unsupported). */
  support?: 'on' | 'unsupported' | 'any' | undefined;
  /** Run only when at least one of these features is on in the profile. */
  features?: string[] | undefined;
  /** The step needs this capability: a server declaring it unsupported gets `unsupported, as declared`. */
  capability?: Capability | undefined;
  /** Run only when /ServiceProviderConfig declares exactly these values (e.g. etag: false). */
  declared?: Partial<Record<Capability, boolean>> | undefined;
}

export interface Step {
  id: string;
  title: string;
  level: Level;
  why?: string | undefined;
  tags: string[];
  /** Ids of the rows of docs/requirements.md this step checks. */
  checks?: string[] | undefined;
  /** True when the request writes (POST, PUT, PATCH, DELETE); --read-only skips these. */
  writes: boolean;
  when?: StepCondition | undefined;
  request: RequestSpec;
  expect: Expectation[];
  paging?: PagingSpec | undefined;
  /** Variable name → source ('body.id', 'body.Resources.0.id', 'header.location', 'status'). */
  capture: Record<string, string>;
  /** Tried in order until one succeeds (2xx, or 404: already gone); later ones are fallbacks such as deactivation. */
  cleanup: RequestSpec[];
  /** JSON pointer of this step in the suite document ('/steps/3'). */
  pointer: string;
  /** Set on generated steps whose body and expectations depend on what the server answered earlier. */
  generate?: StepGenerator | undefined;
}

/**
 * A step made at run time from earlier captures (the attributes a server's /Schemas advertises): the runner calls
 * `make` just before sending, and sends its body and checks its expectations in place of the step's own.
 */
export interface StepGenerator {
  /** Captures it reads; one that an earlier step did not produce skips the step, as a missing template input does. */
  inputs: string[];
  /** Must not throw on any input: a server's hostile document is still an input. */
  make(inputs: Readonly<Record<string, unknown>>): GeneratedStep;
}

/** What a generator made: the request body and expectations, or why the step does not apply to this server. */
export type GeneratedStep = { body?: unknown; expect?: Expectation[] | undefined } | { inapplicable: string };

export interface Suite {
  id: string;
  title: string;
  /** The Okta provisioning feature it replays, as Okta's UI names it ("Create Users"). */
  okta?: string | undefined;
  /** The profile key that turns it on, off or marks it unsupported (createUsers). */
  feature?: string | undefined;
  level: Level;
  tags: string[];
  description?: string | undefined;
  /** Suite variables; values may contain templates and are expanded once per run, in order. */
  vars: Record<string, unknown>;
  steps: Step[];
  /** The file it was loaded from, as the user named it (or relative to the package for built-ins). */
  file: string;
  locate: Locate;
}

/** A profile's replacement for a fixture: the file it names and that file's JSON. */
export interface ProfileFixture {
  file: string;
  content: unknown;
}

/** A profile: which Okta features an app has, and how Okta talks to it. */
export interface Profile {
  id: string;
  title: string;
  variant: OktaVariant;
  description?: string | undefined;
  /** Default base URL when none is given (Postman's public API). */
  baseUrl?: string | undefined;
  /** Feature key → support; features not named are 'off'. */
  features: Record<string, FeatureSupport>;
  /** Overrides of suite variables (e.g. which attributes the app maps). */
  vars: Record<string, unknown>;
  /** Why a feature is unsupported or off, shown in the report. */
  notes: Record<string, string>;
  /** Capabilities the app cannot do without: a server declaring one unsupported fails instead of being excused. */
  needs?: Capability[] | undefined;
  /** `suite.step` → a limit the app documents: when that step fails it is reported unsupported with this reason. */
  limits?: Record<string, string> | undefined;
  /** Fixture a suite names → the JSON this app's Okta sends instead (read when the profile is loaded). */
  fixtures?: Record<string, ProfileFixture> | undefined;
  /** The user attributes the app's Okta attribute mapping sends (names from the attribute catalog), in order. */
  attributes?: string[] | undefined;
  file: string;
  locate: Locate;
}
