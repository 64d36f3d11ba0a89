// Risalah step editor: a small rich-text editor over each section's textarea, autosave while
// typing (and when leaving the page), and the per-section merge when another tab or person saved
// first: sections changed on one side only are merged by the server (and shown here), a section
// changed on both is shown side by side to choose: mine, theirs, or both to edit.
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

  // Sections by code: the editor shown and the textarea posted.
  function fieldFor(code) {
    var textarea = document.getElementById("section-" + code);
    if (!textarea) return null;
    var editor = form.querySelector('[data-editor-for="section-' + code + '"]');
    return { textarea: textarea, editor: editor };
  }
  function setSection(code, html) {
    var f = fieldFor(code);
    if (!f) return;
    f.textarea.value = html;
    if (f.editor) f.editor.innerHTML = html;
  }
  function currentHtml(code) {
    var f = fieldFor(code);
    return f ? f.textarea.value : "";
  }

  // Sections only the other tab changed: show their text, unless typed into since the save left.
  function takeFromOther(fromOther, sent) {
    Object.keys(fromOther || {}).forEach(function (code) {
      if (currentHtml(code) === sent[code]) setSection(code, fromOther[code]);
    });
  }

  var mergeInfo = document.querySelector("[data-merge-info]");
  function showMerged(message) {
    if (!mergeInfo) return;
    mergeInfo.textContent = message;
    mergeInfo.hidden = false;
  }

  var template = document.querySelector("[data-conflict-template]");
  function showConflict(data) {
    blocked = true;
    conflictBox.hidden = false;
    conflictBox.querySelector("[data-conflict-message]").textContent = data.message;
    var items = conflictBox.querySelector("[data-conflict-items]");
    items.innerHTML = "";
    (data.conflicts || []).forEach(function (c) {
      var item = template.content.firstElementChild.cloneNode(true);
      item.setAttribute("data-conflict-item", c.code);
      item.setAttribute("aria-labelledby", "konflik-" + c.code);
      var label = item.querySelector("[data-conflict-label]");
      label.id = "konflik-" + c.code;
      label.textContent = c.label;
      // What this page holds now (typing may have gone on since the save left).
      item.querySelector("[data-conflict-mine]").innerHTML = currentHtml(c.code) || c.mine;
      item.querySelector("[data-conflict-theirs]").innerHTML = c.theirs;
      items.appendChild(item);
    });
    wireChoices();
    conflictBox.scrollIntoView({ block: "start" });
    say(gettext("Belum tersimpan: pilih versi untuk bagian yang diubah di kedua tempat."));
  }

  function wireChoices() {
    var nojs = conflictBox.querySelector("[data-conflict-nojs]");
    if (nojs) nojs.hidden = true;
    conflictBox.querySelectorAll("[data-conflict-item]").forEach(function (item) {
      var choices = item.querySelector("[data-conflict-choices]");
      choices.hidden = false;
      choices.addEventListener("click", function (event) {
        var button = event.target.closest("[data-choose]");
        if (!button) return;
        var code = item.getAttribute("data-conflict-item");
        var theirs = item.querySelector("[data-conflict-theirs]").innerHTML;
        var choice = button.getAttribute("data-choose");
        var f = fieldFor(code);
        if (choice === "theirs") setSection(code, theirs);
        else if (choice === "edit") {
          setSection(code, currentHtml(code) + theirs);
          if (f && f.editor) f.editor.focus();
        }
        item.remove();
        resolved();
      });
    });
  }

  function resolved() {
    if (conflictBox.querySelector("[data-conflict-item]")) return;
    conflictBox.hidden = true;
    blocked = false;
    dirty = true;
    save();
  }

  function sentSections(body) {
    var sent = {};
    body.forEach(function (value, key) {
      if (key.indexOf("section-") === 0) sent[key.slice(8)] = value;
    });
    return sent;
  }

  function save() {
    if (!dirty || saving || blocked) return;
    saving = true;
    dirty = false;
    var body = new FormData(form);
    var sent = sentSections(body);
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json().then(function (data) { return [response.status, data]; }); })
      .then(function (result) {
        var code = result[0], data = result[1];
        if (data.version !== undefined) versionInput.value = data.version;
        if (code === 200) {
          takeFromOther(data.from_other, sent);
          if (data.status === "merged") showMerged(data.message);
          say(data.saved || data.message);
        } else if (code === 409) {
          takeFromOther(data.from_other, sent);
          dirty = true;
          showConflict(data);
        } else { dirty = true; say(data.message || gettext("Gagal menyimpan.")); }
      })
      .catch(function () { dirty = true; say(gettext("Koneksi terputus; perubahan disimpan lagi saat tersambung.")); })
      .finally(function () { saving = false; if (dirty && !blocked) { clearTimeout(timer); timer = setTimeout(save, 5000); } });
  }

  // A conflict the server rendered (a save without JavaScript): the same choices.
  if (blocked) wireChoices();

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
