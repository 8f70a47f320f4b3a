/* Pagefind search for the corpus site: added by the corpus plugin only with `search: pagefind`.

   The header gets a search button (from the page's #corpus-search-template); it opens a modal
   <dialog> with a search field, the filters (type, actor, theme, source, language, year) and
   the results (title, snippet). It talks to Pagefind's own search module (pagefind/pagefind.js,
   written into the site by the indexer), loaded on the first opening, so a page view downloads
   nothing of the search; only the index chunks a query needs are fetched. The filters load
   when their panel is first opened: once Pagefind holds them it counts every value for every
   search, which at 10,000 articles made a first query take three to four times as long.

   Our own few elements instead of Pagefind's bundled UI: that UI inserts filter values into its
   list as HTML, and filter values are actor, theme and source names from registry files, which
   are untrusted. Here every text is set with textContent; Pagefind's snippet, whose only markup
   is <mark> around the matched words, is split at those marks and each piece decoded as text.
   "/" opens the dialog; Escape closes it (the <dialog> element does that). */
(function () {
  "use strict";
  var template = document.getElementById("corpus-search-template");
  var header = document.querySelector(".md-header__inner");
  if (!template || !header) return;

  var FILTERS = ["type", "actor", "theme", "source", "language", "year"];
  var LABELS = { type: "Type", actor: "Actor", theme: "Theme", source: "Source",
                 language: "Language", year: "Year" };
  var PAGE = 10;  // results shown at once; each one costs a fragment download

  var configElement = document.getElementById("__config");
  var base = configElement ? (JSON.parse(configElement.textContent).base || ".") : ".";
  var root = new URL(base.replace(/\/?$/, "/"), document.baseURI);
  var bundle = new URL("pagefind/", root);

  var parts = template.content.cloneNode(true);
  var button = parts.querySelector(".corpus-search-open");
  var dialog = parts.querySelector("dialog");
  header.insertBefore(button, header.querySelector(".md-header__source"));
  document.body.appendChild(dialog);
  var input = dialog.querySelector(".corpus-search__input");
  var filterPanel = dialog.querySelector(".corpus-search__filters");
  var filterBox = dialog.querySelector(".corpus-search__filter-list");
  var status = dialog.querySelector(".corpus-search__status");
  var list = dialog.querySelector(".corpus-search__results");
  var more = dialog.querySelector(".corpus-search__more");

  var pagefind = null;  // the module, once loaded
  var loading = null;
  var filtering = null;  // the filters, once asked for
  var chosen = {};  // filter -> set of chosen values
  var current = [];  // results of the last search, not yet shown
  var generation = 0;  // a newer search makes older answers void

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(function (module) {
        return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return module.init();
        }).then(function () {
          pagefind = module;
          if (filterPanel.open) return loadFilters();
        });
      }).catch(function (problem) {
        loading = null;  // try again on the next opening
        status.textContent = "Search is not available (" + problem.message + ").";
      });
    }
    return loading;
  }

  function loadFilters() {
    if (!pagefind) return Promise.resolve();  // load() calls again once the module is there
    if (!filtering) {
      filterBox.textContent = "Loading the filters…";
      filtering = pagefind.filters().then(drawFilters).then(search);
    }
    return filtering;
  }

  function drawFilters(counts) {
    filterBox.textContent = "";
    FILTERS.forEach(function (name) {
      var values = Object.keys(counts[name] || {});
      if (!values.length) return;
      values.sort(function (a, b) { return a.localeCompare(b); });
      var details = el("details", "corpus-search__filter");
      details.dataset.filter = name;
      details.appendChild(el("summary", "", LABELS[name]));
      var group = el("fieldset");
      group.appendChild(el("legend", "corpus-visually-hidden", LABELS[name]));
      values.forEach(function (value) {
        var label = el("label", "corpus-search__option");
        var box = el("input");
        box.type = "checkbox";
        box.value = value;
        box.addEventListener("change", function () {
          chosen[name] = chosen[name] || new Set();
          if (box.checked) chosen[name].add(value); else chosen[name].delete(value);
          search();
        });
        label.appendChild(box);
        label.appendChild(el("span", "", " " + value + " "));
        label.appendChild(el("span", "corpus-search__count", "(" + counts[name][value] + ")"));
        group.appendChild(label);
      });
      details.appendChild(group);
      filterBox.appendChild(details);
    });
  }

  function selection() {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].size) filters[name] = { any: Array.from(chosen[name]) };
    });
    return filters;
  }

  function search() {
    if (!pagefind) return;
    var mine = ++generation;
    var term = input.value.trim();
    var filters = selection();
    if (!term && !Object.keys(filters).length) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Type a word, or choose a filter.";
      return;
    }
    pagefind.debouncedSearch(term || null, { filters: filters }, 80).then(function (found) {
      if (found === null || mine !== generation) return;  // a newer search is under way
      list.textContent = "";
      current = found.results;
      var n = found.results.length;
      status.textContent = n === 0 ? "No results." : (n === 1 ? "1 result" : n + " results");
      if (filtering) updateCounts(found.filters);
      return showMore(mine);
    });
  }

  function updateCounts(counts) {
    filterBox.querySelectorAll(".corpus-search__filter").forEach(function (details) {
      var name = details.dataset.filter;
      details.querySelectorAll(".corpus-search__option").forEach(function (label) {
        var value = label.querySelector("input").value;
        var count = counts && counts[name] ? (counts[name][value] || 0) : 0;
        label.querySelector(".corpus-search__count").textContent = "(" + count + ")";
      });
    });
  }

  function showMore(mine) {
    var batch = current.splice(0, PAGE);
    more.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== generation) return;
      items.forEach(function (data) { list.appendChild(drawResult(data)); });
      more.hidden = current.length === 0;
    });
  }

  function drawResult(data) {
    var item = el("li", "corpus-search__result");
    var heading = el("h3", "corpus-search__result-title");
    var link = el("a", "", (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var filters = data.filters || {};
    var facts = ["type", "year", "source"].map(function (f) { return (filters[f] || []).join(", "); })
      .filter(Boolean);
    if (facts.length) item.appendChild(el("p", "corpus-search__facts", facts.join(" · ")));
    item.appendChild(drawExcerpt(data.excerpt || ""));
    return item;
  }

  function asText(html) {
    // an inert document: nothing in it loads or runs; only its text is kept
    // (after <body>, so that a piece's leading space is kept: it separates it from a mark)
    return new DOMParser().parseFromString("<body>" + html, "text/html").body.textContent;
  }

  function drawExcerpt(excerpt) {
    var p = el("p", "corpus-search__excerpt");
    excerpt.split(/<\/?mark>/).forEach(function (piece, i) {
      var text = asText(piece);
      if (text) p.appendChild(i % 2 ? el("mark", "", text) : document.createTextNode(text));
    });
    return p;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    load().then(function () { if (pagefind) search(); });
  }

  button.addEventListener("click", open);
  input.addEventListener("input", search);
  filterPanel.addEventListener("toggle", function () { if (filterPanel.open) loadFilters(); });
  dialog.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { showMore(generation); });
  dialog.querySelector(".corpus-search__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop, as in Material
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopImmediatePropagation();  // Material's own "/" would toggle its absent search
      open();
    }
  }, true);
}());
