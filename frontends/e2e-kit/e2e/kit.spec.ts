import { expect, test } from "@playwright/test";

import { apiAs, devToken } from "../src/index";

// The kit itself: the suites' server is the real one, on a fresh database with the demo catalog, and
// the helpers reach it as the apps do.
test("the suite's server has the demo catalog and signs people in", async ({ baseURL }) => {
  const anon = apiAs(baseURL!);
  const { data: products } = await anon.GET("/api/products", { params: { query: { limit: 5 } } });
  expect(products?.total).toBeGreaterThanOrEqual(15);

  const token = await devToken(baseURL!, "kit@donpalito.co", "admin");
  const { data: me } = await apiAs(baseURL!, token).GET("/api/users/me");
  expect(me?.email).toBe("kit@donpalito.co");
  expect(me?.role).toBe("admin");
});

test("chromium is the one the suites drive", async ({ page, browserName }) => {
  expect(browserName).toBe("chromium");
  await page.goto("/api/health");
  await expect(page.locator("body")).toContainText("ok");
});
