// Where the session (dev token) is kept on phones: the OS keychain/keystore via expo-secure-store.
import * as SecureStore from "expo-secure-store";

export const sessionStorage = {
  async get(key: string): Promise<string | null> {
    try {
      return (await SecureStore.getItemAsync(key)) ?? null;
    } catch {
      return null;
    }
  },
  async set(key: string, value: string): Promise<void> {
    await SecureStore.setItemAsync(key, value);
  },
  async remove(key: string): Promise<void> {
    await SecureStore.deleteItemAsync(key);
  },
};
