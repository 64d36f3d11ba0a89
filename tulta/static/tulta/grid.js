// Data grid of a tool: paste a block from Excel/LibreOffice into any cell, add rows, and mark
// the cells the server found wrong after each htmx update. Works on top of a plain form.
(function () {
  "use strict";
  // User-facing text goes through Django's JavaScript catalogue (jsi18n, loaded by base.html).
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (fmt, args) {
    var i = 0;
    return fmt.replace(/%s/g, function () { return String(args[i++]); });
  };
  var form = document.getElementById("grid-form");
  if (!form) return;
  var table = form.querySelector("[data-grid]");
  var body = table.querySelector("tbody");
  var columns = parseInt(table.getAttribute("data-columns"), 10);
  var rowCount = form.querySelector("[data-row-count]");
  var keys = Array.prototype.map.call(table.querySelectorAll("thead th[id]"), function (th) {
    return th.id.replace("col-", "");
  });

  function addRows(n) {
    for (var k = 0; k < n; k++) {
      var r = body.rows.length;
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = String(r + 1);
      tr.appendChild(th);
      for (var c = 0; c < columns; c++) {
        var td = document.createElement("td");
        var input = document.createElement("input");
        input.type = "text";
        input.name = "c-" + r + "-" + c;
        input.setAttribute("data-row", String(r + 1));
        input.setAttribute("data-col", keys[c]);
        var label = table.querySelector("thead th#col-" + keys[c]);
        input.setAttribute("aria-label", interpolate(gettext("Baris %s, %s"), [r + 1, label ? label.firstChild.textContent.trim() : keys[c]]));
        td.appendChild(input);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    rowCount.value = String(body.rows.length);
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-rows]");
    if (!button) return;
    addRows(parseInt(button.getAttribute("data-add-rows"), 10) || 1);
  });

  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-grid] input")) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") === -1 && text.indexOf("\n") === -1) return;
    event.preventDefault();
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
    var parts = input.name.split("-");
    var startRow = parseInt(parts[1], 10), startCol = parseInt(parts[2], 10);
    var needed = startRow + lines.length - body.rows.length;
    if (needed > 0) addRows(needed);
    lines.forEach(function (line, i) {
      line.split("\t").forEach(function (value, j) {
        if (startCol + j >= columns) return;
        var cell = form.querySelector('input[name="c-' + (startRow + i) + "-" + (startCol + j) + '"]');
        if (cell) cell.value = value.trim();
      });
    });
    if (window.htmx) window.htmx.trigger(form, "grid-pasted");
  });

  // The grid travels as ONE form field, "grid" (JSON: a list of rows of text), instead of one
  // field per cell: thousands of pasted rows would pass Django's limit on the number of fields
  // (DATA_UPLOAD_MAX_NUMBER_FIELDS). Without JavaScript the plain c-<row>-<col> fields are sent.
  function gridRows() {
    var rows = Array.prototype.map.call(body.rows, function (tr) {
      return Array.prototype.map.call(tr.querySelectorAll("input"), function (input) {
        return input.value;
      });
    });
    while (rows.length && rows[rows.length - 1].every(function (v) { return !v.trim(); })) rows.pop();
    return rows;
  }
  function packGrid(formData) {
    var drop = [];
    formData.forEach(function (_value, key) {
      if (/^c-\d+-\d+$/.test(key) || key === "row_count") drop.push(key);
    });
    drop.forEach(function (key) { formData.delete(key); });
    formData.set("grid", JSON.stringify(gridRows()));
  }
  form.addEventListener("formdata", function (event) { packGrid(event.formData); });
  form.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.formData) packGrid(event.detail.formData);
  });

  function markErrors() {
    var panel = document.getElementById("hasil-alat");
    if (!panel) return;
    var errors = [];
    try { errors = JSON.parse(panel.getAttribute("data-errors") || "[]"); } catch (e) { errors = []; }
    form.querySelectorAll("[data-grid] td").forEach(function (td) {
      td.classList.remove("has-error");
      var input = td.querySelector("input");
      if (input) { input.removeAttribute("aria-invalid"); input.removeAttribute("title"); }
      var note = td.querySelector(".cell-error");
      if (note) note.remove();
    });
    errors.forEach(function (error) {
      var input = form.querySelector('input[data-row="' + error.row + '"][data-col="' + error.column + '"]');
      if (!input) return;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("title", error.message);
      input.parentNode.classList.add("has-error");
      var note = document.createElement("span");
      note.className = "cell-error";
      note.textContent = error.message;
      input.parentNode.appendChild(note);
    });
  }
  document.body.addEventListener("htmx:afterSwap", markErrors);
  document.body.addEventListener("htmx:responseError", function (event) {
    // A 409 (someone else saved) or 400 still carries the panel to show.
    var target = document.getElementById("hasil-alat");
    if (target && event.detail.xhr.responseText) {
      target.outerHTML = event.detail.xhr.responseText;
      markErrors();
    }
  });
})();
