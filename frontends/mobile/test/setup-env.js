// Runs before each test file's modules load: point the app at the server of the global setup.
const fs = require("node:fs");
const path = require("node:path");

const { baseUrl } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", ".expo", "jest-server.json"), "utf8"));
process.env.EXPO_PUBLIC_API_URL = baseUrl;
