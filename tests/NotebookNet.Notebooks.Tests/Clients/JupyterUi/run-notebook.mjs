// Opens one notebook in a running `jupyter notebook` (classic UI), runs it through the UI (Cell → Run All) in
// Debian's headless Chromium with no network but the loopback server, and prints a JSON report of what a reader sees.
// usage: node run-notebook.mjs URL CHROMIUM TIMEOUT_SECONDS
import { chromium } from 'playwright-core';

const [url, executablePath, timeoutSeconds] = process.argv.slice(2);
const timeout = Number(timeoutSeconds) * 1000;
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
const external = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  page.on('request', r => {
    const u = new URL(r.url());
    if (/^(https?|wss?):$/.test(u.protocol) && u.hostname !== '127.0.0.1') external.push(r.url());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(), null, { timeout });
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout });
  // The test runs a copy, but a reader's notebook should not be rewritten behind their back either.
  await page.evaluate(() => Jupyter.notebook.set_autosave_interval(0));
  const started = Date.now();
  await page.click('#celllink');
  await page.click('#run_all_cells');
  await page.waitForFunction(() => {
    const code = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim().length > 0);
    return code.every(c => typeof c.input_prompt_number === 'number')
      && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
  }, null, { timeout, polling: 500 });
  const seconds = (Date.now() - started) / 1000;
  await page.waitForTimeout(1000); // charts queued behind the inline plotly.js
  const report = await page.evaluate(() => {
    const charts = Array.from(document.querySelectorAll('.notebooknet-plotly'));
    return {
      codeCells: Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim().length > 0).length,
      errors: Array.from(document.querySelectorAll('.output_error')).map(e => e.innerText.slice(0, 500)),
      stderr: Array.from(document.querySelectorAll('.output_stderr')).map(e => e.innerText.slice(0, 500)),
      charts: charts.length,
      drawn: charts.filter(c => c.querySelector('.main-svg') !== null).length,
    };
  });
  // Shut the kernel down, as closing the notebook from Jupyter's tree page would: the next notebook gets its own.
  await page.evaluate(() => new Promise(done => Jupyter.notebook.session.delete(done, done)));
  console.log(JSON.stringify({ ...report, seconds, external }));
} finally {
  await browser.close();
}
