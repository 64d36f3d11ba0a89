// Small behaviours shared by every page; the pages work without it.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]")) el.form.submit();
  });
})();
