// End-to-end: Neo4j Browser, served by `./musig serve`, connects over Bolt (as neo4j with the password from
// MUSIG_NEO4J_PASSWORD, which run.sh reads from <data>/neo4j-password; none if it is unset: --no-auth), runs
// musig.recommend for the first playlist and shows the result; then plays the MUSIG guide (`:play
// HTTP_URL/musig/guide`), shows its first slide, and a click on step 1's statement puts it in the editor.
// Uses Debian's chromium (CHROMIUM, default /usr/bin/chromium); nothing is downloaded.
// Usage: node browser-e2e.mjs HTTP_URL BOLT_URL SCREENSHOT GUIDE_SCREENSHOT
import puppeteer from 'puppeteer-core';

const [httpUrl, boltUrl, screenshot, guideScreenshot] = process.argv.slice(2);
if (!guideScreenshot) {
  console.error('usage: node browser-e2e.mjs HTTP_URL BOLT_URL SCREENSHOT GUIDE_SCREENSHOT');
  process.exit(2);
}
// From the environment, not the command line, where other users' `ps` could read it.
const password = process.env.MUSIG_NEO4J_PASSWORD || '';
const query = 'MATCH (p:Playlist) WITH p ORDER BY p.id LIMIT 1 CALL musig.recommend(p.id, {k: 5}) '
  + 'YIELD rank, name, artist, score RETURN p.name AS playlist, rank, name, artist, score';

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--window-size=1400,1000'],
  defaultViewport: {width: 1400, height: 1000},
});
let ok = false;
let failureShot = screenshot; // where a failure's screenshot goes: the step that failed
const page = await browser.newPage();

const slideTitle = () => page.evaluate(
  () => document.querySelector('[data-testid="carousel"] h3')?.textContent.trim() ?? null);

/** Plays the guide the server serves, checks its first two slides and that a statement click fills the editor. */
async function playGuide() {
  const editor = await page.waitForSelector('[data-testid="activeEditor"]', {timeout: 30000});
  await editor.click();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(`:play ${httpUrl}musig/guide`);
  await page.click('[data-testid="editor-Run"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="carousel"] h3'), {timeout: 30000});
  const first = await slideTitle();
  await page.screenshot({path: guideScreenshot, fullPage: true});
  if (first !== 'MUSIG for Neo4j: a walk-through') {
    console.log(`FAIL: the guide's first slide is titled ${JSON.stringify(first)}`);
    return false;
  }
  // The next slide is step 1; clicking its statement puts it in the editor (without running it).
  await page.click('[data-testid="carousel"] .next-slide');
  await page.waitForFunction(() => /^1\. /.test(
    document.querySelector('[data-testid="carousel"] h3')?.textContent.trim() ?? ''), {timeout: 10000});
  await page.click('[data-testid="carousel"] pre.runnable');
  const filled = await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="activeEditor"]')?.innerText.replace(/\u00a0/g, ' ') ?? '';
    return text.includes("CALL musig.load.csv('spotify_songs.csv')");
  }, {timeout: 10000}).then(() => true, () => false);
  await page.screenshot({path: guideScreenshot.replace(/\.png$/, '-step1.png'), fullPage: true});
  console.log(filled ? `OK: the guide played (first slide "${first}"), and its step 1 statement went to the editor`
    : 'FAIL: clicking the step 1 statement did not put it in the editor');
  return filled;
}
try {
  const preselect = password ? '' : '&preselectAuthMethod=NO_AUTH';
  await page.goto(`${httpUrl}browser/?dbms=${encodeURIComponent(boltUrl)}${preselect}`,
    {waitUntil: 'networkidle2', timeout: 60000});
  // With authentication disabled the Browser connects by itself; otherwise its connect form asks, and the
  // user types neo4j and the password the server printed.
  await page.waitForFunction(() => /Connected to Neo4j/i.test(document.body.innerText)
    || document.querySelector('[data-testid="connect"]'), {timeout: 60000});
  const connect = await page.$('[data-testid="connect"]');
  if (connect) {
    const options = await page.$$eval('[data-testid="authenticationMethod"] option', os => os.map(o => o.value)).catch(() => []);
    const none = options.find(v => /no.?auth/i.test(v));
    if (password) {
      for (const [field, value] of [['username', 'neo4j'], ['password', password]]) {
        await page.click(`[data-testid="${field}"]`, {clickCount: 3});
        await page.keyboard.press('Backspace');
        await page.type(`[data-testid="${field}"]`, value);
      }
    } else if (none) {
      await page.select('[data-testid="authenticationMethod"]', none);
    }
    await connect.click();
    await page.waitForFunction(() => /Connected to Neo4j/i.test(document.body.innerText), {timeout: 30000});
  }
  // Type the query into the main editor and run it.
  const editor = await page.waitForSelector('[data-testid="activeEditor"]', {timeout: 30000});
  await editor.click();
  await page.keyboard.type(query);
  await page.click('[data-testid="editor-Run"]');
  // The result frame shows the recommendation table: its header and a rank.
  await page.waitForFunction(() => {
    const text = document.body.innerText;
    return text.includes('artist') && text.includes('score') && /started streaming \d+ records/i.test(text);
  }, {timeout: 60000});
  const text = await page.evaluate(() => document.body.innerText);
  const records = /started streaming (\d+) records/i.exec(text);
  ok = records && Number(records[1]) === 5;
  console.log(ok ? `OK: Neo4j Browser showed ${records[1]} recommendations` : `FAIL: unexpected result: ${records}`);
  await page.screenshot({path: screenshot, fullPage: true});
  failureShot = guideScreenshot;
  ok = ok && await playGuide();
} catch (e) {
  console.log('FAIL: ' + e.message);
  const ids = await page.$$eval('[data-testid]', es => es.map(e => e.getAttribute('data-testid'))).catch(() => []);
  console.log('data-testids on the page: ' + [...new Set(ids)].slice(0, 60).join(', '));
} finally {
  if (!ok) {
    await page.screenshot({path: failureShot, fullPage: true}).catch(() => {});
  }
  await browser.close();
}
process.exit(ok ? 0 : 1);
