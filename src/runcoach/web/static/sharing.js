/* runcoach's privacy page: privacy zones drawn on a map; a click places the new zone. */
(function () {
  "use strict";
  function zonesMap() {
    var el = document.getElementById("zone-map");
    if (!el || !window.L) return;
    var zones = JSON.parse(el.dataset.zones || "[]");
    var map = L.map(el, { attributionControl: !!el.dataset.tiles });
    if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
    var bounds = null;  /* from the zones themselves: a circle's bounds need a map with a view */
    zones.forEach(function (z) {
      var box = L.latLng(z.latitude, z.longitude).toBounds(z.radius_m * 2);
      bounds = bounds ? bounds.extend(box) : box;
    });
    if (bounds) map.fitBounds(bounds.pad(0.5)); else map.setView([46.05, 14.5], 12);
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
    radius.addEventListener("input", function () { if (placed) placed.setRadius(Number(radius.value) || 400); });
    el.dataset.drawn = "zones";
  }
  document.addEventListener("DOMContentLoaded", zonesMap);
})();
