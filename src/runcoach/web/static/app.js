/* runcoach's own script: confirmations, the upload drop zone, the run page's map and charts,
   the calendar's drag and drop, the report's charts. No inline scripts (Content-Security-Policy). */
(function () {
  "use strict";
  var KM = 1000, MILE = 1609.344;

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  function confirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }

  /* ---- upload: drop files or whole folders ---------------------------------------------- */
  function readEntry(entry, found) {
    return new Promise(function (resolve) {
      if (entry.isFile) { entry.file(function (f) { found.push(f); resolve(); }, resolve); return; }
      if (!entry.isDirectory) { resolve(); return; }
      var reader = entry.createReader(), all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) { Promise.all(all).then(resolve); return; }
          batch.forEach(function (e) { all.push(readEntry(e, found)); });
          more();
        }, resolve);
      })();
    });
  }

  function uploadZone() {
    var drop = document.getElementById("drop"), input = document.getElementById("files");
    if (!drop || !input) return;
    var shown = document.getElementById("chosen");
    function show() { shown.textContent = input.files.length + " file(s) chosen"; }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault(); drop.classList.remove("over");
      var found = [], waits = [];
      Array.prototype.forEach.call(e.dataTransfer.items || [], function (item) {
        var entry = item.webkitGetAsEntry && item.webkitGetAsEntry();
        if (entry) waits.push(readEntry(entry, found));
      });
      Promise.all(waits).then(function () {
        var files = found.length ? found : Array.prototype.slice.call(e.dataTransfer.files);
        var chosen = new DataTransfer();
        files.forEach(function (f) { chosen.items.add(f); });
        input.files = chosen.files;
        show();
      });
    });
  }

  /* ---- the run page: map and charts ---------------------------------------------------- */
  function pairs(xs, ys) {
    var x = [], y = [];
    for (var i = 0; i < xs.length; i++) {
      if (xs[i] !== null) { x.push(xs[i]); y.push(ys[i]); }
    }
    return [x, y];
  }

  function drawMap(el, data, tiles) {
    if (!data.latitude || !window.L) { el.textContent = "No GPS track (an indoor or treadmill run)."; return; }
    var points = [];
    for (var i = 0; i < data.latitude.length; i++) {
      if (data.latitude[i] !== null && data.longitude[i] !== null) points.push([data.latitude[i], data.longitude[i]]);
    }
    if (!points.length) { el.textContent = "No GPS track."; return; }
    var map = L.map(el, { attributionControl: !!tiles });
    if (tiles) L.tileLayer(tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    var line = L.polyline(points, { color: "#0a7b5c", weight: 4 }).addTo(map);
    L.circleMarker(points[0], { radius: 6, color: "#2e9d5b" }).addTo(map);
    L.circleMarker(points[points.length - 1], { radius: 6, color: "#d2453a" }).addTo(map);
    map.fitBounds(line.getBounds(), { padding: [12, 12] });
    el.dataset.drawn = "track";
  }

  function drawChart(el, data, name, metric) {
    var ys = name === "pace" ? data.pace_s_per_km : data[name];
    var xs = data.distance_m || data.time_s;
    if (!ys || !xs || !window.uPlot) { el.innerHTML = '<p class="empty">Not recorded.</p>'; return; }
    var unit = metric ? KM : MILE;
    var x = xs.map(function (v) { return v === null ? null : (data.distance_m ? v / unit : v / 60); });
    var y = ys.map(function (v) { return v === null ? null : (name === "pace" ? v * unit / KM / 60 : v); });
    var series = pairs(x, y);
    var opts = {
      width: el.clientWidth || 320, height: 150, legend: { show: false },
      scales: { x: { time: false }, y: { dir: name === "pace" ? -1 : 1 } },
      axes: [{ size: 30 }, { size: 45 }],
      series: [{}, { stroke: "#0a7b5c", width: 1.5, spanGaps: true }]
    };
    new uPlot(opts, series, el);
    el.dataset.drawn = "chart";
  }

  function runPage() {
    var page = document.getElementById("run");
    if (!page) return;
    fetch(page.dataset.samples, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var metric = page.dataset.units !== "imperial";
      drawMap(document.getElementById("map"), data, page.dataset.tiles);
      page.querySelectorAll(".chart[data-series]").forEach(function (el) { drawChart(el, data, el.dataset.series, metric); });
      page.dataset.loaded = "yes";
    });
  }

  /* ---- the calendar: drag a session to another day ------------------------------------- */
  function calendarDrag() {
    var form = document.getElementById("move-form");
    if (!form) return;
    var from = null;
    document.querySelectorAll(".session[draggable=true]").forEach(function (s) {
      s.addEventListener("dragstart", function (e) { from = s.dataset.from; e.dataTransfer.setData("text/plain", from); });
    });
    document.querySelectorAll(".cal .day").forEach(function (day) {
      day.addEventListener("dragover", function (e) { e.preventDefault(); day.classList.add("drop-target"); });
      day.addEventListener("dragleave", function () { day.classList.remove("drop-target"); });
      day.addEventListener("drop", function (e) {
        e.preventDefault(); day.classList.remove("drop-target");
        var source = from || e.dataTransfer.getData("text/plain");
        if (!source || source === day.dataset.day) return;
        document.getElementById("move-from").value = source;
        document.getElementById("move-to").value = day.dataset.day;
        if (window.htmx) htmx.trigger(form, "submit"); else form.submit();
        form.scrollIntoView({ behavior: "smooth" });
      });
    });
  }

  /* ---- reports: weekly distance and fitness / fatigue / form --------------------------- */
  function reportCharts() {
    var page = document.getElementById("report");
    if (!page || !window.uPlot) return;
    fetch(page.dataset.report, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (rep) {
      var metric = page.dataset.units !== "imperial", unit = metric ? KM : MILE;
      var weeks = page.querySelector('[data-report-chart="weeks"]');
      var ws = rep.trend_weeks || rep.weeks || [];
      if (weeks && ws.length) {
        var x = ws.map(function (w) { return Date.parse(w.week_start) / 1000; });
        var y = ws.map(function (w) { return w.distance_m / unit; });
        new uPlot({ width: weeks.clientWidth || 320, height: 170, legend: { show: false },
          series: [{}, { stroke: "#0a7b5c", fill: "rgba(10,123,92,.15)", width: 1.5 }] }, [x, y], weeks);
        weeks.dataset.drawn = "chart";
      }
      var load = page.querySelector('[data-report-chart="load"]');
      var days = (rep.load && rep.load.days) || [];
      if (load && days.length) {
        var t = days.map(function (d) { return Date.parse(d.day) / 1000; });
        new uPlot({ width: load.clientWidth || 320, height: 170,
          series: [{}, { label: "fitness", stroke: "#0a7b5c" }, { label: "fatigue", stroke: "#d2453a" }, { label: "form", stroke: "#4b7bd1" }] },
          [t, days.map(function (d) { return d.fitness; }), days.map(function (d) { return d.fatigue; }), days.map(function (d) { return d.form; })], load);
        load.dataset.drawn = "chart";
      }
    });
  }

  ready(function () { confirmations(); uploadZone(); runPage(); calendarDrag(); reportCharts(); });
})();
