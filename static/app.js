// Small behaviours that need script; the pages work without it. Kept out of the HTML so the
// Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  // A form with data-confirm asks before it does something that cannot be taken back.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
})();
