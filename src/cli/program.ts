// The command table: every command, its options and examples, each command's module loaded only when it runs.
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import type { CliIo } from './io.js';


/** The quirk table for `serve --help`; loaded by runProgram only when `serve` is on the command line. */
let quirkTable: Record<string, { description: string; takesValue?: boolean }> = {};

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Target options shared by every command that talks to a server. */
function addTargetOptions(command: Command): Command {
  return command
    .option('--base-url <url>', 'SCIM base URL, e.g. https://example.com/scim/v2 (env SCIM_BASE_URL)')
    .option('--token-file <file>', 'file holding a bearer token; sends "Authorization: Bearer <token>" (env SCIM_TOKEN)')
    .option('--token <token>', 'bearer token on the command line (works, but lands in shell history; prefer SCIM_TOKEN)')
    .option('--auth-header-file <file>', 'file holding the whole Authorization value, sent verbatim like Okta\'s Header Auth app (env SCIM_AUTH_HEADER)')
    .option('--auth-header <value>', 'the whole Authorization value on the command line (prefer SCIM_AUTH_HEADER)')
    .option('--basic-user <user>', 'HTTP Basic user; the password comes from SCIM_PASSWORD or --password-file (env SCIM_BASIC_USER)')
    .option('--password-file <file>', 'file holding the Basic password')
    .addOption(new Option('--password <password>', 'Basic password on the command line (prefer SCIM_PASSWORD)').hideHelp())
    .option('--header <header>', 'extra header "Name: value" on every request, repeatable (e.g. x-api-key)', collect)
    .option('--timeout <ms>', 'per-request timeout in ms (default 60000, Okta\'s limit)')
    .option('--insecure', 'do not verify TLS certificates (the output says so)')
    .option('--ca <file>', 'extra CA certificates (PEM) to trust')
    .option('--proxy <url>', 'HTTP(S) proxy (default: HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY)')
    .option('--max-response-bytes <n>', 'largest response body accepted (default 10485760)')
    .option('--config <file>', 'settings file (default ./scim-check.yaml when present)');
}

function addSelectionOptions(command: Command): Command {
  return command
    .option('--profile <name|file>', 'okta, okta-aiw, postman, or a profile YAML file', undefined)
    .option('--grep <pattern>', 'only steps whose suite/step id or title matches this regular expression')
    .option('--tags <tags>', 'only steps with one of these comma-separated tags')
    .option('--feature <features>', 'only suites of these comma-separated features (e.g. createUsers,pushGroups)')
    .option('--only <ids>', 'only these comma-separated suite or suite.step ids')
    .option('--read-only', 'skip every step that writes (POST, PUT, PATCH, DELETE): safe on a production tenant')
    .addOption(new Option('--level <level>', 'lowest level whose failures fail the run; lower ones are warnings').choices(['required', 'recommended', 'optional']));
}

