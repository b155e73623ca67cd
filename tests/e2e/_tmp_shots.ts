import { launchBrowser, staffSessionCookie } from "./harness";
const url = "http://127.0.0.1:3405";
const cookie = await staffSessionCookie(url, "admin@demo.clinic");
const [name, value] = cookie.split("=");
const browser = await launchBrowser();
for (const [w, h, q, tag] of [
  [1024, 768, "?lng=en", "list-1024"],
  [1024, 768, "?lng=en&view=board", "board-1024"],
  [1440, 900, "?lng=en", "list-1440"],
  [1440, 900, "?lng=en&view=board", "board-1440"],
  [360, 740, "?lng=ar", "list-360-ar"],
  [360, 740, "?lng=ar&view=board", "board-360-ar"],
] as const) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  await ctx.addCookies([{ name: name!, value: value!, url }]);
  const page = await ctx.newPage();
  await page.goto(`${url}/staff/cases${q}`);
  const top = await page.evaluate(() => document.querySelector("table.cases-table tbody tr")?.getBoundingClientRect().top);
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(tag, "firstRowTop", top, "scrollWidth", sw);
  await page.screenshot({ path: `/tmp/i22p-${tag}.png` });
  await ctx.close();
}
await browser.close();
