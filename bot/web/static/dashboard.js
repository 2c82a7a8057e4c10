// Live figures: a block with data-live-url is refreshed every two seconds from its JSON;
// each element with data-live="a.b.c" shows that value. When the set of rows or the state
// changes, the page is reloaded. No inline script anywhere: the CSP forbids it.
"use strict";
(function () {
  function pick(data, path) {
    return path.split(".").reduce(function (v, k) { return v == null ? undefined : v[k]; }, data);
  }
  function watch(block) {
    var url = block.getAttribute("data-live-url");
    var stateEl = document.querySelector('[data-live="state"]');
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          if (stateEl && data.state !== stateEl.textContent.trim()) { location.reload(); return; }
          var missing = false;
          Object.keys(data.platform || {}).concat(Object.keys(data.branch || {})).forEach(function (k) {
            if (!document.querySelector('[data-live^="platform.' + k + '."], [data-live^="branch.' + k + '."]')) missing = true;
          });
          if (missing) { location.reload(); return; }
          block.querySelectorAll("[data-live]").forEach(function (el) {
            var v = pick(data, el.getAttribute("data-live"));
            el.textContent = v === undefined ? "0" : String(v);
          });
          var settled = (data.total.pending || 0) === 0;
          if (!(settled && (data.state === "done" || data.state === "cancelled"))) setTimeout(tick, 2000);
        })
        .catch(function () { setTimeout(tick, 5000); });
    }
    setTimeout(tick, 2000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live-url]").forEach(watch);
  });
})();
