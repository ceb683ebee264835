// Browser storage that never throws (private mode, quota, disabled storage): the shop keeps working.

export function readJSON<T>(storage: Storage | undefined, key: string): T | undefined {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function writeJSON(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage unavailable: state lives for this page only.
  }
}

export const local = (): Storage | undefined => (typeof window === "undefined" ? undefined : window.localStorage);
export const session = (): Storage | undefined => (typeof window === "undefined" ? undefined : window.sessionStorage);
