module.exports = async function globalTeardown() {
  await globalThis.__DONPALITO_SERVER__?.stop();
};
