import { startDemoServer } from './support/demo-server';
import { findChromium, launchChromium } from '../web/e2e/chromium';
(async () => {
  const demo = await startDemoServer();
  const ctx = await launchChromium(findChromium()!);
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('request', (r) => {
    if (r.url().includes('graphql')) console.log('req', r.postData()?.slice(0, 120), r.postData()?.slice(-160));
  });
  page.on('response', async (r) => {
    if (r.status() >= 400) console.log('resp', r.status(), r.url(), r.request().postData()?.slice(0, 300), (await r.text()).slice(0, 300));
  });
  await page.goto(`${demo.base}/`);
  await page.getByTestId('demo-person-M102').getByRole('button').click();
  await page.getByTestId('viewer').waitFor();
  await page.goto(`${demo.base}/team/interviews`);
  await page.waitForTimeout(4000);
  console.log((await page.locator('main, .ant-layout-content').first().innerText()).slice(0, 500));
  await ctx.close();
  await demo.stop();
})();
