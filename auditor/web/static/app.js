// Progress of the folder's audit: polled while it runs, then the page reloads to show the results.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) { return; }
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var current = document.getElementById("progress-current");
  var template = text.getAttribute("data-template");
  var wasRunning = box.getAttribute("data-running") === "true";
  function poll() {
    fetch(box.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.running) {
          wasRunning = true;
          box.hidden = false;
          bar.max = state.total || 1;
          bar.value = state.done;
          text.textContent = template.replace("{done}", state.done).replace("{total}", state.total);
          current.textContent = state.current;
          window.setTimeout(poll, 500);
        } else if (wasRunning) {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (wasRunning) { poll(); }
})();
