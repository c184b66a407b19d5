/* Glossary tooltips: a small vanilla script, vendored with the site, so it works from file:// with no network.
   A term's definition is shown with textContent only, never as HTML: contributor text cannot become markup.
   (The theme's own tooltips feature renders title text as HTML, which is why it is not used.)
   Without JavaScript the browser's own title tooltip still shows the definition. */
(function () {
  "use strict";
  var tip = null;
  function hide() { if (tip) { tip.remove(); tip = null; } }
  function show(term) {
    hide();
    var text = term.getAttribute("data-definition");
    if (!text) return;
    tip = document.createElement("div");
    tip.className = "kb-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = text;
    document.body.appendChild(tip);
    var box = term.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function setup() {
    document.querySelectorAll(".md-content abbr[title]").forEach(function (term) {
      term.setAttribute("data-definition", term.getAttribute("title"));
      term.removeAttribute("title");  // one tooltip, not the browser's as well
      term.setAttribute("tabindex", "0");
      term.addEventListener("mouseenter", function () { show(term); });
      term.addEventListener("focus", function () { show(term); });
      term.addEventListener("mouseleave", hide);
      term.addEventListener("blur", hide);
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(function () { hide(); setup(); }); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
