// `scim-check init`: a commented starter suite and scim-check.yaml in the current directory, never overwriting.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';

export const STARTER_SUITE = 'my-suite.yaml';
export const STARTER_CONFIG = 'scim-check.yaml';

const SUITE = `# yaml-language-server: $schema=./node_modules/scim-check/suites/suite.schema.json
# A starter suite: create a user, read it back, look it up by userName. README "The suite format" has the grammar.
# Check it with \`npx scim-check validate ${STARTER_SUITE}\`; run it with \`npx scim-check run ${STARTER_SUITE}\`.
id: my-app.users
title: My app creates and finds users
level: required                 # failures at this level fail the run (steps and expectations may lower it)

defaults:
  headers: { $use: okta }       # Okta's request headers on every call, Content-Type on calls with a body

vars:
  user:
    # Every name a run creates carries the run id, so runs never collide and leftovers are recognisable.
    userName: 'scim-check-{{ run.id }}-starter@example.com'

steps:
  - id: create
    title: Create the user
    request:
      method: POST
      path: /Users
      # Or keep the body in a file next to this suite: body: { $fixture: bodies/new-user.json, userName: … }
      body:
        schemas: [urn:ietf:params:scim:schemas:core:2.0:User]
        userName: '{{ user.userName }}'
        name: { givenName: Ada, familyName: Lovelace }
        emails: [{ value: '{{ user.userName }}', primary: true, type: work }]
        active: true
    expect:
      status: 201
      schema: User
      body:
        id: { $type: string }
        userName: { $equalsIgnoreCase: '{{ user.userName }}' }
    capture: { userId: body.id }  # usable as {{ userId }} in later steps and in this step's cleanup
    cleanup: { method: DELETE, path: '/Users/{{ userId }}' }

  - id: read
    title: Read the user back by id
    request: { method: GET, path: '/Users/{{ userId }}' }
    expect:
      status: 200
      body: { id: '{{ userId }}', active: true }

  - id: lookup
    title: Find the user by userName, as Okta does before every create
    request:
      method: GET
      path: /Users
      query: { filter: 'userName eq "{{ user.userName }}"' }
    expect:
      - status: 200
        body: { totalResults: 1, Resources: [{ id: '{{ userId }}' }] }
      - schema: UserListResponse
        level: recommended      # reported as a warning unless the run uses --level recommended
`;

const CONFIG = `# scim-check settings for this project (README "Target options"). Flags and SCIM_* environment variables win.
# Secrets never go here: export SCIM_TOKEN, or point tokenFile at a file kept out of version control.
baseUrl: http://127.0.0.1:8080/scim/v2   # \`npx scim-check serve --port 8080\` starts a reference server here
profile: okta                            # okta | okta-aiw | postman | path/to/my-app.profile.yaml
level: required                          # required | recommended | optional
# tokenFile: .secrets/scim-token
# headers:
#   x-api-key: { env: SCIM_API_KEY }
# timeoutMs: 60000
# suites: [${STARTER_SUITE}]            # run these instead of the built-in Okta suites
`;

export function initCommand(io: Pick<CliIo, 'cwd' | 'stdout'>): number {
  const files: Array<[string, string]> = [
    [STARTER_SUITE, SUITE],
    [STARTER_CONFIG, CONFIG],
  ];
  const taken = files.map(([name]) => name).filter((name) => existsSync(join(io.cwd, name)) || (name === STARTER_CONFIG && existsSync(join(io.cwd, 'scim-check.yml'))));
  if (taken.length > 0) {
    throw new UsageError('usage.exists', 'Files already exist', `${taken.join(' and ')} already ${taken.length === 1 ? 'exists' : 'exist'} in ${io.cwd}; nothing was written (move ${taken.length === 1 ? 'it' : 'them'} away to start afresh)`);
  }
  // 'wx' as well: never overwrite a file that appeared since the check.
  for (const [name, text] of files) writeFileSync(join(io.cwd, name), text, { flag: 'wx' });
  io.stdout(
    `Wrote ${STARTER_SUITE} and ${STARTER_CONFIG}.\n` +
      `Next: npx scim-check validate ${STARTER_SUITE}\n` +
      `      npx scim-check serve --port 8080     (in another terminal; export the SCIM_TOKEN it prints)\n` +
      `      npx scim-check run ${STARTER_SUITE}\n`,
  );
  return ExitCode.OK;
}
