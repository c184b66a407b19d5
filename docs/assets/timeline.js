/* Timeline filters: a small vanilla script, vendored with the site so it works from file:// with no network.
   The page is complete without it; the script only reveals the filter form and hides non-matching entries. Its
   words are English unless the form hands it their translation (data-kb-words: each English string to the page's
   language). */
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
    var form = document.querySelector("form.kb-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var entries = Array.prototype.slice.call(document.querySelectorAll(".kb-entry"));
    var count = form.querySelector(".kb-count"), words = wordsOf(form);
    function matches(entry, name, value) {
      if (!value) return true;
      var have = (entry.getAttribute("data-" + name) || "").split(" ");
      return have.indexOf(value) !== -1;
    }
    function apply() {
      var chosen = {};
      Array.prototype.forEach.call(form.elements, function (el) { if (el.name) chosen[el.name] = el.value; });
      var shown = 0;
      entries.forEach(function (entry) {
        var ok = Object.keys(chosen).every(function (name) { return matches(entry, name, chosen[name]); });
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      // Hide year and month headings left with no visible entry.
      document.querySelectorAll(".md-content h2, .md-content h3").forEach(function (heading) {
        var next = heading.nextElementSibling, visible = false;
        while (next && !/^H[23]$/.test(next.tagName)) {
          if (next.classList.contains("kb-entry") && !next.hidden) visible = true;
          next = next.nextElementSibling;
        }
        if (heading.tagName === "H2") {
          next = heading.nextElementSibling;
          while (next && next.tagName !== "H2") {
            if (next.classList.contains("kb-entry") && !next.hidden) visible = true;
            next = next.nextElementSibling;
          }
        }
        heading.hidden = !visible;
      });
      if (count) count.textContent = say(words, "{shown} of {total} entries", { shown: shown, total: entries.length });
    }
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
