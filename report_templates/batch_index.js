// Sort a table (pairs, sets) by a column on click; without JavaScript each table stays in manifest order.
(function () {
  "use strict";
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th button").forEach(function (button) {
      var column = button.parentNode.cellIndex;  // not every heading sorts: count cells, not buttons
      var ascending = true;
      button.addEventListener("click", function () {
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var numeric = button.getAttribute("data-key") === "num";
        rows.sort(function (x, y) {
          // A failed item has no figures (its error spans the row): it sorts last either way, in manifest order.
          var failedX = x.classList.contains("failed"), failedY = y.classList.contains("failed");
          if (failedX || failedY) { return failedX === failedY ? 0 : (failedX ? 1 : -1); }
          var a = x.cells[column], b = y.cells[column];
          var va = a.getAttribute("data-value") || a.textContent, vb = b.getAttribute("data-value") || b.textContent;
          var result = numeric ? (parseFloat(va) || 0) - (parseFloat(vb) || 0) : va.localeCompare(vb);
          return ascending ? result : -result;
        });
        ascending = !ascending;
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  });
}());
