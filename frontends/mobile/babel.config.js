// NativeWind turns className into styles at build time; babel-preset-expo adds the
// worklets plugin Reanimated 4 needs when it finds react-native-worklets installed.
module.exports = function (api) {
  api.cache(true);
  return {
    presets: [["babel-preset-expo", { jsxImportSource: "nativewind" }], "nativewind/babel"],
  };
};
