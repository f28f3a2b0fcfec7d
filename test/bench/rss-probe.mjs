// Preloaded with `node --import` into a process under measurement: on exit it writes the process's peak RSS (KiB)
// to the file named by BENCH_RSS_FILE, so a bench can read the peak of a child it did not write.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
