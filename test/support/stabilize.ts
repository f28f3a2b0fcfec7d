// Blanks what varies between runs (run ids, ports, durations, dates) before output is compared with golden files.

export function stabilize(text: string): string {
  return text
    .replace(/scim-check-[0-9a-f]{8}-/g, 'scim-check-<run>-')
    .replace(/\brun [0-9a-f]{8}\b/g, 'run <run>')
    .replace(/"runId": "[0-9a-f]{8}"/g, '"runId": "<run>"')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, '<n> $2')
    .replace(/"(durationMs|time|wait|receive|total|connect|send|blocked|dns|ssl)": -?\d+(\.\d+)?/g, '"$1": 0')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<date>')
    .replace(/scim-check \d+\.\d+\.\d+/g, 'scim-check <version>');
}
