/* Times the tariff-line lookup under Node, on the data file the build writes (bench/lookup.py runs it):
   loading data/tariff-lines.js once (read, evaluate, prepare) and answering lookups with the functions of
   docs/assets/lookup.js (search, pick the line, the duty on the day, in words), without the page.

       node bench/lookup_node.js DATA_FILE LOOKUP_JS REPEATS QUERY...   (a query: "text|date|origin")

   Prints one JSON object: {"load_ms": n, "lines": n, "lookups": [{"query", "date", "from", "matches",
   "first_ms", "median_ms", "max_ms"}]}. */
"use strict";
var fs = require("fs");
var vm = require("vm");
var path = require("path");

var args = process.argv.slice(2);
var dataFile = args[0], lookup = require(path.resolve(args[1])), repeats = parseInt(args[2], 10);
var queries = args.slice(3);

function now() { return Number(process.hrtime.bigint()) / 1e6; }
function median(values) {
  var sorted = values.slice().sort(function (a, b) { return a - b; }), mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

var started = now();
var context = { window: {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(dataFile, "utf8"), context);  // as the page's script element runs it
var data = lookup.prepare(context.window.KB_TARIFF_LINES);
var loadMs = now() - started;

function answer(query, day, origin) {
  var found = lookup.search(data, query);
  if (!found.length) return [found, null];
  var pick = found[0], typed = query.replace(/[.\s]/g, "");
  for (var f = 0; f < found.length; f++) if (data.lineCodes[found[f]] === typed) { pick = found[f]; break; }
  var group = data.groups[data.lineGroup[pick]], history = group.by[origin];
  var fine = lookup.holding(history.d, day), coarse = lookup.holding(history.h, day);
  return [found, [lookup.combined(data, group.product, coarse), fine]];
}

var lookups = queries.map(function (spec) {
  var parts = spec.split("|"), times = [], found = null;
  for (var i = 0; i < repeats; i++) {
    var t = now();
    found = answer(parts[0], parts[1], parts[2])[0];
    times.push(now() - t);
  }
  return { query: parts[0], date: parts[1], from: parts[2], matches: found.length, first_ms: times[0],
    median_ms: median(times), max_ms: Math.max.apply(null, times) };
});
process.stdout.write(JSON.stringify({ load_ms: loadMs, lines: data.lineCodes.length, lookups: lookups }) + "\n");
