// Judging page: htmx saves each score on change. When the connection is lost the value is kept
// in localStorage and sent again on reconnect or on the next page load.
(function () {
  "use strict";
  // User-facing text goes through Django's JavaScript catalogue (jsi18n, loaded by base.html).
  var gettext = window.gettext || function (text) { return text; };
  var root = document.querySelector("[data-judging]");
  if (!root) return;
  var prefix = "tulta-score:" + root.dataset.round + ":" + root.dataset.entry + ":";
  var status = root.querySelector("[data-connection]");

  function key(criterion) { return prefix + criterion; }
  function mark(criterion, text, cls) {
    var el = document.getElementById("status-" + criterion);
    if (el) { el.innerHTML = ""; var s = document.createElement("span"); s.className = cls; s.textContent = text; el.appendChild(s); }
  }
  function pending() {
    var out = [];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf(prefix) === 0) out.push([k.slice(prefix.length), localStorage.getItem(k)]);
    }
    return out;
  }
  function resend() {
    pending().forEach(function (item) {
      var body = new URLSearchParams({ criterion: item[0], value: item[1] });
      fetch(root.dataset.saveUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": root.dataset.csrf, "HX-Request": "true" }
      }).then(function (r) {
        return r.text().then(function (html) {
          localStorage.removeItem(key(item[0]));
          var el = document.getElementById("status-" + item[0]);
          if (el) el.innerHTML = html;
        });
      }).catch(function () { /* still offline: keep it */ });
    });
  }
  // Put values that were never saved back into their fields.
  pending().forEach(function (item) {
    var input = root.querySelector('[data-criterion="' + item[0] + '"]');
    if (input) { input.value = item[1]; mark(item[0], gettext("Belum tersimpan"), "score-pending"); }
  });
  root.addEventListener("htmx:beforeRequest", function (e) {
    var c = e.target.dataset.criterion;
    if (c) { localStorage.setItem(key(c), e.target.value); mark(c, gettext("Menyimpan…"), "score-pending"); }
  });
  root.addEventListener("htmx:afterRequest", function (e) {
    var c = e.target.dataset.criterion;
    if (c && e.detail.xhr && e.detail.xhr.status) localStorage.removeItem(key(c));
  });
  root.addEventListener("htmx:beforeSwap", function (e) {
    if (e.detail.xhr.status === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  root.addEventListener("htmx:sendError", function (e) {
    var c = e.target.dataset.criterion;
    if (c) mark(c, gettext("Belum tersimpan (tidak ada koneksi); akan dikirim ulang"), "score-pending");
  });
  window.addEventListener("online", function () {
    if (status) status.textContent = gettext("Koneksi kembali; mengirim nilai yang tertunda.");
    resend();
  });
  window.addEventListener("offline", function () {
    if (status) status.textContent = gettext("Koneksi terputus. Nilai disimpan di perangkat ini dan dikirim ulang nanti.");
  });
  if (navigator.onLine) resend();
})();

// The judge's weighted total, recomputed as they type: sum of weight × (score − min) / (max − min)
// over the criteria filled in, with a decimal comma ("7,5") read as well as a dot.
(function () {
  "use strict";
  var root = document.querySelector("[data-judging]");
  var out = root && root.querySelector("[data-total]");
  if (!out) return;
  var inputs = root.querySelectorAll("input[data-criterion][data-weight]");
  function parse(text) {
    var t = String(text).trim().replace(/\s/g, "");
    if (!t) return null;
    if (t.indexOf(",") >= 0) t = t.replace(/\./g, "").replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
    return parseFloat(t);
  }
  function show(n) {
    return n.toFixed(2).replace(".", ",");
  }
  function update() {
    var total = 0;
    inputs.forEach(function (input) {
      var v = parse(input.value);
      var lo = parseFloat(input.dataset.min), hi = parseFloat(input.dataset.max);
      var w = parseFloat(input.dataset.weight);
      if (v === null || v < lo || v > hi || !(hi > lo)) return;
      total += w * (v - lo) / (hi - lo);
    });
    out.textContent = show(total);
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
  update();
})();
