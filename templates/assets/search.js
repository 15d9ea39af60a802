(function () {
  "use strict";
  var list = document.getElementById("results");
  var input = document.getElementById("q");
  if (!list || !input) return;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  fetch(list.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (entries) {
    function run() {
      var query = input.value.trim().toLowerCase();
      list.textContent = "";
      if (!query) return;
      var terms = query.split(/\s+/);
      entries.filter(function (e) {
        var hay = (e.t + " " + e.s + " " + e.i.join(" ")).toLowerCase();
        return terms.every(function (t) { return hay.indexOf(t) !== -1; });
      }).slice(0, 100).forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = e.u;
        a.textContent = e.t;
        li.appendChild(a);
        if (e.s) { li.appendChild(document.createTextNode(" — " + e.s)); }
        list.appendChild(li);
      });
    }
    input.addEventListener("input", run);
    run();
  });
})();
