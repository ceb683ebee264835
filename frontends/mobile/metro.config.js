// Metro for an app inside the npm workspace: Expo's default config already watches the
// workspace root (so @donpalito/api-client, which ships TypeScript source, is compiled
// with the app); NativeWind adds the Tailwind stylesheet.
const { getDefaultConfig } = require("expo/metro-config");
const { withNativeWind } = require("nativewind/metro");

const config = getDefaultConfig(__dirname);

module.exports = withNativeWind(config, { input: "./src/global.css" });
