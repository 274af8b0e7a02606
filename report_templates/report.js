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
  var toggle = document.getElementById("only-differences");
  if (toggle) {
    toggle.addEventListener("change", function () {
      document.body.classList.toggle("only-differences", toggle.checked);
    });
  }
}());
