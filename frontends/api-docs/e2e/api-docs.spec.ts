import { expect, test } from "@playwright/test";

// The contract's operations, read from the contract the server serves (operationId and method of each).
async function contractOperations(baseURL: string): Promise<{ id: string; method: string; path: string }[]> {
  const yaml = await (await fetch(`${baseURL}/api/openapi.yaml`)).text();
  const ops: { id: string; method: string; path: string }[] = [];
  let path = "";
  let method = "";
  for (const line of yaml.split("\n")) {
    const p = /^ {2}(\/api[^:]*):\s*$/.exec(line);
    if (p) path = p[1]!;
    const m = /^ {4}(get|post|put|patch|delete):\s*$/.exec(line);
    if (m) method = m[1]!;
    const o = /^ {6}operationId:\s*(\S+)/.exec(line);
    if (o) ops.push({ id: o[1]!, method, path });
  }
  return ops;
}

test("the API reference lists every operation of the contract", async ({ page, baseURL }) => {
  const ops = await contractOperations(baseURL!);
  expect(ops.length).toBeGreaterThan(60);

  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "Don Palito Jr API" })).toBeVisible();
  for (const op of ops) {
    const anchor = `#tag/`;
    const link = page.locator(`a[href^="${anchor}"][href$="/${op.method.toUpperCase()}${op.path}"]`);
    await expect(link, `${op.method.toUpperCase()} ${op.path} (${op.id}) in the sidebar`).toHaveCount(1);
  }
});

test("try it: GET /api/products answers from this same server", async ({ page }) => {
  const refused: string[] = [];
  page.on("requestfailed", (r) => refused.push(r.url()));

  await page.goto("/api/docs#tag/products/GET/api/products");
  const section = page.locator('[id="donpalito/tag/products/GET/api/products"]');
  await expect(section).toBeVisible();
  await section.getByRole("button", { name: "Test Request (get /api/products)" }).click();

  // The console opens on this operation, pointed at this server.
  const client = page.getByRole("dialog", { name: "API Client" });
  const send = client.getByRole("button", { name: `Send get request to ${new URL(page.url()).origin}/api/products` });
  await expect(send).toBeVisible({ timeout: 30_000 });
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/products" && r.request().method() === "GET");
  await send.click();
  const res = await answer;
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  // The answer is shown in the console.
  await expect(client.getByText(/"items"/).first()).toBeVisible({ timeout: 15_000 });

  // Everything came from this server: no CDN, font service or proxy was tried.
  expect(refused.filter((u) => !u.startsWith(new URL(page.url()).origin))).toEqual([]);
});
