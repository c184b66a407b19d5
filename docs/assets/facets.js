/* Facets on the kind indexes: the controls the build wrote (hidden without JavaScript, when the table shows every
   record) narrow the table to the rows that match every chosen value, and each value's count is recounted among
   the rows the other choices leave. One pass over the rows per change: fast at 10,000 records. Its words are
   English unless the form hands it their translation (data-kb-words: each English string to the page's language). */
(function () {
  "use strict";
  function say(words, english, values) {  // an English string in the page's language (data-kb-words), filled in
    var text = Object.prototype.hasOwnProperty.call(words, english) ? words[english] : english;
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }
  function wordsOf(node) {
    try { return JSON.parse(node.getAttribute("data-kb-words") || "{}"); } catch (e) { return {}; }
  }
  function setup() {
    var form = document.querySelector("form.kb-facets");
    if (!form) return;
    var table = form.nextElementSibling;
    while (table && table.tagName !== "TABLE") table = table.querySelector ? table.querySelector("table") || table.nextElementSibling : null;
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    var values = rows.map(function (row) {
      var found = {};
      selects.forEach(function (s) { found[s.dataset.facet] = (row.getAttribute("data-facet-" + s.dataset.facet) || "").split(" "); });
      return found;
    });
    var status = form.querySelector(".kb-facets-count"), words = wordsOf(form);
    function update() {
      var chosen = {};
      selects.forEach(function (s) { if (s.value) chosen[s.dataset.facet] = s.value; });
      var counts = {}, shown = 0;
      selects.forEach(function (s) { counts[s.dataset.facet] = {}; });
      rows.forEach(function (row, i) {
        var misses = [];
        selects.forEach(function (s) {
          var name = s.dataset.facet;
          if (chosen[name] && values[i][name].indexOf(chosen[name]) < 0) misses.push(name);
        });
        row.hidden = misses.length > 0;
        if (!row.hidden) shown++;
        selects.forEach(function (s) {  // a value's count: the rows every other choice leaves
          var name = s.dataset.facet;
          if (misses.length === 0 || (misses.length === 1 && misses[0] === name)) {
            values[i][name].forEach(function (v) { if (v) counts[name][v] = (counts[name][v] || 0) + 1; });
          }
        });
      });
      selects.forEach(function (s) {
        Array.prototype.forEach.call(s.options, function (option) {
          if (!option.value) { option.textContent = say(words, "All", {}); return; }
          option.textContent = say(words, "{label} ({count})", { label: option.dataset.label, count: counts[s.dataset.facet][option.value] || 0 });
        });
      });
      status.textContent = say(words, "{shown} of {total} shown", { shown: shown, total: rows.length });
    }
    selects.forEach(function (s) { s.addEventListener("change", update); });
    form.hidden = false;
    update();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
