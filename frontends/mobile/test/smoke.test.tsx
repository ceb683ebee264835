import { renderRouter, screen } from "expo-router/testing-library";

test("Inicio shows the catalog from the server", async () => {
  renderRouter("./src/app", { initialUrl: "/" });
  expect(await screen.findByText("Paliplátano", {}, { timeout: 20_000 })).toBeOnTheScreen();
});
