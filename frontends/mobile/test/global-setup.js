// Jest global setup: one real server for the whole run (tests isolate themselves by email).
const fs = require("node:fs");
const path = require("node:path");

const { startPlatformServer } = require("./platform-server");

module.exports = async function globalSetup() {
  fs.mkdirSync(path.join(__dirname, "..", ".expo"), { recursive: true });
  const server = await startPlatformServer({ log: path.join(__dirname, "..", ".expo", "jest-server.log") });
  globalThis.__DONPALITO_SERVER__ = server;
  fs.mkdirSync(path.join(__dirname, "..", ".expo"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "..", ".expo", "jest-server.json"), JSON.stringify({ baseUrl: server.baseUrl }));
  process.env.EXPO_PUBLIC_API_URL = server.baseUrl;
};
