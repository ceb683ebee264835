// Runs before each test file's modules load: point the app at the server of the global setup, and
// give expo-secure-store (the OS keychain, which has no Jest version) an in-memory stand-in.
const fs = require("node:fs");
const path = require("node:path");

const { baseUrl } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", ".expo", "jest-server.json"), "utf8"));
process.env.EXPO_PUBLIC_API_URL = baseUrl;

jest.mock("expo-secure-store", () => {
  const store = new Map();
  return {
    __store: store,
    getItemAsync: async (key) => store.get(key) ?? null,
    setItemAsync: async (key, value) => {
      store.set(key, value);
    },
    deleteItemAsync: async (key) => {
      store.delete(key);
    },
  };
});
module.exports = {};
