// Herald preview only: reloads the page when the site changes. The server sends "hello" with
// its state on every (re)connection and "reload" after each change it applied.
(function () {
  "use strict";
  if (!window.EventSource) { return; }
  var seen = null;
  var source = new EventSource("/_herald/events");
  source.addEventListener("hello", function (event) {
    if (seen !== null && event.data !== seen) { source.close(); location.reload(); return; }
    seen = event.data;
  });
  source.addEventListener("reload", function () {
    source.close();
    location.reload();
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
