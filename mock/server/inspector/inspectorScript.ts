// The inspector page's script, as text: it polls the sandbox's own /_sandbox/requests (same
// origin, nothing else) and draws the list and one request's decision chain. Built with DOM
// methods and textContent only — no innerHTML — so nothing an entry holds can become markup.
export const inspectorScript = `
"use strict";
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};
let selected = null;
let paused = false;

function filters() {
  const query = new URLSearchParams({ limit: "100" });
  for (const name of ["workspace_id", "status", "credential_kind"]) {
    const value = $(name).value.trim();
    if (value) query.set(name, value);
  }
  return query;
}

function credentialText(entry) {
  const c = entry.credential;
  if (!c) return "no credential";
  return (c.kind || "unknown") + " in " + c.presented_in + (c.start ? " (" + c.start + "…)" : "");
}

function renderList(entries) {
  const body = $("rows");
  body.replaceChildren();
  for (const entry of entries) {
    const row = el("tr", entry.status >= 400 ? "refused" : "ok");
    if (entry.id === selected) row.classList.add("selected");
    row.dataset.id = entry.id;
    row.append(
      el("td", "time", entry.at.slice(11, 23)),
      el("td", "status", String(entry.status)),
      el("td", "code", entry.code || ""),
      el("td", "", entry.method + " " + entry.path),
      el("td", "", entry.operation_id || "—"),
      el("td", "", credentialText(entry)),
      el("td", "ws", entry.workspace_id || "—"),
    );
    row.addEventListener("click", () => show(entry.id));
    body.append(row);
  }
  $("count").textContent = entries.length + " shown";
}

function renderDetail(entry) {
  const box = $("detail");
  box.replaceChildren();
  const head = el("div", "head " + (entry.status >= 400 ? "refused" : "ok"));
  head.append(
    el("span", "big", entry.status + (entry.code ? " " + entry.code : "")),
    el("span", "", entry.method + " " + entry.path),
  );
  box.append(head);
  const facts = el("dl", "facts");
  const fact = (name, value) => facts.append(el("dt", "", name), el("dd", "", value));
  fact("request", entry.id + " at " + entry.at + ", " + entry.duration_ms + " ms");
  fact("operation", entry.operation_id || "none (no such route)");
  fact("workspace", entry.workspace_id || "unattributed");
  fact("credential", credentialText(entry));
  fact("principal", entry.principal ? entry.principal.kind + " " + entry.principal.id : "none");
  fact("agent", entry.agent_context ? entry.agent_context.agent_id + " (" + entry.agent_context.source + ")" : "none");
  box.append(facts);
  const scopes = el("div", "scopes");
  const held = new Set(entry.scopes.held);
  scopes.append(el("span", "label", "scopes required"));
  if (entry.scopes.required.length === 0) scopes.append(el("span", "scope none", "none"));
  for (const scope of entry.scopes.required) {
    scopes.append(el("span", "scope " + (held.has(scope) ? "held" : "missing"), (held.has(scope) ? "✓ " : "✗ ") + scope));
  }
  box.append(scopes);
  const chain = el("ol", "chain");
  entry.decision.forEach((step, index) => {
    const deciding = index === entry.decision.length - 1;
    const item = el("li", "step " + step.outcome + (deciding ? " deciding" : ""));
    const mark = step.outcome === "pass" ? "✓" : step.outcome === "fail" ? "✗" : "–";
    item.append(el("span", "mark", mark), el("span", "check", step.check), el("span", "why", step.detail));
    if (deciding) item.append(el("span", "tag", "decided"));
    chain.append(item);
  });
  box.append(el("h2", "", "Decision"), chain);
}

async function show(id) {
  selected = id;
  const reply = await fetch("/_sandbox/requests/" + encodeURIComponent(id));
  if (reply.ok) renderDetail(await reply.json());
  for (const row of document.querySelectorAll("#rows tr")) {
    row.classList.toggle("selected", row.dataset.id === id);
  }
}

async function poll() {
  if (!paused) {
    try {
      const reply = await fetch("/_sandbox/requests?" + filters());
      const body = await reply.json();
      if (reply.ok) {
        renderList(body.data);
        $("note").textContent = "";
        if (selected === null && body.data[0]) show(body.data[0].id);
      } else $("note").textContent = body.detail;
    } catch (error) {
      $("note").textContent = "The sandbox does not answer: " + error;
    }
  }
  setTimeout(poll, 1000);
}

$("pause").addEventListener("click", () => {
  paused = !paused;
  $("pause").textContent = paused ? "Resume" : "Pause";
});
for (const name of ["workspace_id", "status", "credential_kind"]) $(name).addEventListener("change", () => { selected = null; });
poll();
`;
