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
  // The overview's "being delivered now": each row's progress refreshed every three
  // seconds; when a broadcast starts or finishes, the page is reloaded.
  function progress(block) {
    var url = block.getAttribute("data-progress-url");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          var rows = block.querySelectorAll("[data-broadcast]");
          var shown = Array.prototype.map.call(rows, function (row) {
            return row.getAttribute("data-broadcast");
          });
          if (Object.keys(data).sort().join() !== shown.sort().join()) { location.reload(); return; }
          rows.forEach(function (row) {
            var now = data[row.getAttribute("data-broadcast")];
            var bar = row.querySelector("progress");
            bar.max = now.total; bar.value = now.sent; bar.textContent = now.sent + " of " + now.total;
            row.querySelector("[data-progress]").textContent =
              now.sent.toLocaleString("en-GB") + " of " + now.total.toLocaleString("en-GB") + " sent";
          });
          setTimeout(tick, 3000);
        })
        .catch(function () { setTimeout(tick, 6000); });
    }
    setTimeout(tick, 3000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live-url]").forEach(watch);
    document.querySelectorAll("[data-progress-url]").forEach(progress);
  });
})();
