/* runcoach's privacy page: privacy zones drawn on a map; a click places the new zone. */
(function () {
  "use strict";
  function zonesMap() {
    var el = document.getElementById("zone-map");
    if (!el || !window.L) return;
    var zones = JSON.parse(el.dataset.zones || "[]");
    var map = L.map(el, { attributionControl: !!el.dataset.tiles });
    if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
    var tracks = JSON.parse(el.dataset.tracks || "[]");
    var places = JSON.parse(el.dataset.places || "[]");
    var bounds = null;  /* from the zones and tracks themselves: a circle's bounds need a map with a view */
    function extend(box) { bounds = bounds ? bounds.extend(box) : L.latLngBounds(box.getSouthWest(), box.getNorthEast()); }
    zones.forEach(function (z) { extend(L.latLng(z.latitude, z.longitude).toBounds(z.radius_m * 2)); });
    tracks.forEach(function (t) { if (t.length) extend(L.latLngBounds(t)); });
    if (bounds) map.fitBounds(bounds.pad(0.2)); else map.setView([46.05, 14.5], 12);
    /* the runner's own tracks and where they start and end: something to click on without tiles */
    tracks.forEach(function (t) { L.polyline(t, { color: "#7a8794", weight: 2, opacity: 0.7, interactive: false }).addTo(map); });
    var most = places.length ? places[0].count : 1;
    zones.forEach(function (z) {
      L.circle([z.latitude, z.longitude], { radius: z.radius_m, color: "#d2453a" }).addTo(map).bindTooltip(z.name);
    });
    var lat = document.getElementById("zone-lat"), lon = document.getElementById("zone-lon");
    var radius = document.getElementById("zone-radius"), placed = null;
    function place(latlng) {
      lat.value = latlng.lat.toFixed(6); lon.value = latlng.lng.toFixed(6);
      if (placed) placed.remove();
      placed = L.circle(latlng, { radius: Number(radius.value) || 400, color: "#0a7b5c", dashArray: "4" }).addTo(map);
    }
    map.on("click", function (e) { place(e.latlng); });
    places.forEach(function (c) {
      L.circleMarker([c.latitude, c.longitude], { radius: 4 + 8 * Math.sqrt(c.count / most), color: "#1d5fa8", weight: 2, fillOpacity: 0.4, className: "run-end" })
        .addTo(map).bindTooltip(c.count + (c.count === 1 ? " start or end" : " starts and ends"))
        .on("click", function (e) { L.DomEvent.stopPropagation(e); place(L.latLng(c.latitude, c.longitude)); });
    });
    radius.addEventListener("input", function () { if (placed) placed.setRadius(Number(radius.value) || 400); });
    el.dataset.drawn = tracks.length ? "tracks" : "zones";
  }
  document.addEventListener("DOMContentLoaded", zonesMap);
})();
