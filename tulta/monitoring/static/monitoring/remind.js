// "Kirim pengingat": the "pilih semua" box of a reminder form, and the copy buttons of the
// WhatsApp list. Without this script the boxes are ticked one by one and the text is selected
// by hand; both controls stay hidden.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };

  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    var form = box.form;
    var wrap = box.closest("[data-select-all-wrap]");
    if (wrap) wrap.hidden = false;
    function teams() { return Array.prototype.slice.call(form.querySelectorAll("[data-remind-team]")); }
    box.addEventListener("change", function () {
      teams().forEach(function (team) { team.checked = box.checked; });
    });
    form.addEventListener("change", function (event) {
      if (!event.target.matches("[data-remind-team]")) return;
      var all = teams();
      var ticked = all.filter(function (team) { return team.checked; }).length;
      box.checked = ticked === all.length && ticked > 0;
      box.indeterminate = ticked > 0 && ticked < all.length;
    });
  });

  function copied(button, ok) {
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
    if (status) status.textContent = ok ? gettext("Tersalin.") : gettext("Tidak dapat menyalin; pilih teksnya lalu salin.");
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      var text = source.value !== undefined ? source.value : source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { copied(button, true); },
          function () { copied(button, false); }
        );
        return;
      }
      // Plain http (no clipboard API): select the text and let the browser copy it.
      if (source.select) {
        source.select();
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      copied(button, ok);
    });
  });
})();
