import { createAuthClient } from "/auth-client.js";

const auth = createAuthClient();
const $ = (id) => document.getElementById(id);
let mode = "login";
let renewals = 0;
let lastToken = null;

function say(text, isError = false) {
  $("message").textContent = text;
  $("message").classList.toggle("error", isError);
}

function claimsOf(token) {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(atob(payload));
}

function setMode(next) {
  mode = next;
  $("tab-login").setAttribute("aria-selected", String(mode === "login"));
  $("tab-register").setAttribute("aria-selected", String(mode === "register"));
  $("submit").textContent = mode === "login" ? "Sign in" : "Create account";
  $("password").autocomplete = mode === "login" ? "current-password" : "new-password";
  $("password-hint").hidden = mode === "login";
  say("");
}

function render(state) {
  $("signed-out").hidden = state.signedIn;
  $("signed-in").hidden = !state.signedIn;
  if (!state.signedIn) {
    lastToken = null;
    $("resource").textContent = "";
    return;
  }
  if (lastToken !== null && lastToken !== state.accessToken) renewals += 1;
  lastToken = state.accessToken;
  const claims = claimsOf(state.accessToken);
  $("who").textContent = claims.name;
  $("session-id").textContent = claims.sid;
  $("renewals").textContent = String(renewals);
  $("session-started").textContent = new Date(claims.iat * 1000).toLocaleString();
  scheduleRenewal(state.expiresAt);
}

// Renew shortly before expiry, so calls rarely meet a 401 at all.
let renewalTimer = null;
function scheduleRenewal(expiresAt) {
  clearTimeout(renewalTimer);
  const lead = Math.min(60_000, (expiresAt - Date.now()) * 0.2);
  renewalTimer = setTimeout(() => auth.refresh(), Math.max(0, expiresAt - Date.now() - lead));
}

setInterval(() => {
  const { signedIn, expiresAt } = auth.state;
  if (!signedIn) return;
  const seconds = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
  $("expires-in").textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}, 250);

$("tab-login").addEventListener("click", () => setMode("login"));
$("tab-register").addEventListener("click", () => setMode("register"));

$("credentials").addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = $("username").value;
  const password = $("password").value;
  $("submit").disabled = true;
  try {
    if (mode === "register") {
      await auth.register(username, password);
    }
    await auth.login(username, password);
    $("password").value = "";
    say(mode === "register" ? "Account created. You are signed in." : "");
  } catch (error) {
    say(error.message, true);
  } finally {
    $("submit").disabled = false;
  }
});

$("call").addEventListener("click", async () => {
  const response = await auth.fetchWithToken("/protected-resource");
  $("resource").textContent = response.ok
    ? JSON.stringify(await response.json(), null, 2)
    : `HTTP ${response.status}`;
});

$("renew").addEventListener("click", () => auth.refresh());

$("logout").addEventListener("click", async () => {
  await auth.logout();
  say("Signed out.");
});

auth.subscribe(render);
setMode("login");
// A reload keeps you signed in: the cookie can renew the access token without asking for the password.
auth.refresh();