/** Builds the program; actions resolve to an exit code through `setExit`. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('scim-check')
    .description('Replays Okta\'s SCIM 2.0 provisioning calls against a SCIM server and says precisely what broke and why.')
    .version(TOOL.version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  addSelectionOptions(
    addTargetOptions(
      program
        .command('run')
        .description('run the Okta suites (or the given suite files) against a SCIM server')
        .argument('[suites...]', 'suite files or built-in suite ids, e.g. users.create (default: every built-in Okta suite)'),
    ),
  )
    .option('--var <name=value>', 'set a template variable (user.title=Engineer); wins over the suite and profile; repeatable', collect)
    .option('--verbose', 'print each request and response (redacted) as its step ends')
    .option('--reporter <name[=file]>', 'pretty, json, junit, github, har or html=FILE; repeatable; "=file" writes to a file', collect)
    .option('--output <file>', 'write the json report to this file (same as --reporter json=FILE)')
    .option('--bail', 'stop after the first failed step (cleanup still runs)')
    .option('--keep-going', 'run every suite even when Test API Credentials fails (the first cause is still reported)')
    .option('--recover-wait <seconds>', 'how long to wait for a server that stopped answering to come back (default 5)')
    .option('--max-pages <n>', 'safety bound on the pages one paged step reads (default: every page, as Okta does)')
    .option('--dry-run', 'print every request as it would be sent (templated, redacted) and send nothing')
    .option('--run-timeout <ms>', 'deadline for the whole run in ms; cleanup gets 5 s more (default 900000, 15 min)')
    .option('--report-body-bytes <n>', 'bodies longer than this are cut in reports, marked with their full size (default 65536)')
    .addHelpText('after', `
Examples:
  $ SCIM_TOKEN=… scim-check run --base-url https://example.com/scim/v2
  $ scim-check run --profile postman --header "x-api-key: $KEY" --level required
  $ scim-check run --grep users.create --reporter junit=reports/junit.xml
  $ scim-check run my-suite.yaml --base-url http://127.0.0.1:8080/scim/v2
  $ scim-check run users.create my-suite.yaml --var user.title=Engineer --verbose`)
    .action(async (suites: string[], options: Omit<import('./commands/run.js').RunFlags, 'suites'>) => {
      const { runCommand } = await import('./commands/run.js');
      setExit(await runCommand({ ...options, suites }, io));
    });

  addSelectionOptions(
    program
      .command('list')
      .description('list suites and steps with their level and whether they run for a profile; sends nothing')
      .argument('[suites...]', 'suite files (default: the built-in Okta suites)')
      .option('--config <file>', 'settings file (default ./scim-check.yaml when present)'),
  )
    .addHelpText('after', `
Examples:
  $ scim-check list
  $ scim-check list --profile postman`)
    .action(async (suites: string[], options: Omit<import('./commands/run.js').RunFlags, 'suites'>) => {
      const { listCommand } = await import('./commands/list.js');
      setExit(await listCommand({ ...options, suites }, io));
    });

  program
    .command('validate')
    .description('check suite, profile and config files; every mistake as file:line:col; sends nothing')
    .argument('[files...]', 'suite files; a file in a profiles/ folder or named *.profile.yaml is a profile, scim-check.yaml/.yml the config')
    .option('--profile <file>', 'check this file as a profile, whatever its name; repeatable', collect)
    .addHelpText('after', `
Examples:
  $ scim-check validate suites/my-suite.yaml
  $ scim-check validate --profile my-app.yaml
  $ scim-check validate suites/*.yaml profiles/*.yaml scim-check.yaml`)
    .action(async (files: string[], options: { profile?: string[] }) => {
      const { validate } = await import('./commands/validate.js');
      const result = await validate({ files, profiles: options.profile, cwd: io.cwd }, io);
      setExit(result.ok ? ExitCode.OK : ExitCode.INVALID_INPUT);
    });

  program
    .command('init')
    .description('write a commented starter suite (my-suite.yaml) and scim-check.yaml here; never overwrites')
    .action(async () => {
      const { initCommand } = await import('./commands/init.js');
      setExit(initCommand(io));
    });

  addTargetOptions(program.command('diagnose').description('walk the connectivity ladder Okta\'s "Test API Credentials" depends on, and explain the first failure'))
    .option('--json', 'print a JSON report on stdout')
    .option('--har <file>', 'write every exchange (redacted) as HAR for the ticket')
    .addHelpText('after', `
Examples:
  $ SCIM_TOKEN=… scim-check diagnose --base-url https://customer.example.com/scim/v2
  $ scim-check diagnose --base-url … --har ticket-1234.har`)
    .action(async (options: import('./commands/diagnose.js').DiagnoseFlags) => {
      const { diagnoseCommand } = await import('./commands/diagnose.js');
      setExit(await diagnoseCommand(options, io));
    });

  program
    .command('explain')
    .description('explain an error message pasted from Okta\'s Admin Console: causes, the command that confirms each, the fix')
    .argument('<text...>', 'the message, quoted')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Examples:
  $ scim-check explain "Error authenticating: Unauthorized"`)
    .action(async (text: string[], options: { json?: boolean }) => {
      const { explain } = await import('./commands/explain.js');
      const result = explain({ text: text.join(' '), json: options.json === true }, io);
      setExit(result.matched ? ExitCode.OK : ExitCode.CHECKS_FAILED);
    });

  program
    .command('serve')
    .description('start the embedded reference SCIM server (loopback by default)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '8080')
    .option('--token <token>', 'bearer token the server accepts (default: a random one, printed)')
    .option('--emulate <app>', 'reproduce a real app\'s SCIM surface: postman')
    .option('--quirk <name>', 'reproduce a field bug, repeatable (see README for the list)', collect)
    .option('--seed-users <n>', 'users to create at start', '0')
    .option('--seed-groups <n>', 'groups to create at start', '0')
    .option('--patch-204', 'answer PATCH with 204 No Content instead of 200 + resource')
    .addHelpText('after', () => {
      const width = Math.max(...Object.keys(quirkTable).map((q) => q.length)) + 3;
      const rows = Object.entries(quirkTable).map(([name, info]) => `  ${(name + ('takesValue' in info && info.takesValue === true ? '=MS' : '')).padEnd(width)}${info.description}`);
      return `
Quirks (--quirk NAME, repeatable): real server bugs, each with the Okta symptom in README
${rows.join('\n')}

Examples:
  $ scim-check serve --port 8080
  $ scim-check serve --quirk string-counts --quirk filter-case-sensitive`;
    })
    .action(async (options: import('./commands/serve.js').ServeFlags) => {
      const { serveCommand } = await import('./commands/serve.js');
      setExit(await serveCommand(options, io));
    });

  program
    .command('demo')
    .description('start the reference server on a free loopback port, run every built-in suite against it, stop it')
    .addOption(new Option('--profile <name>', 'okta, okta-aiw or postman (postman runs against the Postman emulation)').default('okta'))
    .option('--reporter <name[=file]>', 'as for run', collect)
    .action(async (options: { profile?: string; reporter?: string[] }) => {
      const { demoCommand } = await import('./commands/demo.js');
      setExit(await demoCommand(options, io));
    });

  program
    .command('watch')
    .description('stand between Okta and a SCIM app: forward every request unchanged and judge each answer as Okta would')
    .option('--target <url>', 'the app\'s SCIM base URL, e.g. https://app.example.com/scim/v2 (env SCIM_BASE_URL)')
    .option('--expect-token-file <file>', 'file holding the token Okta sends; other inbound requests get 401 (required)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8080')
    .option('--har <file>', 'record every exchange (redacted) as HAR, for the ticket and for `scim-check replay`')
    .option('--reporter <name[=file]>', 'json, junit, github, har or html=FILE of the live exchanges, written at Ctrl-C; repeatable', collect)
    .option('--profile <name|file>', 'okta, okta-aiw, postman, or a profile YAML file')
    .addOption(new Option('--level <level>', 'lowest level whose failures count; lower ones are warnings').choices(['required', 'recommended', 'optional']))
    .option('--max-request-bytes <n>', 'largest inbound request body forwarded (default 1048576); larger gets 413')
    .option('--timeout <ms>', 'per-request timeout towards the target in ms (default 60000, Okta\'s limit)')
    .option('--insecure', 'do not verify the target\'s TLS certificate (the output says so)')
    .option('--ca <file>', 'extra CA certificates (PEM) to trust for the target')
    .option('--proxy <url>', 'HTTP(S) proxy towards the target (default: HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY)')
    .option('--max-response-bytes <n>', 'largest response body accepted from the target (default 10485760)')
    .option('--config <file>', 'settings file (default ./scim-check.yaml when present)')
    .addHelpText('after', `
Examples:
  $ scim-check watch --target https://app.example.com/scim/v2 --expect-token-file okta-token.txt --har session.har
  $ scim-check watch --target http://127.0.0.1:3000/scim/v2 --expect-token-file t.txt --port 0 --reporter junit=watch.xml`)
    .action(async (options: Record<string, unknown>) => {
      const { watchCommand } = await import('./commands/watch.js');
      setExit(await watchCommand(options, io));
    });

  addTargetOptions(
    program
      .command('replay')
      .description('send a recorded session (HAR) again to a target, with fresh unique values, judge it, and clean up')
      .argument('<har>', 'a HAR file written by `scim-check watch --har` (or any HAR of SCIM calls)'),
  )
    .option('--profile <name|file>', 'okta, okta-aiw, postman, or a profile YAML file')
    .addOption(new Option('--level <level>', 'lowest level whose failures fail the replay').choices(['required', 'recommended', 'optional']))
    .option('--reporter <name[=file]>', 'json, junit, github, har or html=FILE; repeatable', collect)
    .addHelpText('after', `
Examples:
  $ SCIM_TOKEN=… scim-check replay session.har --base-url https://app.example.com/scim/v2`)
    .action(async (har: string, options: Record<string, unknown>) => {
      const { replayCommand } = await import('./commands/replay.js');
      setExit(await replayCommand({ ...options, har }, io));
    });

  return program;
}

/** Parses argv and runs the command; commander's own errors become exit code 2. */
export async function runProgram(argv: string[], io: CliIo): Promise<number> {
  let code: number = ExitCode.OK;
  if (argv.includes('serve')) quirkTable = (await import('../server/quirks.js')).QUIRKS;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  // `-v` alone is the version, as in many tools; after a command it would be ambiguous, so it is refused.
  if (argv.length === 1 && argv[0] === '-v') argv = ['--version'];
  else if (argv.slice(1).includes('-v')) {
    throw new UsageError('usage.ambiguousV', 'Unknown option -v', '-v is not an option of a command: use --verbose to print each exchange, or `scim-check --version` for the version');
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.OK;
      return ExitCode.USAGE;
    }
    throw error;
  }
  return code;
}

export { UsageError };
