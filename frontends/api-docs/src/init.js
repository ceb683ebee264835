// Mounts Scalar's reference over the contract this server serves. Everything loads from this server:
// no fonts, proxy, telemetry or assistant from elsewhere (the page's CSP would refuse them anyway).
import { createApiReference } from "/api/docs/standalone.esm.js";

createApiReference("#reference", {
  url: "/api/openapi.yaml",
  slug: "donpalito",
  title: "Don Palito Jr",
  // "Try it" calls this same server, so there is nothing to proxy.
  servers: [{ url: window.location.origin, description: "Este servidor" }],
  baseServerURL: window.location.origin,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: false,
  showDeveloperTools: "never",
  // Every operation listed in the sidebar from the start.
  defaultOpenAllTags: true,
  persistAuth: false,
  documentDownloadType: "yaml",
});
