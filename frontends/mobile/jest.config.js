/** jest-expo (iOS platform) + React Native Testing Library, against a real Go server (test/global-setup.js). */
module.exports = {
  preset: "jest-expo",
  globalSetup: "<rootDir>/test/global-setup.js",
  globalTeardown: "<rootDir>/test/global-teardown.js",
  setupFiles: ["<rootDir>/test/setup-env.js"],
  testMatch: ["<rootDir>/src/**/*.test.ts?(x)", "<rootDir>/test/**/*.test.ts?(x)"],
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/src/$1", "\\.css$": "<rootDir>/test/style-stub.js" },
  transformIgnorePatterns: [
    "node_modules/(?!((jest-)?react-native|@react-native(-community)?|expo(nent)?|@expo(nent)?/.*|@expo-google-fonts/.*|react-navigation|@react-navigation/.*|@sentry/react-native|native-base|react-native-svg|nativewind|react-native-css-interop|@donpalito/.*|openapi-fetch|openapi-react-query|@tanstack/.*))",
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
};
