/* The browse page's filters (added to every page by the corpus plugin; does nothing where the
   page has no #corpus-browse). Loads data/browse.json once, then filters, counts and sorts in
   the browser: no server, so it works on GitHub Pages and under `mkdocs serve`.

   The rules are build_tools/facets.py's, which the tests hold this script to: values of one
   filter are alternatives, filters combine; actor and role go together (a selected actor in a
   selected role); a value's count is what choosing it would give. The whole state lives in the
   address (?actor=a,b&role=quoted&from=2022-01-01...), so a view can be shared and reloaded.
   Every text from the data is written with textContent: nothing becomes markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  var mount = document.getElementById("corpus-browse");
  if (!mount || !script || !window.fetch || !window.URLSearchParams) return;

  var FACETS = ["actor", "role", "theme", "source", "language", "translation", "technique", "assessment"];
  var TITLES = {
    actor: "Actors", role: "Actor roles", theme: "Themes", source: "Sources", language: "Languages",
    translation: "Translation", technique: "Techniques", assessment: "Claim assessments"
  };
  var SINGLE = {source: 1, language: 1, translation: 1};  // one value per article
  var COLLAPSED = 10;  // values shown before "Show all"
  var PAGE = 50;  // results shown, then "Show more"
  var SORTS = [["date-desc", "Newest first"], ["date-asc", "Oldest first"], ["title", "Title (A–Z)"],
               ["annotations", "Most annotations"]];
  var base = new URL("..", script.src);  // the site root: this file is assets/browse.js

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function number(n) { return n.toLocaleString("en"); }

  var status = el("p", {"class": "corpus-browse__loading"}, "Loading the list of articles…");
  var root = el("div", {id: "corpus-browse", "class": "corpus-browse", "aria-busy": "true"});
  root.appendChild(status);
  mount.replaceWith(root);

  fetch(new URL("data/browse.json", base)).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).then(start).catch(function (error) {
    status.textContent = "The article list could not be loaded (" + error.message + "). " +
      "The lists of pages below work without it.";
    root.removeAttribute("aria-busy");
  });

  function start(data) {
    var values = data.facets;  // facet -> [[id, label, url], ...]
    var position = {};
    FACETS.forEach(function (f) {
      position[f] = {};
      values[f].forEach(function (v, i) { position[f][v[0]] = i; });
    });
    var records = data.articles.map(function (row) {
      var ann = row[10];
      return {title: row[0], lower: row[0].toLowerCase(), date: row[1], url: row[2], source: row[3],
              language: row[4], translation: row[5], actors: row[6], theme: row[7], technique: row[8],
              assessment: row[9], ann: ann, total: ann[0] + ann[1] + ann[2] + ann[3]};
    });
    var dates = records.map(function (r) { return r.date; }).sort();
    var state = readState();
    var shown = PAGE;
    var boxes = {};  // facet -> [checkbox per value]
    var countNodes = {};  // facet -> [count span per value]

    // --- the form -------------------------------------------------------------------------
    root.textContent = "";
    root.removeAttribute("aria-busy");
    var form = el("form", {"class": "corpus-browse__form", role: "search", "aria-label": "Filter the articles"});
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var row = el("div", {"class": "corpus-browse__row"});
    var title = field(row, "Title words", el("input", {type: "search", id: "cb-title", name: "title",
                                                       autocomplete: "off"}));
    var from = field(row, "From", el("input", {type: "date", id: "cb-from", name: "from",
                                                min: dates[0], max: dates[dates.length - 1]}));
    var to = field(row, "To", el("input", {type: "date", id: "cb-to", name: "to",
                                            min: dates[0], max: dates[dates.length - 1]}));
    var sort = field(row, "Sort", el("select", {id: "cb-sort", name: "sort"}));
    SORTS.forEach(function (s) { sort.appendChild(el("option", {value: s[0]}, s[1])); });
    var reset = el("button", {type: "button", "class": "md-button corpus-browse__reset"}, "Clear all filters");
    row.appendChild(reset);
    form.appendChild(row);
    var facetsBox = el("div", {"class": "corpus-browse__facets"});
    var allActors = null;
    FACETS.forEach(function (f) {
      if (!values[f].length) return;
      var set = el("fieldset", {"class": "corpus-facet corpus-facet--" + f});
      set.appendChild(el("legend", {}, TITLES[f]));
      if (f === "actor") {
        var find = el("input", {type: "search", "class": "corpus-facet__find", "aria-label": "Find an actor",
                                placeholder: "Find an actor", autocomplete: "off"});
        find.addEventListener("input", function () { filterList(f, find.value); });
        set.appendChild(find);
        var label = el("label", {"class": "corpus-facet__all"});
        allActors = el("input", {type: "checkbox", id: "cb-all-actors"});
        label.appendChild(allActors);
        label.appendChild(document.createTextNode(" All chosen actors in the same article"));
        set.appendChild(label);
      }
      var list = el("ul", {"class": "corpus-facet__values", id: "cb-values-" + f});
      boxes[f] = [];
      countNodes[f] = [];
      values[f].forEach(function (v, i) {
        var item = el("li", {"class": "corpus-facet__value"});
        var label = el("label");
        var box = el("input", {type: "checkbox", value: v[0], "data-facet": f});
        label.appendChild(box);
        label.appendChild(el("span", {"class": "corpus-facet__label"}, " " + v[1] + " "));
        var count = el("span", {"class": "corpus-facet__count"});
        label.appendChild(count);
        item.appendChild(label);
        list.appendChild(item);
        boxes[f].push(box);
        countNodes[f].push(count);
        if (i >= COLLAPSED) item.hidden = true;
      });
      set.appendChild(list);
      if (values[f].length > COLLAPSED) {
        var more = el("button", {type: "button", "class": "corpus-facet__more", "aria-expanded": "false",
                                 "aria-controls": "cb-values-" + f}, "Show all " + values[f].length);
        more.addEventListener("click", function () {
          var open = more.getAttribute("aria-expanded") !== "true";
          more.setAttribute("aria-expanded", String(open));
          more.textContent = open ? "Show fewer" : "Show all " + values[f].length;
          list.dataset.open = open ? "1" : "";
          filterList(f, "");
        });
        set.appendChild(more);
      }
      facetsBox.appendChild(set);
    });
    form.appendChild(facetsBox);
    root.appendChild(form);
    var summary = el("p", {"class": "corpus-browse__status", role: "status", "aria-live": "polite"});
    root.appendChild(summary);
    var results = el("ol", {"class": "corpus-browse__results"});
    root.appendChild(results);
    var moreResults = el("button", {type: "button", "class": "md-button corpus-browse__more"});
    moreResults.addEventListener("click", function () { shown += PAGE; render(false); });
    root.appendChild(moreResults);

    function field(parent, text, input) {
      var label = el("label", {"class": "corpus-browse__field", "for": input.id});
      label.appendChild(el("span", {}, text));
      label.appendChild(input);
      parent.appendChild(label);
      return input;
    }

    function filterList(f, query) {
      var words = query.toLowerCase().trim();
      var open = document.getElementById("cb-values-" + f).dataset.open === "1";
      values[f].forEach(function (v, i) {
        var item = boxes[f][i].closest("li");
        var hit = words ? v[1].toLowerCase().indexOf(words) >= 0 : (open || i < COLLAPSED || boxes[f][i].checked);
        item.hidden = !hit;
      });
    }

    // --- state <-> address and form ------------------------------------------------------
    function readState() {
      var params = new URLSearchParams(window.location.search);
      var s = {sets: {}, from: params.get("from") || "", to: params.get("to") || "",
               all: params.get("actors") === "all", title: params.get("title") || "",
               sort: params.get("sort") || "date-desc"};
      if (!SORTS.some(function (x) { return x[0] === s.sort; })) s.sort = "date-desc";
      if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s.from)) s.from = "";
      if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s.to)) s.to = "";
      FACETS.forEach(function (f) {
        s.sets[f] = new Set();
        (params.get(f) || "").split(",").forEach(function (id) {
          if (id in position[f]) s.sets[f].add(position[f][id]);
        });
      });
      return s;
    }

    function writeState() {
      var params = new URLSearchParams();
      FACETS.forEach(function (f) {
        if (state.sets[f].size) {
          params.set(f, Array.from(state.sets[f]).sort(function (a, b) { return a - b; })
            .map(function (i) { return values[f][i][0]; }).join(","));
        }
      });
      if (state.all && state.sets.actor.size) params.set("actors", "all");
      if (state.from) params.set("from", state.from);
      if (state.to) params.set("to", state.to);
      if (state.title) params.set("title", state.title);
      if (state.sort !== "date-desc") params.set("sort", state.sort);
      var query = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") +
                                  window.location.hash);
    }

    function fillForm() {
      FACETS.forEach(function (f) {
        (boxes[f] || []).forEach(function (box, i) { box.checked = state.sets[f].has(i); });
        if (boxes[f]) filterList(f, "");
      });
      title.value = state.title;
      from.value = /^\d{4}-\d{2}-\d{2}$/.test(state.from) ? state.from : "";
      to.value = /^\d{4}-\d{2}-\d{2}$/.test(state.to) ? state.to : "";
      sort.value = state.sort;
      if (allActors) allActors.checked = state.all;
    }

    form.addEventListener("change", function (event) {
      var target = event.target;
      var f = target.getAttribute("data-facet");
      if (f) {
        var i = position[f][target.value];
        if (target.checked) state.sets[f].add(i); else state.sets[f].delete(i);
      } else if (target === allActors) {
        state.all = allActors.checked;
      } else if (target === from || target === to || target === sort) {
        state.from = from.value; state.to = to.value; state.sort = sort.value;
      }
      shown = PAGE;
      render(true);
    });
    title.addEventListener("input", function () { state.title = title.value; shown = PAGE; render(true); });
    reset.addEventListener("click", function () {
      FACETS.forEach(function (f) { state.sets[f].clear(); });
      state.from = state.to = state.title = "";
      state.all = false;
      fillForm();
      shown = PAGE;
      render(true);
      title.focus();
    });

    // --- filtering: build_tools/facets.py's rules ----------------------------------------
    function actorsMatch(r, actors, mask) {
      if (!actors.size && !mask) return true;
      var present = 0;
      for (var i = 0; i < r.actors.length; i++) {
        var pair = r.actors[i];
        if (!actors.size) { if (pair[1] & mask) return true; continue; }
        if (actors.has(pair[0]) && (!mask || (pair[1] & mask))) present++;
      }
      if (!actors.size) return false;
      return state.all ? present === actors.size : present > 0;
    }

    function compute() {
      var sets = state.sets;
      var mask = 0;
      sets.role.forEach(function (i) { mask |= 1 << i; });
      var none = new Set();
      var words = state.title.toLowerCase().split(/\s+/).filter(Boolean);
      var counts = {};
      FACETS.forEach(function (f) { counts[f] = new Uint32Array(values[f].length); });
      var others = ["theme", "source", "language", "translation", "technique", "assessment"];
      var matched = [];
      for (var n = 0; n < records.length; n++) {
        var r = records[n];
        if (state.from && r.date.slice(0, state.from.length) < state.from) continue;
        if (state.to && r.date.slice(0, state.to.length) > state.to) continue;
        if (words.length && !words.every(function (w) { return r.lower.indexOf(w) >= 0; })) continue;
        var fails = 0, failed = "";
        for (var k = 0; k < others.length; k++) {
          var f = others[k], set = sets[f];
          if (!set.size) continue;
          var ok = SINGLE[f] ? set.has(r[f]) : r[f].some(function (v) { return set.has(v); });
          if (!ok) { fails++; failed = f; if (fails > 1) break; }
        }
        if (fails > 1) continue;
        var full = actorsMatch(r, sets.actor, mask);
        if (full) {
          for (var j = 0; j < others.length; j++) {
            var g = others[j];
            if (fails === 0 || failed === g) {
              var vals = SINGLE[g] ? [r[g]] : r[g];
              for (var v = 0; v < vals.length; v++) counts[g][vals[v]]++;
            }
          }
        }
        if (fails) continue;
        if (full) matched.push(r);
        // actors: what choosing each would give (with "all", what adding it would leave)
        if (state.all ? full : actorsMatch(r, none, mask)) {
          r.actors.forEach(function (p) { if (!mask || (p[1] & mask)) counts.actor[p[0]]++; });
        }
        if (actorsMatch(r, sets.actor, 0)) {
          var roles = 0;
          r.actors.forEach(function (p) { if (!sets.actor.size || sets.actor.has(p[0])) roles |= p[1]; });
          for (var b = 0; b < values.role.length; b++) if (roles & (1 << b)) counts.role[b]++;
        }
      }
      return {counts: counts, matched: matched};
    }

    function order(list) {
      var by = {
        "date-desc": function (a, b) { return cmp(b.date, a.date) || cmp(b.lower, a.lower); },
        "date-asc": function (a, b) { return cmp(a.date, b.date) || cmp(a.lower, b.lower); },
        "title": function (a, b) { return cmp(a.lower, b.lower) || cmp(a.date, b.date); },
        "annotations": function (a, b) { return (b.total - a.total) || cmp(b.date, a.date); }
      }[state.sort];
      return list.slice().sort(by);
    }

    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    // --- drawing -----------------------------------------------------------------------------
    function render(remember) {
      var found = compute();
      FACETS.forEach(function (f) {
        (countNodes[f] || []).forEach(function (node, i) {
          var n = found.counts[f][i];
          node.textContent = "(" + number(n) + ")";
          node.closest("li").classList.toggle("corpus-facet__value--none", n === 0 && !state.sets[f].has(i));
        });
      });
      var list = order(found.matched);
      summary.textContent = (list.length === records.length ? "All " : "") + number(list.length) +
        " of " + number(records.length) + " articles" + (list.length ? "" : " match: clear a filter to see more");
      results.textContent = "";
      list.slice(0, shown).forEach(function (r) {
        var item = el("li", {"class": "corpus-browse__result"});
        var link = el("a", {href: new URL(r.url, base).href}, r.title);
        item.appendChild(link);
        var facts = [r.date, values.source[r.source][1], values.language[r.language][1]];
        if (values.translation[r.translation][0] !== "none" && values.translation[r.translation][0] !== "unknown") {
          facts.push(values.translation[r.translation][1].toLowerCase());
        }
        if (r.total) facts.push(number(r.total) + (r.total === 1 ? " annotation" : " annotations"));
        item.appendChild(el("span", {"class": "corpus-browse__facts"}, " — " + facts.join(" · ")));
        results.appendChild(item);
      });
      var rest = list.length - shown;
      moreResults.hidden = rest <= 0;
      moreResults.textContent = "Show " + number(Math.min(PAGE, Math.max(rest, 0))) + " more (" +
        number(Math.max(rest, 0)) + " not shown)";
      if (remember) writeState();
      root.setAttribute("data-ready", "1");
    }

    fillForm();
    render(false);
  }
})();
