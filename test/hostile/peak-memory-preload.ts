/**
 * Loaded with `node --require` into a child process whose memory a hostile case bounds: at
 * exit it writes the process's peak resident set size, in kilobytes, to the file named by
 * LABBOOK_TEST_PEAK_FILE. The product code runs unchanged; this only reads the kernel's count.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.LABBOOK_TEST_PEAK_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
