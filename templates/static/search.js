// Attest offline search: no network requests. The index comes from search-index.js (loaded
// before this script, so it works from file:// too), else from search-index.json beside it.
(function () {
  "use strict";
  var input = document.getElementById("attest-search-query");
  var list = document.getElementById("attest-search-results");
  var status = document.getElementById("attest-search-status");
  if (!input || !list || !status) { return; }
  var root = (document.querySelector('link[rel="stylesheet"]').getAttribute("href") || "").replace(/static\/site\.css$/, "");

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function score(page, terms) {
    var title = words(page.title).join(" ");
    var text = (page.summary ? page.summary + " " : "") + page.text;
    var body = " " + words(text).join(" ") + " ";
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var inTitle = title.indexOf(term) >= 0;
      var inBody = body.indexOf(" " + term) >= 0;
      if (!inTitle && !inBody) { return 0; }
      total += (inTitle ? 10 : 0) + (inBody ? 1 : 0);
    }
    return total;
  }

  function excerpt(page, terms) {
    var text = page.summary || page.text;
    var lower = text.toLowerCase();
    var at = lower.indexOf(terms[0]);
    var start = Math.max(0, at - 60);
    var cut = text.slice(start, start + 200);
    return (start > 0 ? "… " : "") + cut + (start + 200 < text.length ? " …" : "");
  }

  function show(pages, query) {
    var terms = words(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (terms.length === 0) { status.textContent = "Type words in the search box above."; return; }
    var hits = [];
    for (var i = 0; i < pages.length; i++) {
      var s = score(pages[i], terms);
      if (s > 0) { hits.push({ page: pages[i], score: s }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || (a.page.title < b.page.title ? -1 : 1); });
    status.textContent = hits.length === 0 ? "No pages match “" + query + "”."
      : hits.length + (hits.length === 1 ? " page matches" : " pages match") + " “" + query + "”.";
    hits.slice(0, 50).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.page.url;
      link.textContent = hit.page.title;
      item.appendChild(link);
      if (hit.page.section) {
        var section = document.createElement("span");
        section.textContent = " · " + hit.page.section;
        item.appendChild(section);
      }
      var text = document.createElement("p");
      text.textContent = excerpt(hit.page, terms);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function start(index) {
    var pages = (index && index.pages) || [];
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    show(pages, query);
    input.addEventListener("input", function () { show(pages, input.value); });
  }

  if (window.ATTEST_SEARCH_INDEX) {
    start(window.ATTEST_SEARCH_INDEX);
  } else if (window.fetch) {
    fetch(root + "search-index.json").then(function (r) { return r.json(); }).then(start, function () {
      status.textContent = "The search index could not be loaded.";
    });
  }
})();
