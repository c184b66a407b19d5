/* Link previews: hovering or focusing a link to a record shows a card with its title, kind and summary, from
   assets/kb-previews.js (written at build time; no request off the machine, works from disk). Escape or leaving
   the link dismisses it. Text is set with textContent only: record text never becomes markup. */
(function () {
  "use strict";
  var card = null, owner = null;
  function hide() {
    if (card) { card.remove(); card = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }
  function root() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* no config: the page's folder */ }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }
  function show(link, entry) {
    hide();
    card = document.createElement("div");
    card.className = "kb-preview";
    card.id = "kb-preview";
    card.setAttribute("role", "tooltip");
    var kind = document.createElement("p"); kind.className = "kb-preview-kind"; kind.textContent = entry[1];
    var title = document.createElement("p"); title.className = "kb-preview-title"; title.textContent = entry[0];
    card.appendChild(kind); card.appendChild(title);
    if (entry[2]) { var text = document.createElement("p"); text.textContent = entry[2]; card.appendChild(text); }
    document.body.appendChild(card);
    owner = link;
    link.setAttribute("aria-describedby", "kb-preview");
    var box = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, width - card.offsetWidth - 8));
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function setup() {
    var previews = window.kbPreviews;
    if (!previews) return;
    var base = root();
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.href.split("#")[0];
      if (href.indexOf(base) !== 0) return;
      var path = href.slice(base.length);
      if (path.slice(-10) === "index.html" && !previews[path]) path = path.slice(0, -10);
      var entry = previews[path];
      if (!entry || href === location.href.split("#")[0]) return;
      link.addEventListener("mouseenter", function () { show(link, entry); });
      link.addEventListener("focus", function () { show(link, entry); });
      link.addEventListener("mouseleave", hide);
      link.addEventListener("blur", hide);
    });
  }
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(function () { hide(); setup(); }); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
