// onrecord: a little behaviour on top of server-rendered pages. No framework, no network.
(function () {
  "use strict";
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function mark(attr, on) {
    if (!attr) return;
    each('[data-attr="' + CSS.escape(attr) + '"]', function (el) { el.classList.toggle("active", on); });
  }
  // Hovering a highlight or a "who said what" item lights up every piece of that attribution.
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-attr]");
    if (el) mark(el.getAttribute("data-attr"), true);
  });
  document.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-attr]");
    if (el) mark(el.getAttribute("data-attr"), false);
  });
  // Analysis takes a second or two: show it is under way and stop double submissions.
  var form = document.querySelector("form.analyse");
  if (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Analysing…"; }
    });
  }
})();
