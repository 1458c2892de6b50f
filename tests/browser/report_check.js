/*
 * report_check.js - drive a ghosttrack HTML report in headless Chromium.
 *
 *   node report_check.js REPORT.html SCREENSHOT.png PROFILE_DIR [fixture|any] [LABEL]
 *
 * Opens the report from a file:// URL with Debian's /usr/bin/chromium
 * through playwright-core, blocks every request that is not file: (and
 * counts them), and prints TAP-like lines for tests/sh/report_browser.sh:
 * the map is drawn, the events table is populated, clicking an event shows
 * its evidence, filters work, no JavaScript error reaches the console and
 * no dialog opens.  With "fixture" (the report of tests/unit/test_report.c)
 * it also checks that the hostile vessel name and raw line show as text.
 * LABEL, when given, prefixes every test name ("demo: ...").
 */
'use strict';
const path = require('path');
const root = path.resolve(__dirname, '..', '..');
const { chromium } = require(path.join(root, 'node_modules', 'playwright-core'));

const [file, shot, profile, mode, label] = process.argv.slice(2);
const prefix = label ? label + ': ' : '';
const HOSTILE = '</script><img src=x onerror=alert(1)>';
const HOSTILE_RAW = '</script><script>alert(2)</script>';
let failures = 0;

function check(cond, name, why) {
  if (cond) {
    console.log('ok - ' + prefix + name);
  } else {
    failures++;
    if (why !== undefined) { console.log('# ' + String(why).split('\n').join('\n# ')); }
    console.log('not ok - ' + prefix + name);
  }
}

(async () => {
  const errors = [], dialogs = [], blocked = [];
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  try {
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) { return route.continue(); }
      blocked.push(url);
      return route.abort();
    });
    await ctx.addInitScript(() => {
      window.__gtAlerts = 0;
      window.alert = () => { window.__gtAlerts++; };
    });
    const page = ctx.pages()[0] || await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') { errors.push(m.text()); } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });

    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    let ready = true;
    try {
      await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    } catch (e) {
      ready = false;
    }
    check(ready, 'report script ran to the end', errors.join('\n'));

    const paths = await page.locator('.leaflet-overlay-pane svg path').count();
    const canvas = await page.locator('.leaflet-pane canvas').count();
    check(paths > 0 && canvas > 0, 'map drawn: Leaflet panes hold track paths and the basemap',
      'paths=' + paths + ' canvas=' + canvas);
    const basemapPainted = await page.evaluate(() => {
      const c = document.querySelector('.leaflet-pane canvas');
      if (!c) { return false; }
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4 * 97) { if (d[i] !== 0) { return true; } }
      return false;
    });
    check(basemapPainted, 'offline basemap painted land');

    const dashed = await page.locator('.leaflet-overlay-pane svg path[stroke-dasharray]').count();
    const labels = await page.locator('.gt-airport-label').count();
    if (mode === 'fixture') {
      check(dashed === 1, 'the gap is drawn as one dashed segment', 'dashed=' + dashed);
      check(labels === 5, 'airports and ports are marked', 'labels=' + labels);
    }

    if (mode === 'fixture') {
      const caps = await page.locator('#gt-caps').innerText();
      check(caps.includes('1 event cites more than 16 raw records'),
        'the page announces the evidence cap', caps);
    }

    const rows = await page.locator('#gt-events tbody tr').count();
    check(rows > 0 && (mode !== 'fixture' || rows === 10), 'events table populated', 'rows=' + rows);
    const chips = await page.locator('#gt-summary .gt-chip').count();
    check(chips > 0, 'summary counts by type shown', 'chips=' + chips);
    const bars = await page.locator('#gt-timeline .gt-tl-ev').count();
    check(bars === rows, 'timeline shows every event', 'bars=' + bars + ' rows=' + rows);

    /* Click the first gap (or the first event) and read its evidence. */
    let row = page.locator('#gt-events tbody tr', { hasText: 'gap' }).first();
    if (await row.count() === 0) { row = page.locator('#gt-events tbody tr').first(); }
    await row.click();
    await page.waitForSelector('#gt-detail .gt-ev', { timeout: 5000 }).catch(() => {});
    const evCount = await page.locator('#gt-detail .gt-ev').count();
    const evText = await page.locator('#gt-detail').innerText();
    check(evCount > 0 && /@ byte \d+|message #\d+/.test(evText),
      'clicking an event shows its evidence with source and offset', evText.slice(0, 400));
    if (mode === 'fixture') {
      check(evText.includes('caribbean/ais-2019-03.nmea @ byte 21600') &&
        evText.includes('!AIVDM,1,1,,B,'), 'evidence shows the raw AIS line and its file',
        evText.slice(0, 600));
      const sel = await page.locator('#gt-events tbody tr.gt-sel').count();
      check(sel === 1, 'clicked row is selected');
    }
    /* The screenshot shows the whole scene with the clicked event selected. */
    if (await page.locator('.gt-fit').count()) { await page.locator('.gt-fit').click(); }
    await page.waitForTimeout(700);
    await page.screenshot({ path: shot, fullPage: true });
    check(true, 'screenshot saved to ' + path.basename(shot));

    if (mode === 'fixture') {
      await page.selectOption('#gt-f-type', 'flight');
      const visible = await page.locator('#gt-events tbody tr:visible').count();
      check(visible === 3, 'type filter keeps the 3 flights', 'visible=' + visible);
      await page.selectOption('#gt-f-type', '');
      await page.fill('#gt-f-subject', 'RA-86496');
      const bySubj = await page.locator('#gt-events tbody tr:visible').count();
      check(bySubj === 2, 'subject filter matches a registration', 'visible=' + bySubj);
      await page.fill('#gt-f-subject', '');
      await page.fill('#gt-f-since', '2019-03-02T16:00');
      const bySince = await page.locator('#gt-events tbody tr:visible').count();
      check(bySince === 4, 'time filter keeps the 4 events ending after 16:00', 'visible=' + bySince);
      await page.fill('#gt-f-since', '');
      await page.click('#gt-events thead th:nth-child(6)');
      await page.click('#gt-events thead th:nth-child(4)');
      const firstSubj = await page.locator('#gt-events tbody tr td:nth-child(4)').first().innerText();
      check(firstSubj.startsWith('icao:154be4'), 'sorting by subject puts icao:154be4 first',
        firstSubj);

      /* The hostile name and raw line show as text, and nothing ran. */
      await page.locator('#gt-events tbody tr', { hasText: 'identity' }).first().click();
      const detailText = await page.locator('#gt-detail').innerText();
      const tableText = await page.locator('#gt-events').innerText();
      check(tableText.includes(HOSTILE) && detailText.includes(HOSTILE),
        'hostile vessel name shows as text in table and panel', detailText.slice(0, 400));
      check(detailText.includes(HOSTILE_RAW), 'hostile raw line shows as text');
      const imgs = await page.locator('img[src="x"], #gt-events img, #gt-detail img').count();
      const alerts = await page.evaluate(() => window.__gtAlerts);
      check(imgs === 0 && alerts === 0 && dialogs.length === 0, 'no injected element, no alert ran',
        'imgs=' + imgs + ' alerts=' + alerts + ' dialogs=' + dialogs.join(','));
    }
    check(blocked.length === 0, 'no request left the page', blocked.join('\n'));
    check(errors.length === 0, 'no JavaScript errors in the console', errors.join('\n'));
  } finally {
    await ctx.close();
  }
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log('# ' + String(e && e.stack || e).split('\n').join('\n# '));
  console.log('not ok - ' + prefix + 'browser test ran');
  process.exit(1);
});
