/// The reload script served when the templates folder has no `assets/reload.js`.
enum ReloadScript {
    static let fallback = """
    (function () {
      "use strict";
      if (!window.EventSource) { return; }
      var seen = null;
      var source = new EventSource("/_herald/events");
      source.addEventListener("hello", function (event) {
        if (seen !== null && event.data !== seen) { source.close(); location.reload(); return; }
        seen = event.data;
      });
      source.addEventListener("reload", function () { source.close(); location.reload(); });
      window.addEventListener("pagehide", function () { source.close(); });
    })();

    """
}
