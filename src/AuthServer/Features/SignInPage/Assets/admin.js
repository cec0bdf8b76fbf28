import { createAuthClient } from "/auth-client.js";

// The admin page: every action is a call to the admin endpoints (/admin/users…) with the access token, which the
// server checks for Auth:AdminRole. Usernames and roles come from other users, so they are only ever shown as text.

const pageSize = 20;
const auth = createAuthClient();
const $ = (id) => document.getElementById(id);
let signedIn = false;
let myId = null;
let query = "";
let next = null;
let shown = 0;

function say(text, isError = false) {
  $("message").textContent = text;
  $("message").classList.toggle("error", isError);
}

function claimsOf(token) {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(atob(payload));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function show(section) {
  for (const id of ["signed-out", "not-admin", "console"]) $(id).hidden = id !== section;
}

async function errorOf(response) {
  try {
    const body = await response.json();
    return body.error_description || body.error || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// Calls an admin endpoint; answers the response when it succeeded, null otherwise (having said why).
async function call(path, init = {}) {
  const response = await auth.fetchWithToken(path, init);
  if (response.status === 403) {
    show("not-admin");
    return null;
  }
  if (response.status === 401) {
    say("Your session has ended. Sign in again.", true);
    return null;
  }
  if (!response.ok) {
    say(await errorOf(response), true);
    return null;
  }
  return response;
}

function render(state) {
  const justSignedIn = state.signedIn && !signedIn;
  signedIn = state.signedIn;
  if (!state.signedIn) {
    myId = null;
    $("users").replaceChildren();
    show("signed-out");
    return;
  }
  const claims = claimsOf(state.accessToken);
  myId = claims.sub;
  $("who").textContent = claims.name;
  $("not-admin-who").textContent = claims.name;
  if (justSignedIn) search("");
}

function roleChip(user, role) {
  const chip = element("span", "role", role);
  const remove = element("button", "remove", "×");
  remove.setAttribute("aria-label", `Remove the role ${role} from ${user.username}`);
  remove.addEventListener("click", () => act(remove, `/admin/users/${user.id}/roles/${encodeURIComponent(role)}`,
    { method: "DELETE" }, `Removed the role ${role} from ${user.username}.`));
  chip.append(remove);
  return chip;
}

function userItem(user) {
  const item = element("li", "user");
  item.dataset.userId = user.id;
  item.dataset.username = user.username;

  const name = element("p", "device");
  name.append(element("strong", undefined, user.username));
  if (user.id === myId) name.append(" ", element("span", "badge", "you"));
  if (user.disabled) name.append(" ", element("span", "badge danger", "disabled"));

  const roles = element("dd", "roles");
  roles.append(...(user.roles.length > 0 ? user.roles.map((role) => roleChip(user, role)) : [element("span", "muted", "none")]));
  const created = element("time", undefined, new Date(user.created_at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
  created.dateTime = user.created_at;
  const createdAt = element("dd");
  createdAt.append(created);
  const facts = element("dl", "facts session-facts");
  facts.append(
    element("dt", undefined, "Roles"), roles,
    element("dt", undefined, "Live sessions"), element("dd", "live-sessions", String(user.live_sessions)),
    element("dt", undefined, "Created"), createdAt);

  const grant = element("form", "grant");
  const role = element("input");
  role.name = "role";
  role.placeholder = "role";
  role.required = true;
  role.maxLength = 64;
  role.pattern = "[A-Za-z0-9._\\-]{1,64}";
  role.setAttribute("aria-label", `Role to grant to ${user.username}`);
  const grantButton = element("button", undefined, "Grant role");
  grantButton.type = "submit";
  grant.append(role, grantButton);
  grant.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = role.value;
    act(grantButton, `/admin/users/${user.id}/roles`,
      { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role: name }) },
      `Granted the role ${name} to ${user.username}.`);
  });

  const details = element("div");
  details.append(name, facts, grant);

  const actions = element("div", "user-actions");
  if (user.id !== myId) {
    const toggle = user.disabled
      ? element("button", undefined, "Enable")
      : element("button", "danger", "Disable");
    toggle.setAttribute("aria-label", `${user.disabled ? "Enable" : "Disable"} ${user.username}`);
    toggle.addEventListener("click", () => user.disabled
      ? act(toggle, `/admin/users/${user.id}/enable`, { method: "POST" }, `Enabled ${user.username}. They can sign in again.`)
      : act(toggle, `/admin/users/${user.id}/disable`, { method: "POST" }, `Disabled ${user.username}: every session of theirs has ended.`));
    actions.append(toggle);
  }
  const logoutAll = element("button", undefined, "Sign out everywhere");
  logoutAll.setAttribute("aria-label", `Sign ${user.username} out everywhere`);
  logoutAll.addEventListener("click", () =>
    act(logoutAll, `/admin/users/${user.id}/logout-all`, { method: "POST" }, `Signed ${user.username} out everywhere.`));
  actions.append(logoutAll);

  item.append(details, actions);
  return item;
}

// Each load supersedes the ones before it, so a slow answer never overwrites a newer list.
let load = 0;

async function fetchPage(text, limit, after) {
  const parameters = new URLSearchParams({ query: text, limit: String(limit) });
  if (after) parameters.set("after", after);
  const response = await call(`/admin/users?${parameters}`);
  return response ? response.json() : null;
}

async function search(text, limit = pageSize) {
  const mine = ++load;
  $("users").setAttribute("aria-busy", "true");
  try {
    const page = await fetchPage(text, limit);
    if (mine !== load || page === null) return;
    show("console");
    query = text;
    next = page.next;
    shown = page.users.length;
    $("users").replaceChildren(...(page.users.length > 0 ? page.users.map(userItem) : [element("li", "user muted", "No users match.")]));
    $("more").hidden = next === null;
  } finally {
    if (mine === load) $("users").setAttribute("aria-busy", "false");
  }
}

async function more() {
  const mine = ++load;
  const page = await fetchPage(query, pageSize, next);
  if (mine !== load || page === null) return;
  next = page.next;
  shown += page.users.length;
  $("users").append(...page.users.map(userItem));
  $("more").hidden = next === null;
}

// Runs one action, then shows the users again as they now are.
async function act(button, path, init, done) {
  button.disabled = true;
  try {
    if (await call(path, init)) say(done);
  } finally {
    button.disabled = false;
  }
  await search(query, Math.min(100, Math.max(pageSize, shown)));
}

$("credentials").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("submit").disabled = true;
  try {
    await auth.login($("username").value, $("password").value);
    $("password").value = "";
    say("");
  } catch (error) {
    say(error.message, true);
  } finally {
    $("submit").disabled = false;
  }
});

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  say("");
  search($("query").value);
});

$("more").addEventListener("click", () => more());

for (const id of ["logout", "not-admin-logout"]) {
  $(id).addEventListener("click", async () => {
    await auth.logout();
    say("Signed out.");
  });
}

auth.subscribe(render);
// Signed in on the sign-in page already? The refresh-token cookie is shared with it.
auth.refresh();
