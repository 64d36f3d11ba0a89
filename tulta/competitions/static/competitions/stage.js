// Stage timer: counts the segment down each second and reloads at its end for the next one.
(function () {
  "use strict";
  var stage = document.querySelector("[data-stage]");
  if (!stage) return;
  var clock = stage.querySelector("[data-clock]");
  var left = parseInt(stage.dataset.secondsLeft, 10) || 0;
  if (!clock || left <= 0) { setTimeout(function () { location.reload(); }, 15000); return; }
  var end = Date.now() + left * 1000;
  setInterval(function () {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    clock.textContent = String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
    clock.classList.toggle("ending", s <= 60);
    if (s === 0) location.reload();
  }, 1000);
})();
