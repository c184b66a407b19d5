// `make bench`, facets: the filter script's own work (docs/assets/facets.js), timed in Node without a browser.
// Reads {rows: [{facet: "v1 v2"}], selects: [{facet, options: [{value, label}]}]} (one index page's table and
// controls, as the build wrote them) on stdin; runs the script against a minimal stand-in for the DOM it uses
// (no layout, no rendering); prints {rows, setup_ms, change_ms: [...]} as JSON.
"use strict";
const fs = require("fs");
const vm = require("vm");
const data = JSON.parse(fs.readFileSync(0, "utf-8"));
const script = fs.readFileSync(process.argv[2], "utf-8");

const rows = data.rows.map((facets) => ({ hidden: false, getAttribute: (name) => facets[name.slice(11)] || null }));
const listeners = [];
const selects = data.selects.map((s, index) => ({
  dataset: { facet: s.facet },
  value: "",
  options: [{ value: "", dataset: {}, textContent: "" }].concat(
    s.options.map((o) => ({ value: o.value, dataset: { label: o.label }, textContent: "" }))
  ),
  addEventListener: (type, listener) => { listeners[index] = listener; },
}));
const status = { textContent: "" };
const table = { tagName: "TABLE", tBodies: [{ rows }] };
const form = {
  hidden: true,
  nextElementSibling: table,
  querySelectorAll: () => selects,
  querySelector: () => status,
};
const context = {
  window: {},
  document: { readyState: "complete", querySelector: () => form },
  Array, Object,
};
context.window.document = context.document;

let started = process.hrtime.bigint();
vm.runInNewContext(script, context);
const setupMs = Number(process.hrtime.bigint() - started) / 1e6;
if (form.hidden || !status.textContent) throw new Error("the facet script did not set up: " + status.textContent);

const changeMs = [];
selects.forEach((select, index) => {
  select.options.slice(1, 21).forEach((option) => {  // up to 20 values of each facet, then back to all
    for (const value of [option.value, ""]) {
      select.value = value;
      started = process.hrtime.bigint();
      listeners[index]();
      changeMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  });
});
process.stdout.write(JSON.stringify({ rows: rows.length, setup_ms: setupMs, change_ms: changeMs, status: status.textContent }) + "\n");
