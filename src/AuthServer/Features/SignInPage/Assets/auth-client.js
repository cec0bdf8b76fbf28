// AuthServer browser client: a plain ES module, no build step.
//
// - The access token lives in memory only; the refresh token lives in an HttpOnly cookie that
//   JavaScript never sees (cookie mode of AuthServer).
// - fetchWithToken() adds the access token; on a 401 it refreshes ONCE for all concurrent callers
//   (single flight) and retries each of them once.
// - When a refresh fails the client reports "signed out" to its listeners instead of looping.
// - listSessions(), endSession(id) and logoutEverywhere() manage the user's sessions through fetchWithToken,
//   so they share its single-flight refresh.
//
// import { createAuthClient } from "https://auth.example.com/auth-client.js";
// const auth = createAuthClient({ baseUrl: "https://auth.example.com" });

export function createAuthClient({ baseUrl = "" } = {}) {
  let accessToken = null;
  let expiresAt = null;
  let inFlightRefresh = null;
  const listeners = new Set();

  function notify() {
    const state = snapshot();
    for (const listener of listeners) listener(state);
  }

  function snapshot() {
    return { signedIn: accessToken !== null, accessToken, expiresAt };
  }

  function accept(tokens) {
    accessToken = tokens.access_token;
    expiresAt = new Date(Date.now() + tokens.expires_in * 1000);
    notify();
  }

  function forget() {
    accessToken = null;
    expiresAt = null;
    notify();
  }

  async function post(path, body, headers = {}) {
    return fetch(baseUrl + path, {
      method: "POST",
      credentials: "include",
      headers: { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function errorOf(response) {
    let message = `HTTP ${response.status}`;
    try {
      const body = await response.json();
      message = body.error_description || body.error || message;
    } catch {
      // No JSON body (a bearer challenge, a 404): the status says it all.
    }
    return Object.assign(new Error(message), { status: response.status });
  }

  async function register(username, password) {
    const response = await post("/register", { username, password });
    if (!response.ok) throw await errorOf(response);
    return response.json();
  }

  async function login(username, password) {
    const response = await post("/login", { username, password, use_cookie: true });
    if (!response.ok) throw await errorOf(response);
    accept(await response.json());
  }

  // Every caller that needs a refresh while one is running shares it: one request, one rotation.
  function refresh() {
    inFlightRefresh ??= (async () => {
      try {
        const response = await fetch(baseUrl + "/refresh-token", {
          method: "POST",
          credentials: "include",
          headers: { "X-Requested-With": "auth-client" },
        });
        if (!response.ok) {
          forget();
          return false;
        }
        accept(await response.json());
        return true;
      } catch {
        forget();
        return false;
      } finally {
        inFlightRefresh = null;
      }
    })();
    return inFlightRefresh;
  }

  function send(input, init, token) {
    const headers = new Headers(init.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    return fetch(typeof input === "string" ? baseUrl + input : input, { ...init, headers });
  }

  async function fetchWithToken(input, init = {}) {
    const tokenUsed = accessToken;
    const response = await send(input, init, tokenUsed);
    if (response.status !== 401) return response;
    // Refresh only if nobody has replaced the token we used; otherwise just retry with the new one.
    if (accessToken === tokenUsed) {
      const refreshed = await refresh();
      if (!refreshed) return response;
    }
    if (accessToken === null) return response;
    return send(input, init, accessToken);
  }

  // The cookie never reaches /logout (its path is /refresh-token), so the access token names the session;
  // if it has expired, fetchWithToken renews it first.
  async function logout() {
    try {
      if (accessToken !== null) await fetchWithToken("/logout", { method: "POST" });
    } finally {
      forget();
    }
  }

  // The user's live sessions, newest use first: { id, created_at, last_used_at, expires_at, user_agent, ip, current }.
  async function listSessions() {
    const response = await fetchWithToken("/sessions");
    if (!response.ok) throw await errorOf(response);
    return response.json();
  }

  // Signs another device out at once: its refresh token and its access tokens stop working.
  async function endSession(id) {
    const response = await fetchWithToken(`/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!response.ok) throw await errorOf(response);
  }

  // Ends every session of the user, this one too; the server clears the cookie. A failure throws: the other
  // sessions may still be alive, and the caller should say so.
  async function logoutEverywhere() {
    const response = await fetchWithToken("/logout-all", { method: "POST" });
    if (!response.ok) throw await errorOf(response);
    forget();
  }

  function subscribe(listener) {
    listeners.add(listener);
    listener(snapshot());
    return () => listeners.delete(listener);
  }

  return {
    register, login, logout, logoutEverywhere, refresh, fetchWithToken, listSessions, endSession, subscribe,
    get state() { return snapshot(); },
  };
}
