// Risalah step editor: a small rich-text editor over each section's textarea, autosave while
// typing (and when leaving the page), and the side-by-side view when someone else saved first.
// Without JavaScript the textareas and the Save button still work.
(function () {
  "use strict";
  // User-facing text goes through Django's JavaScript catalogue (jsi18n, loaded by base.html).
  var gettext = window.gettext || function (text) { return text; };
  var form = document.getElementById("step-form");
  if (!form) return;
  var url = form.getAttribute("data-autosave-url");
  var versionInput = form.querySelector("[data-version]");
  var status = form.querySelector("[data-save-status]");
  var conflictBox = document.querySelector("[data-conflict]");
  var dirty = false;
  var timer = null;
  var saving = false;
  var blocked = !!(conflictBox && !conflictBox.hidden);

  function say(text) { if (status) status.textContent = text; }

  form.querySelectorAll("[data-editor-for]").forEach(function (editor) {
    var textarea = document.getElementById(editor.getAttribute("data-editor-for"));
    var toolbar = editor.previousElementSibling;
    editor.innerHTML = textarea.value;
    editor.hidden = false;
    if (toolbar) toolbar.hidden = false;
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    editor.addEventListener("input", function () {
      textarea.value = editor.innerHTML;
      changed();
    });
    if (toolbar) toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-cmd]");
      if (!button) return;
      editor.focus();
      var cmd = button.getAttribute("data-cmd");
      if (cmd === "table") {
        document.execCommand("insertHTML", false,
          "<table><tbody><tr><th>…</th><th>…</th></tr><tr><td>…</td><td>…</td></tr></tbody></table><p></p>");
      } else {
        document.execCommand(cmd, false, button.getAttribute("data-arg"));
      }
      textarea.value = editor.innerHTML;
      changed();
    });
  });
  form.querySelectorAll("textarea").forEach(function (t) { t.addEventListener("input", changed); });

  function changed() {
    dirty = true;
    if (blocked) return;
    say(gettext("Belum tersimpan…"));
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  function showConflict(data) {
    blocked = true;
    conflictBox.hidden = false;
    conflictBox.querySelector("[data-conflict-message]").textContent = data.message;
    var mine = conflictBox.querySelector("[data-conflict-mine]");
    var theirs = conflictBox.querySelector("[data-conflict-theirs]");
    mine.innerHTML = ""; theirs.innerHTML = "";
    form.querySelectorAll(".field.section").forEach(function (field) {
      var label = field.querySelector("label").textContent;
      var code = field.querySelector("textarea").name.replace("section-", "");
      var h1 = document.createElement("h4"); h1.textContent = label; mine.appendChild(h1);
      var d1 = document.createElement("div"); d1.innerHTML = field.querySelector("textarea").value; mine.appendChild(d1);
      var h2 = document.createElement("h4"); h2.textContent = label; theirs.appendChild(h2);
      var d2 = document.createElement("div"); d2.innerHTML = (data.theirs || {})[code] || ""; theirs.appendChild(d2);
    });
    conflictBox.setAttribute("data-their-version", data.version);
    conflictBox.scrollIntoView({ block: "start" });
    say(gettext("Belum tersimpan: ada versi lebih baru."));
  }

  function save() {
    if (!dirty || saving || blocked) return;
    saving = true;
    dirty = false;
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json().then(function (data) { return [response.status, data]; }); })
      .then(function (result) {
        var code = result[0], data = result[1];
        if (code === 200) { versionInput.value = data.version; say(data.message); }
        else if (code === 409) { dirty = true; showConflict(data); }
        else { dirty = true; say(data.message || gettext("Gagal menyimpan.")); }
      })
      .catch(function () { dirty = true; say(gettext("Koneksi terputus; perubahan disimpan lagi saat tersambung.")); })
      .finally(function () { saving = false; if (dirty && !blocked) { clearTimeout(timer); timer = setTimeout(save, 5000); } });
  }

  if (conflictBox) {
    var overwrite = conflictBox.querySelector("[data-conflict-overwrite]");
    if (overwrite) overwrite.addEventListener("click", function () {
      var theirVersion = conflictBox.getAttribute("data-their-version") ||
        versionInput.getAttribute("data-conflict-version");
      if (theirVersion) versionInput.value = theirVersion;
      blocked = false;
      conflictBox.hidden = true;
      dirty = true;
      save();
    });
  }

  form.addEventListener("submit", function () { dirty = false; clearTimeout(timer); });
  function flush() {
    if (!dirty || blocked || !navigator.sendBeacon) return;
    navigator.sendBeacon(url, new FormData(form));
    dirty = false;
  }
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
  window.addEventListener("pagehide", flush);
  // The editors have replaced the textareas: tests (and assistive tools) can rely on them now.
  form.setAttribute("data-editor-ready", "");
})();
