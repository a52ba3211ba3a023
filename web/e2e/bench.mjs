// `node web/e2e/bench.mjs [runs]`: the age presentation through the JavaScript package in
// headless Chromium (bindings/js/bench/age-flow.mjs, the same flow Node and the native bench
// time), after `bash bindings/js/build.sh` and `npm ci` here. Prints one JSON line.
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './servers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = Number(process.argv[2] ?? 20);
const server = await serveStatic(root);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bindings/js/bench/page.html`);
  const result = await page.evaluate(async (n) => {
    const zkcred = await import('/bindings/js/pkg/web/zkcred_js.js');
    await zkcred.default();
    const { benchAge } = await import('/bindings/js/bench/age-flow.mjs');
    const schema = await (await fetch('/crates/cli/data/identity.schema.json')).text();
    return benchAge(zkcred, schema, n);
  }, runs);
  console.log(JSON.stringify({ host: `chromium ${browser.version()}`, ...result }));
} finally {
  await browser.close();
  server.close();
}
