import { describe, expect, it } from "vitest";

import { choosePaymentMode } from "../payment/mode";
import { chooseAuthMode } from "./mode";

describe("auth adapter mode", () => {
  it("uses dev tokens when the server is in dev mode, whatever keys exist", () => {
    expect(chooseAuthMode({ authMode: "dev" })).toBe("dev");
    expect(chooseAuthMode({ authMode: "dev", clerkPublishableKey: "pk_test_x" })).toBe("dev");
  });
  it("uses Clerk with the key from config", () => {
    expect(chooseAuthMode({ authMode: "clerk", clerkPublishableKey: "pk_live_x" })).toBe("clerk");
  });
  it("refuses to show a broken sign-in when Clerk has no key", () => {
    expect(chooseAuthMode({ authMode: "clerk", clerkPublishableKey: null })).toBe("unavailable");
    expect(chooseAuthMode({ authMode: "clerk" })).toBe("unavailable");
    expect(chooseAuthMode(undefined)).toBe("unavailable");
  });
});

describe("payment adapter mode", () => {
  const base = { paymentMethods: ["card", "transfer"], stripePublishableKey: null as string | null };
  it("follows the provider the server used for the order's intent", () => {
    expect(choosePaymentMode({ ...base, stripePublishableKey: "pk_test" }, { provider: "simulated" })).toBe("simulated");
    expect(choosePaymentMode(base, { provider: "stripe", publishableKey: "pk_test_order" })).toBe("stripe");
    expect(choosePaymentMode(base, { provider: "stripe" })).toBe("unavailable");
  });
  it("uses Stripe when config carries a publishable key", () => {
    expect(choosePaymentMode({ ...base, stripePublishableKey: "pk_live" })).toBe("stripe");
  });
  it("simulates only on a dev server without a key", () => {
    expect(choosePaymentMode({ ...base, authMode: "dev" })).toBe("simulated");
    expect(choosePaymentMode({ ...base, authMode: "clerk" })).toBe("unavailable");
  });
  it("offers nothing when cards are off", () => {
    expect(choosePaymentMode({ paymentMethods: ["transfer"], stripePublishableKey: "pk" })).toBe("unavailable");
    expect(choosePaymentMode(undefined)).toBe("unavailable");
  });
});
