// Where the bearer token comes from. Dev mode keeps the server's dev token in sessionStorage (gone when the
// tab closes); Clerk mode installs a getter that asks Clerk for a fresh session token on every call.

const DEV_TOKEN_KEY = "donpalito.admin.devToken";

type Getter = () => string | null | Promise<string | null>;

let getter: Getter = () => readDevToken();

export function currentToken(): string | null | Promise<string | null> {
  return getter();
}

export function setTokenGetter(next: Getter): void {
  getter = next;
}

export function readDevToken(): string | null {
  try {
    return sessionStorage.getItem(DEV_TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveDevToken(token: string | null): void {
  if (token) sessionStorage.setItem(DEV_TOKEN_KEY, token);
  else sessionStorage.removeItem(DEV_TOKEN_KEY);
}
