// Where the session is kept in a browser: sessionStorage (SecureStore has no web implementation),
// so a dev token never outlives the tab.
export const sessionStorage = {
  async get(key: string): Promise<string | null> {
    try {
      return globalThis.sessionStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  async set(key: string, value: string): Promise<void> {
    globalThis.sessionStorage?.setItem(key, value);
  },
  async remove(key: string): Promise<void> {
    globalThis.sessionStorage?.removeItem(key);
  },
};
