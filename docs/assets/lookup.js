/* Tariff-line lookup: a small vanilla script, vendored with the site so that it works from file:// with no
   network. It only looks up and formats: every duty comes from the data file the build writes
   (data/tariff-lines.js, from the same engine as the tariff pages), loaded once, by a script element (fetch
   cannot read file://). The state is in the address: ?code=870323&date=2025-09-20&from=japan (&line=...).
   Its words are English unless the page hands it their translation (data-kb-words on #kb-lookup: each English
   string below to the page's language); dates are written in the page's language (<html lang>). */
(function () {
  "use strict";
  var MAX = 40;
  var ALIASES = { eu: "european-union" };
  var LATER_LINE = "No description: this code is on a list of a later revision of the tariff schedule than " +
    "the line descriptions used here, which do not have it. Its duty below follows from its HS code and the lists it is on.";
  var LATER_PREFIX = "No description: this 8-digit code is on a list of a later revision of the tariff schedule " +
    "than the line descriptions used here, which have no line under it. The duty below is that of the lines under " +
    "it, from its HS code and the lists it is on.";
  var LATER_ITEM = "(a code of a later revision of the schedule, not in the line descriptions used here)";
  var SCHEDULED = " This rests on a change the law scheduled that no recorded change confirms yet.";
  var WORDS = {};  // the page's translation of each English string, by the English (none: English)

  function say(english, values) {
    // An English string in the page's language, its {names} filled in from values.
    var text = Object.prototype.hasOwnProperty.call(WORDS, english) ? WORDS[english] : english;
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  }
  function sayNodes(parent, english, values) {
    // The same into an element, where a value may be an element (a link) placed inside the sentence.
    var text = Object.prototype.hasOwnProperty.call(WORDS, english) ? WORDS[english] : english;
    text.split(/(\{\w+\})/).forEach(function (part) {
      var name = /^\{(\w+)\}$/.exec(part), value = name && values && values[name[1]];
      if (value && typeof value === "object") parent.appendChild(value);
      else if (part) parent.appendChild(document.createTextNode(name && values && name[1] in values ? String(value) : part));
    });
    return parent;
  }
  function language() {
    return (typeof document !== "undefined" && document.documentElement.lang) || "en";
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function link(href, text) { var a = el("a", text); a.href = href; return a; }
  function dotted(code) {
    return [code.slice(0, 4), code.slice(4, 6), code.slice(6, 8), code.slice(8, 10)].filter(Boolean).join(".");
  }
  function pct(v) { return (Math.round(v * 10000) / 10000) + "%"; }
  function longDate(iso) {
    var p = iso.split("-"), lang = language();
    if (!/^en\b/.test(lang) && typeof Intl === "object") {  // 2025年4月16日 in Japanese
      var day = new Date(Date.UTC(parseInt(p[0], 10), parseInt(p[1], 10) - 1, parseInt(p[2], 10)));
      return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(day);
    }
    var months = ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"];
    return parseInt(p[2], 10) + " " + months[parseInt(p[1], 10) - 1] + " " + p[0];
  }

  function prepare(data) {
    // The lines of the description file, and merged in code order the list codes of a later revision of the
    // schedule that the file does not have (data.later: [code, group]; no description, some of 8 digits).
    var codes = [], descriptions = [], groupOf = [], later = [], previous = [];
    var extra = data.later || [], k = 0;
    function addLater() {
      codes.push(extra[k][0]); descriptions.push(""); groupOf.push(extra[k][1]); later.push(true); k++;
    }
    for (var i = 0; i < data.group.length; i++) {
      var code = data.codes.substr(i * 10, 10);
      while (k < extra.length && extra[k][0] < code) addLater();
      codes.push(code);
      var item = data.descriptions[i], bar = item.indexOf("|");
      var shared = parseInt(item.slice(0, bar), 10);
      var parts = previous.slice(0, shared).concat(item.slice(bar + 1).split(" : "));
      descriptions.push(parts.join(" : "));
      groupOf.push(data.group[i]);
      later.push(false);
      previous = parts;
    }
    while (k < extra.length) addLater();
    data.lineGroup = groupOf;
    data.lineLater = later;
    data.lineCodes = codes;
    data.lineText = descriptions;
    // Words are looked for in the description and in the names of the line's product category.
    var names = {};
    Object.keys(data.products).forEach(function (id) {
      var p = data.products[id];
      names[id] = id === "all-goods" ? "" : " " + [p[0]].concat(p[3] || []).join(" ");
    });
    data.lowered = descriptions.map(function (d, i) { return (d + names[data.groups[groupOf[i]].product]).toLowerCase(); });
    return data;
  }

  function search(data, query) {
    var q = query.trim(), found = [];
    if (!q) return found;
    var digits = q.replace(/[.\s]/g, "");
    if (/^[0-9]+$/.test(digits)) {
      if (digits.length < 2) return found;
      for (var i = 0; i < data.lineCodes.length; i++) {
        var code = data.lineCodes[i];
        // a code of a later revision shorter than 10 digits also answers for the lines typed under it
        if (code.lastIndexOf(digits, 0) === 0 || (data.lineLater[i] && digits.lastIndexOf(code, 0) === 0)) found.push(i);
      }
      return found;
    }
    var words = q.toLowerCase().split(/\s+/).filter(Boolean);
    for (var j = 0; j < data.lowered.length; j++) {
      var text = data.lowered[j], ok = true;
      for (var w = 0; w < words.length && ok; w++) ok = text.indexOf(words[w]) !== -1;
      if (ok) found.push(j);
    }
    return found;
  }

  function holding(intervals, day) {
    for (var i = 0; i < intervals.length; i++) {
      var iv = intervals[i];
      if (iv[0] <= day && (iv[1] === null || day < iv[1])) return iv;
    }
    return null;
  }

  function combined(data, product, iv) {
    // iv: [from, until, beyond, allIn, words, measures, ...]
    var mfn = data.products[product][2];
    if (!iv || iv[5].length === 0) {
      return mfn !== null ? say("No measure recorded here applies: the line pays its MFN rate only ({mfn}).", { mfn: pct(mfn) })
        : say("No measure recorded here applies: the line pays its MFN rate only (not recorded here).");
    }
    var beyond = iv[2], allIn = iv[3], words = iv[4];
    // the duty in words is in the page's language: "not recorded" is the engine's word, handed over as well
    if (words === say("not recorded")) return say("Not recorded: a measure charges these goods a reduced rate that no source gives.");
    if (allIn !== null) {
      return say("Total duty {total}, MFN included (MFN {mfn}, {beyond} on top of it).", { total: pct(allIn), mfn: pct(mfn), beyond: pct(beyond) });
    }
    if (beyond !== null) return say("{beyond} on top of MFN, plus the line's MFN rate, not recorded here.", { beyond: pct(beyond) });
    return say("{duty}: the line pays the all-in rate, or its MFN rate where that is higher (the line's MFN rate is not recorded here).", { duty: words });
  }

  function measureCell(data, id) {
    var m = data.measures[id];
    return m ? link(m[1], m[0]) : el("span", id);
  }

  function table(headers, rows) {
    var t = el("table"), head = el("thead"), tr = el("tr");
    headers.forEach(function (h) { tr.appendChild(el("th", h)); });
    head.appendChild(tr); t.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (cells) {
      var row = el("tr");
      cells.forEach(function (c) { var td = el("td"); if (typeof c === "string") td.textContent = c; else td.appendChild(c); row.appendChild(td); });
      body.appendChild(row);
    });
    t.appendChild(body);
    return t;
  }

  function reason(data, item) {
    // item: [measure, reason in words, the measure that removed it or under whose duty it is, kind of reason]
    var text = item[1], by = item[2];
    if (by) {
      var exempt = item[3] === "exempt";
      var values = { reason: text, measure: measureCell(data, by) };
      return exempt ? sayNodes(el("span"), "{reason}; the line pays {measure} instead", values)
        : sayNodes(el("span"), "{reason} {measure}", values);
    }
    return text;
  }

  function showLine(data, index, day, origin, out) {
    out.textContent = "";
    var code = data.lineCodes[index], group = data.groups[data.lineGroup[index]], product = group.product;
    var history = group.by[origin];
    out.appendChild(el("h2", say("HTS {code}", { code: dotted(code) })));
    if (data.lineLater[index]) out.appendChild(el("p", code.length < 10 ? say(LATER_PREFIX) : say(LATER_LINE), "kb-lookup-description kb-lookup-later"));
    else out.appendChild(el("p", data.lineText[index], "kb-lookup-description"));
    var category = link(data.products[product][1], data.products[product][0]);
    var cat = group.lists.length
      ? sayNodes(el("p"), "Product category: {category}. On the lists: {lists}.",
        { category: category, lists: group.lists.map(function (l) { return data.lists[l]; }).join(say("; ")) })
      : sayNodes(el("p"), "Product category: {category}", { category: category });
    out.appendChild(cat);
    var fine = holding(history.d, day), coarse = holding(history.h, day);
    var summary = el("p", "", "kb-lookup-duty");
    summary.appendChild(el("strong", say("On {date}, from {origin}: ", { date: longDate(day), origin: data.origins[origin] })));
    summary.appendChild(document.createTextNode(combined(data, product, coarse)));
    if (coarse && coarse[6]) summary.appendChild(document.createTextNode(say(SCHEDULED)));
    out.appendChild(summary);
    if (fine && fine[6].length) {
      out.appendChild(el("h3", say("Measures that apply")));
      var reduced = fine[6].some(function (a) { return a[2]; });
      out.appendChild(table([say("Measure"), say("Rate on this line")].concat(reduced ? [say("Reduced by")] : []), fine[6].map(function (a) {
        return [measureCell(data, a[0]), a[1]].concat(reduced ? [a[2]] : []);
      })));
    }
    if (fine && fine[7].length) {
      out.appendChild(el("h3", say("Measures that do not apply")));
      out.appendChild(table([say("Measure"), say("Why")], fine[7].map(function (n) { return [measureCell(data, n[0]), reason(data, n)]; })));
    }
    out.appendChild(el("h3", say("This line's duty over time, from {origin}", { origin: data.origins[origin] })));
    if (!history.h.length) {
      out.appendChild(el("p", say("No measure recorded here has applied to this line.")));
    } else {
      out.appendChild(table([say("From"), say("Until"), say("Duty"), say("Measures")], history.h.map(function (iv) {
        var cell = el("span");
        iv[5].forEach(function (id, k) { if (k) cell.appendChild(document.createTextNode(say(", "))); cell.appendChild(measureCell(data, id)); });
        return [longDate(iv[0]), iv[1] ? longDate(iv[1]) : "", iv[6] ? say("{duty} (scheduled, not confirmed)", { duty: iv[4] }) : iv[4], cell];
      })));
    }
  }

  function setup() {
    var root = document.getElementById("kb-lookup");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    try { WORDS = JSON.parse(root.getAttribute("data-kb-words") || "{}"); } catch (e) { WORDS = {}; }
    var form = root.querySelector("form"), status = root.querySelector(".kb-lookup-status");
    var matches = root.querySelector(".kb-lookup-matches"), result = root.querySelector(".kb-lookup-result");
    status.textContent = say("Loading the tariff lines…");

    function start(data) {
      data = prepare(data);
      form.hidden = false;
      var params = new URLSearchParams(window.location.search);
      var origin = params.get("from") || "japan";
      origin = ALIASES[origin] || origin;
      if (!data.origins[origin]) origin = Object.keys(data.origins)[0];
      form.elements.q.value = params.get("code") || params.get("q") || "";
      form.elements.date.value = params.get("date") || data.as_of || "";
      form.elements.from.value = origin;
      var chosen = params.get("line");

      function state(push) {
        var q = form.elements.q.value.trim(), p = new URLSearchParams();
        var digits = q.replace(/[.\s]/g, "");
        if (/^[0-9]+$/.test(digits)) p.set("code", digits); else if (q) p.set("q", q);
        if (chosen) p.set("line", chosen);
        if (form.elements.date.value) p.set("date", form.elements.date.value);
        p.set("from", form.elements.from.value);
        var url = window.location.pathname + "?" + p.toString();
        try { if (push) window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
      }

      function run(push) {
        var day = form.elements.date.value, origin = form.elements.from.value;
        var found = search(data, form.elements.q.value);
        matches.textContent = "";
        result.textContent = "";
        if (!form.elements.q.value.trim()) { status.textContent = say("Type a code or words to look up a line."); state(push); return; }
        if (!found.length) { status.textContent = say("No line matches."); state(push); return; }
        status.textContent = found.length > MAX ? say("{count} lines match; the first {max} are shown: type more to narrow them.", { count: found.length, max: MAX })
          : found.length === 1 ? say("{count} line matches.", { count: 1 }) : say("{count} lines match.", { count: found.length });
        var list = el("ul", null, "kb-lookup-list");
        var pick = found[0], typed = form.elements.q.value.replace(/[.\s]/g, "");
        for (var f = 0; f < found.length; f++) if (data.lineCodes[found[f]] === typed) { pick = found[f]; break; }
        if (chosen) { var at = data.lineCodes.indexOf(chosen); if (found.indexOf(at) !== -1) pick = at; }
        found.slice(0, MAX).forEach(function (i) {
          var item = el("li"), button = el("button", dotted(data.lineCodes[i]));
          button.type = "button";
          button.setAttribute("aria-pressed", i === pick ? "true" : "false");
          button.addEventListener("click", function () { chosen = data.lineCodes[i]; run(true); });
          item.appendChild(button);
          item.appendChild(document.createTextNode(" " + (data.lineLater[i] ? say(LATER_ITEM) : data.lineText[i])));
          list.appendChild(item);
        });
        matches.appendChild(list);
        if (!day) { status.textContent += say(" Pick a date."); state(push); return; }
        showLine(data, pick, day, origin, result);
        state(push);
      }

      form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
      form.elements.q.addEventListener("input", function () { chosen = null; run(true); });
      form.elements.date.addEventListener("change", function () { run(true); });
      form.elements.from.addEventListener("change", function () { run(true); });
      run(false);
    }

    if (window.KB_TARIFF_LINES) { start(window.KB_TARIFF_LINES); return; }
    var script = document.createElement("script");
    script.src = root.getAttribute("data-src");
    script.onload = function () { start(window.KB_TARIFF_LINES); };
    script.onerror = function () { status.textContent = say("The tariff lines could not be loaded."); };
    document.head.appendChild(script);
  }

  // The parts that only look up, without the page: what bench/lookup_node.js times under Node.
  if (typeof module === "object" && module.exports) {
    module.exports = { prepare: prepare, search: search, holding: holding, combined: combined };
  }
  if (typeof document === "undefined") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
  // Material's instant navigation swaps pages without a reload: set up again on each page.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
})();
