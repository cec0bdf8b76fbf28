import { createAuthClient } from "/auth-client.js";

const auth = createAuthClient();
const $ = (id) => document.getElementById(id);
let mode = "login";
let renewals = 0;
let lastToken = null;
let signedIn = false;

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
  const justSignedIn = state.signedIn && !signedIn;
  signedIn = state.signedIn;
  $("signed-out").hidden = state.signedIn;
  $("signed-in").hidden = !state.signedIn;
  if (!state.signedIn) {
    lastToken = null;
    $("resource").textContent = "";
    clearSessions();
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
  if (justSignedIn) loadSessions();
}

// Names a device from its user agent: "Firefox 140 on Windows". The user agent is whatever the other
// device sent, so it is only ever shown as text, and shortened when it is not a browser's.
const browsers = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/(?:OPR|Opera)\/(\d+)/, "Opera"],
  [/SamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/HeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/(?:Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/Version\/(\d+).*Safari\//, "Safari"],
];
const systems = [
  [/Windows/, "Windows"],
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/CrOS/, "ChromeOS"],
  [/Macintosh|Mac OS X/, "macOS"],
  [/Linux/, "Linux"],
];

function describeDevice(userAgent) {
  if (!userAgent) return "Unknown device";
  for (const [pattern, browser] of browsers) {
    const match = pattern.exec(userAgent);
    if (!match) continue;
    const system = systems.find(([test]) => test.test(userAgent));
    return system ? `${browser} ${match[1]} on ${system[1]}` : `${browser} ${match[1]}`;
  }
  const characters = Array.from(userAgent);
  return characters.length > 48 ? `${characters.slice(0, 47).join("")}…` : userAgent;
}

function displayAddress(ip) {
  return ip || "unknown";
}

function timeElement(iso) {
  const time = document.createElement("time");
  time.dateTime = iso;
  time.textContent = new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return time;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Built with createElement and textContent only: user agents and addresses come from other devices.
function sessionItem(session) {
  const device = describeDevice(session.user_agent);
  const item = element("li", "session");
  item.dataset.sessionId = session.id;

  const name = element("p", "device");
  const deviceName = element("strong", undefined, device);
  deviceName.title = session.user_agent ?? "";
  name.append(deviceName);
  if (session.current) name.append(" ", element("span", "badge", "this device"));
  const created = element("dd");
  created.append(timeElement(session.created_at));
  const lastUsed = element("dd");
  lastUsed.append(timeElement(session.last_used_at));
  const facts = element("dl", "facts session-facts");
  facts.append(
    element("dt", undefined, "IP address"), element("dd", undefined, displayAddress(session.ip)),
    element("dt", undefined, "Signed in"), created,
    element("dt", undefined, "Last used"), lastUsed);
  const details = element("div");
  details.append(name, facts);
  item.append(details);

  if (!session.current) {
    const end = element("button", "end", "End");
    end.setAttribute("aria-label", `End session: ${device}, ${displayAddress(session.ip)}`);
    end.addEventListener("click", () => endSession(session, end));
    item.append(end);
  }
  return item;
}

// Each load supersedes the ones before it, so a slow answer never overwrites a newer list.
let sessionsLoad = 0;

function clearSessions() {
  sessionsLoad += 1;
  $("sessions").replaceChildren();
  $("sessions").setAttribute("aria-busy", "false");
}

async function loadSessions() {
  const load = ++sessionsLoad;
  $("sessions").setAttribute("aria-busy", "true");
  try {
    const sessions = await auth.listSessions();
    if (load !== sessionsLoad) return;
    $("sessions").replaceChildren(...(sessions.length > 0
      ? sessions.map(sessionItem)
      : [element("li", "session muted", "No live sessions.")]));
  } catch (error) {
    if (load === sessionsLoad && auth.state.signedIn) say(`Could not load your sessions: ${error.message}`, true);
  } finally {
    if (load === sessionsLoad) $("sessions").setAttribute("aria-busy", "false");
  }
}

async function endSession(session, button) {
  button.disabled = true;
  try {
    await auth.endSession(session.id);
    say(`Ended the session of ${describeDevice(session.user_agent)}.`);
  } catch (error) {
    say(`Could not end that session: ${error.message}`, true);
  }
  if (auth.state.signedIn) await loadSessions();
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

$("sessions-refresh").addEventListener("click", () => loadSessions());

$("logout-all").addEventListener("click", async () => {
  $("logout-all").disabled = true;
  try {
    await auth.logoutEverywhere();
    say("Signed out on every device.");
  } catch (error) {
    say(`Could not sign out everywhere: ${error.message}`, true);
  } finally {
    $("logout-all").disabled = false;
  }
});

auth.subscribe(render);
setMode("login");
// A reload keeps you signed in: the cookie can renew the access token without asking for the password.
auth.refresh();
