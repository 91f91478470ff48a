// Preloaded into a bundle's process (NODE_OPTIONS=--import): writes its peak resident memory, in
// bytes, to $PEAK_RSS_FILE when it exits, so a test can check what an endless answer cost.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE)
    writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
