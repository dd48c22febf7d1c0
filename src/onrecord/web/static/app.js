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
// Tooltips for touch screens too: tapping anything with a title (chart marks, highlights) shows it.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  if (!tip) return;
  function textOf(el) {
    if (el.getAttribute("data-tip")) return el.getAttribute("data-tip");
    var t = el.querySelector && el.querySelector(":scope > title");
    return t ? t.textContent : el.getAttribute("title");
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-tip], svg.chart circle, svg.chart rect, .hl[title], .trigger[title]");
    if (!el || el.closest("a")) { tip.hidden = true; return; }
    var text = textOf(el);
    if (!text) { tip.hidden = true; return; }
    tip.textContent = text;
    tip.hidden = false;
    var x = Math.min(ev.clientX + 8, window.innerWidth - tip.offsetWidth - 8);
    var y = Math.min(ev.clientY + 12, window.innerHeight - tip.offsetHeight - 8);
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  });
  window.addEventListener("scroll", function () { tip.hidden = true; }, { passive: true });
})();
