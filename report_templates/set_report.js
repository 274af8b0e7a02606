// The set report's matrix: sort its rows by how many outlets carry each fact, show one outlet's exclusives,
// and open a row's wordings by clicking anywhere on it. Without JavaScript the matrix keeps its order (most
// carried first), every row still opens (a <details>), and the exclusives are listed after it.
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  var tools = document.getElementById("matrix-tools");
  if (!table || !tools) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var sortButton = document.getElementById("sort-count");
  var countHead = document.getElementById("count-h");
  var filter = document.getElementById("matrix-filter");
  var status = document.getElementById("matrix-status");
  var outlets = table.getAttribute("data-outlets");
  tools.hidden = false;

  function sortRows(fewestFirst) {
    rows.slice().sort(function (x, y) {
      var byCount = Number(x.getAttribute("data-count")) - Number(y.getAttribute("data-count"));
      // Ties keep the report's order: the story's order within one count.
      return (fewestFirst ? byCount : -byCount) ||
        Number(x.getAttribute("data-order")) - Number(y.getAttribute("data-order"));
    }).forEach(function (row) { body.appendChild(row); });
    sortButton.setAttribute("aria-pressed", fewestFirst ? "true" : "false");
    countHead.setAttribute("aria-sort", fewestFirst ? "ascending" : "descending");
  }
  sortButton.addEventListener("click", function () {
    sortRows(sortButton.getAttribute("aria-pressed") !== "true");
  });

  function applyFilter() {
    var value = filter.value;
    var shown = 0;
    rows.forEach(function (row) {
      var visible = value === "all" ||
        (value === "every" ? row.getAttribute("data-count") === outlets : row.getAttribute("data-only") === value);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    status.textContent = value === "all" ? "" : "Showing " + shown + " of " + rows.length + " facts.";
  }
  filter.addEventListener("change", applyFilter);
  applyFilter();

  // A click anywhere on a row opens or closes its wordings; its summary (the keyboard's stop: Enter or Space)
  // does so by itself, and clicks inside the open wordings leave it open, so their text can be selected.
  rows.forEach(function (row) {
    var details = row.querySelector("details");
    if (!details) { return; }
    row.addEventListener("click", function (event) {
      if (event.target.closest("summary, .wordings, .not-in, a")) { return; }
      details.open = !details.open;
    });
  });

  // Following a link to a fact (from the exclusives) shows its row, opened, even when the filter hid it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id && document.getElementById(id);
    if (!row || !row.classList.contains("fact-row")) { return; }
    if (row.hidden) {
      filter.value = "all";
      applyFilter();
    }
    var details = row.querySelector("details");
    if (details) { details.open = true; }
    row.scrollIntoView({block: "center"});
    var summary = row.querySelector("summary");
    if (summary) { summary.focus({preventScroll: true}); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
}());
