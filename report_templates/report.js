// Clicking or focusing a passage highlights its counterparts; the checkbox
// hides rows both articles share. The report reads the same without this.
(function () {
  "use strict";
  var jumping = false;
  function clear() {
    document.querySelectorAll(".highlight").forEach(function (el) { el.classList.remove("highlight"); });
  }
  function light(id, scroll) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.classList.add("highlight");
    (el.getAttribute("data-matches") || "").split(" ").forEach(function (other) {
      var match = other && document.getElementById(other);
      if (match) { match.classList.add("highlight"); }
    });
    if (scroll) {
      el.scrollIntoView({block: "center"});
      // Move keyboard focus too, without the focus handler narrowing the highlight to one sentence.
      jumping = true;
      el.focus({preventScroll: true});
      jumping = false;
    }
  }
  document.querySelectorAll(".sent").forEach(function (el) {
    el.addEventListener("focus", function () { if (!jumping) { clear(); light(el.id, false); } });
    el.addEventListener("click", function () { clear(); light(el.id, false); });
  });
  document.querySelectorAll("a[data-target]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      clear();
      var fact = link.closest(".fact");
      var ids = fact ? fact.getAttribute("data-sentences").split(" ") : [link.getAttribute("data-target")];
      ids.forEach(function (id) { light(id, false); });
      light(link.getAttribute("data-target"), true);
      if (history.replaceState) { history.replaceState(null, "", "#" + link.getAttribute("data-target")); }
    });
  });
  // The side-by-side view's tab stops are its paragraphs: focusing one lights its sentences' counterparts.
  document.querySelectorAll(".para[tabindex]").forEach(function (para) {
    para.addEventListener("focus", function () {
      if (jumping) { return; }
      clear();
      para.querySelectorAll(".sent").forEach(function (el) { light(el.id, false); });
    });
  });
  // The coverage map is one tab stop (a roving tabindex); the arrow keys, Home and End move inside it.
  var mapLinks = Array.prototype.slice.call(document.querySelectorAll(".coverage-map .map-link"));
  mapLinks.forEach(function (link, index) {
    link.addEventListener("keydown", function (event) {
      var next = {ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1,
                  Home: 0, End: mapLinks.length - 1}[event.key];
      if (next === undefined || next < 0 || next >= mapLinks.length) { return; }
      event.preventDefault();
      link.setAttribute("tabindex", "-1");
      mapLinks[next].setAttribute("tabindex", "0");
      mapLinks[next].focus();
    });
  });
  var toggle = document.getElementById("only-differences");
  if (toggle) {
    toggle.addEventListener("change", function () {
      document.body.classList.toggle("only-differences", toggle.checked);
    });
  }
}());
