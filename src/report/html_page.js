/*
 * html_page.js - the ghosttrack HTML report's own script (inlined by html.c).
 *
 * Reads the JSON block #gt-data (written by html.c; every string in it came
 * through gt_esc_json) and builds the page: header, caps notice, counts by
 * type, the Leaflet map over the inlined Natural Earth basemap, the
 * timeline, the filterable events table and the detail/evidence panel.
 *
 * Safety rule: text from the data only ever reaches the page through
 * textContent, attribute properties or DOM nodes handed to Leaflet, never
 * through innerHTML or an HTML string, so a vessel whose name is an HTML
 * tag (a script end tag and an img with onerror) is shown as characters.
 */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('gt-data').textContent);
  var COLORS = {
    gap: '#d62728', encounter: '#8e44ad', loiter: '#8c564b', spoof: '#e6399b',
    identity: '#6c757d', flight: '#e07b00', port_call: '#1a9bb0', source_diff: '#8a8d00'
  };
  var SHIP = '#1f5fa8', AIRCRAFT = '#e07b00';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function color(type) { return COLORS[type] || '#444'; }
  function ms(iso) { return iso ? Date.parse(iso) : NaN; }
  function fmt(iso) { return iso ? iso.replace('T', ' ').replace(/(\.000)?Z$/, '') : ''; }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function num(v, d) { return typeof v === 'number' ? v.toFixed(d) : String(v); }

  var tracks = {};
  D.tracks.forEach(function (t) { tracks[t.id] = t; });

  /* "mmsi:123 (NAME)" with the best-known name of the identity. */
  function label(id) {
    if (!id) { return ''; }
    var t = tracks[id];
    var nm = t && (t.name || t.reg || t.callsign);
    return nm ? id + ' (' + nm + ')' : id;
  }

  function duration(e) {
    var s = (ms(e.end) - ms(e.start)) / 1000;
    if (!(s > 0)) { return 'instant'; }
    if (s < 3600) { return Math.round(s / 60) + ' min'; }
    return (s / 3600).toFixed(1) + ' h';
  }

  /* One line on what an event says, from its type's detail figures. */
  function summary(e) {
    var d = e.detail || {};
    switch (e.type) {
      case 'gap':
        return 'dark ' + (d.hours !== undefined ? num(d.hours, 1) + ' h' : duration(e)) +
          (d.distance_km !== undefined ? ', ' + num(d.distance_km, 0) + ' km' : '') +
          (d.suspected ? ', suspected disabling' : '');
      case 'encounter':
        return 'met ' + label(e.peer) +
          (d.median_distance_m !== undefined ? ', median ' + num(d.median_distance_m, 0) + ' m' : '') +
          (d.dark ? ', partner dark' : '') + ' for ' + duration(e);
      case 'loiter':
        return 'loitered ' + (d.hours !== undefined ? num(d.hours, 1) + ' h' : duration(e)) +
          (d.mean_speed_kn !== undefined ? ' at ' + num(d.mean_speed_kn, 1) + ' kn' : '');
      case 'spoof':
        return 'spoofing: ' + (d.kind || '?');
      case 'identity':
        return (d.field || 'identity') + ': ' + (d.old === undefined ? '?' : String(d.old)) +
          ' \u2192 ' + (d.new === undefined ? '?' : String(d.new));
      case 'flight':
        return (d.from || '?') + ' \u2192 ' + (d.to || '?') +
          (typeof d.distance_km === 'number' ? ', ' + num(d.distance_km, 0) + ' km' : '') +
          (d.dark ? ' (dark leg)' : '');
      case 'port_call':
        return 'port call ' + (d.port || '');
      case 'source_diff':
        return 'in ' + (d.present_in || '?') + ', missing in ' + (d.missing_in || '?');
      default:
        return '';
    }
  }

  /* ---- header ---------------------------------------------------------- */
  document.getElementById('gt-title').textContent = D.title;
  document.title = D.title;
  var C = D.caps;
  var times = [];
  D.events.forEach(function (e) { times.push(ms(e.start), ms(e.end)); });
  times = times.filter(function (t) { return !isNaN(t); });
  var tmin = times.length ? Math.min.apply(null, times) : NaN;
  var tmax = times.length ? Math.max.apply(null, times) : NaN;
  var meta = C.events_total + ' events, ' + C.tracks_total + ' tracks (' + C.points_total +
    ' positions)';
  if (!isNaN(tmin)) {
    meta += ', ' + fmt(new Date(tmin).toISOString()) + ' to ' + fmt(new Date(tmax).toISOString()) +
      ' UTC';
  }
  if (D.filters.length) {
    meta += '. Filters: ' + D.filters.map(function (f) { return f[0] + '=' + f[1]; }).join(', ');
  }
  document.getElementById('gt-meta').textContent = meta + '.';

  var caps = document.getElementById('gt-caps');
  function note(text) { caps.appendChild(el('p', null, text)); }
  if (C.events_shown < C.events_total) {
    note('Showing ' + C.events_shown + ' of ' + C.events_total +
      ' events (the earliest); narrow the filters to see the rest.');
  }
  if (C.tracks_drawn < C.tracks_total) {
    note('Drawing ' + C.tracks_drawn + ' of ' + C.tracks_total +
      ' tracks (those named by events first).');
  }
  if (C.tracks_thinned > 0) {
    note(plural(C.tracks_thinned, 'track', 'tracks') + ' thinned to about ' + C.max_track_points +
      ' points each: ' + C.points_shown + ' of ' + C.points_total +
      ' positions drawn; the fixes that bound events are always kept.');
  }
  if (C.evidence_capped > 0) {
    note(plural(C.evidence_capped, 'event cites', 'events cite') + ' more than ' +
      C.max_evidence + ' raw records; the first and last are shown.');
  }
  if (!D.has_map) {
    note('Map unavailable: this ghosttrack was built without its npm assets (Leaflet, world-atlas).');
  }

  var typeSel = document.getElementById('gt-f-type');
  var sumBox = document.getElementById('gt-summary');
  Object.keys(D.summary).forEach(function (type) {
    var b = el('button', 'gt-chip', type);
    b.type = 'button';
    b.style.background = color(type);
    b.appendChild(el('b', null, D.summary[type]));
    b.addEventListener('click', function () { typeSel.value = type; applyFilter(); });
    sumBox.appendChild(b);
    var o = el('option', null, type + ' (' + D.summary[type] + ')');
    o.value = type;
    typeSel.appendChild(o);
  });

  /* ---- map ------------------------------------------------------------- */
  var map = null, highlight = null, layerOf = {}, trackLayer = {}, boldTracks = [];
  var mapDiv = document.getElementById('gt-map');
  if (D.has_map && window.L && window.topojson) {
    map = L.map(mapDiv, { zoomSnap: 0.25, worldCopyJump: false, minZoom: 1 });
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('Natural Earth');
    var topo = JSON.parse(document.getElementById('gt-basemap').textContent);
    var obj = topo.objects.countries || topo.objects[Object.keys(topo.objects)[0]];
    L.geoJSON(topojson.feature(topo, obj), {
      renderer: L.canvas({ padding: 0.2 }), interactive: false,
      style: { color: '#a39f8e', weight: 0.6, fillColor: '#efeadb', fillOpacity: 1 }
    }).addTo(map);
    if (D.tiles) { L.tileLayer(D.tiles, { maxZoom: 14 }).addTo(map); }
  } else {
    mapDiv.classList.add('gt-nomap');
    mapDiv.textContent = 'No map in this build.';
  }

  function tip(layer, text) {
    if (layer) { layer.bindTooltip(el('span', null, text), { sticky: true }); }
  }

  var bounds = [];
  var gapsBySubject = {};
  D.events.forEach(function (e) {
    if (e.type === 'gap') {
      (gapsBySubject[e.subject] = gapsBySubject[e.subject] || []).push([ms(e.start), ms(e.end)]);
    }
  });

  /* Great-circle distance in nautical miles. */
  function nm(a1, o1, a2, o2) {
    var r = Math.PI / 180, x = Math.sin((a2 - a1) * r / 2), y = Math.sin((o2 - o1) * r / 2);
    var h = x * x + Math.cos(a1 * r) * Math.cos(a2 * r) * y * y;
    return 2 * 3440.065 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /* Split a track where it went dark (a gap event), crossed the antimeridian,
   * or jumped faster than its class can move (two hulls on one MMSI,
   * spoofed fixes): drawing those hops would paint lines no vessel sailed. */
  function segments(t) {
    var gaps = gapsBySubject[t.id] || [], segs = [], cur = [], i, j;
    var maxKn = t.kind === 'aircraft' ? 1000 : 50;
    for (i = 0; i < t.pts.length; i++) {
      var p = t.pts[i], cut = false;
      if (cur.length) {
        var q = t.pts[i - 1];
        var hours = Math.max(p[0] - q[0], 1) / 3600;
        if (Math.abs(p[2] - q[2]) > 180) { cut = true; }
        if (nm(q[1], q[2], p[1], p[2]) / hours > maxKn) { cut = true; }
        for (j = 0; j < gaps.length && !cut; j++) {
          if (q[0] * 1000 <= gaps[j][0] + 999 && p[0] * 1000 >= gaps[j][1] - 999) { cut = true; }
        }
      }
      if (cut) { segs.push(cur); cur = []; }
      cur.push([p[1], p[2]]);
    }
    if (cur.length) { segs.push(cur); }
    return segs;
  }

  if (map) {
    D.tracks.forEach(function (t) {
      if (!t.pts.length) { return; }
      var air = t.kind === 'aircraft';
      var style = { color: air ? AIRCRAFT : SHIP, weight: air ? 1.6 : 2.2, opacity: 0.85 };
      var line = L.polyline(segments(t), style).addTo(map);
      trackLayer[t.id] = { line: line, style: style };
      tip(line, (air ? 'aircraft ' : 'ship ') + label(t.id));
      t.pts.forEach(function (p) { bounds.push([p[1], p[2]]); });
    });
  }

  /* Where an event begins and ends on the map: the detector's own figures
   * (a gap's start/end position) when present, else the subject's fixes
   * that bound the event in time (html.c's fix0/fix1). */
  function ends(e) {
    var d = e.detail || {};
    if (typeof d.start_lat === 'number' && typeof d.start_lon === 'number' &&
        typeof d.end_lat === 'number' && typeof d.end_lon === 'number') {
      return [[d.start_lat, d.start_lon], [d.end_lat, d.end_lon]];
    }
    return e.fix0 && e.fix1 ? [e.fix0, e.fix1] : null;
  }

  function pos(e) {
    if (e.lat !== null && e.lon !== null) { return [e.lat, e.lon]; }
    return e.fix0 || e.fix1 || null;
  }

  var airports = {};
  D.places.forEach(function (p) {
    airports[(p.kind || 'place') + ':' + (p.code || p.name)] = {
      kind: p.kind, code: p.code, name: p.name, at: [p.lat, p.lon]
    };
  });
  D.events.forEach(function (e) {
    if (e.type !== 'flight') { return; }
    [[e.detail.from, e.fix0], [e.detail.to, e.fix1]].forEach(function (a) {
      if (a[0] && a[1] && !airports['airport:' + a[0]]) {
        airports['airport:' + a[0]] = { kind: 'airport', code: a[0], name: null, at: a[1] };
      }
    });
  });

  if (map) {
    D.events.forEach(function (e) {
      var layer = null, p = pos(e), c = color(e.type);
      if (e.type === 'gap' && ends(e)) {
        layer = L.polyline(ends(e), { color: c, weight: 2.5, dashArray: '7 6' });
      } else if (e.type === 'flight' || e.type === 'identity' || e.type === 'source_diff') {
        layer = null;
      } else if (p) {
        layer = L.circleMarker(p, {
          radius: e.type === 'encounter' ? 8 : 6, color: c, weight: 2, fillColor: c,
          fillOpacity: 0.35
        });
      }
      if (layer) {
        layer.addTo(map);
        tip(layer, e.type + ': ' + label(e.subject) + ' \u2014 ' + summary(e));
        layer.on('click', function () { select(e.id, true); });
        layerOf[e.id] = layer;
      }
    });
    Object.keys(airports).sort().forEach(function (k) {
      var a = airports[k];
      var m = L.circleMarker(a.at, {
        radius: 5, color: '#222', weight: 2, fillColor: a.kind === 'port' ? '#1a9bb0' : '#fff',
        fillOpacity: 1
      }).addTo(map);
      m.bindTooltip(el('span', null, (a.code || '') + (a.name ? ' ' + a.name : '')), {
        permanent: true, direction: 'right', className: 'gt-airport-label', offset: [6, 0]
      });
      bounds.push(a.at);
    });
    var fitAll = function () {
      if (bounds.length) {
        map.fitBounds(L.latLngBounds(bounds), { padding: [20, 20], maxZoom: 10 });
      } else {
        map.setView([20, 0], 2);
      }
    };
    fitAll();
    var AllControl = L.Control.extend({
      options: { position: 'topleft' },
      onAdd: function () {
        var b = el('button', 'gt-fit', 'Show all');
        b.type = 'button';
        b.title = 'Zoom out to every track and event';
        L.DomEvent.disableClickPropagation(b);
        b.addEventListener('click', fitAll);
        return b;
      }
    });
    new AllControl().addTo(map);
  }

  var legend = document.getElementById('gt-legend');
  function legendItem(cls, c, text, dashed) {
    var s = el('span');
    var sw = el('span', cls);
    sw.style.borderColor = c;
    if (dashed) { sw.style.borderTopStyle = 'dashed'; }
    s.appendChild(sw);
    s.appendChild(document.createTextNode(text));
    legend.appendChild(s);
  }
  legendItem('gt-sw', SHIP, 'ship track');
  legendItem('gt-sw', AIRCRAFT, 'aircraft track');
  legendItem('gt-sw', COLORS.gap, 'gap (transponder dark)', true);
  legendItem('gt-dot', COLORS.encounter, 'encounter');
  legendItem('gt-dot', COLORS.loiter, 'loiter');
  legendItem('gt-dot', COLORS.spoof, 'spoofing');
  legendItem('gt-dot', '#222', 'airport / port');

  /* ---- detail panel ---------------------------------------------------- */
  var detail = document.getElementById('gt-detail');
  var byId = {};
  D.events.forEach(function (e) { byId[e.id] = e; });

  function dlRow(dl, k, v) {
    dl.appendChild(el('dt', null, k));
    dl.appendChild(el('dd', null, v));
  }

  function showDetail(e) {
    detail.textContent = '';
    var h = el('h3', null, e.type + ' ' + e.id);
    h.style.color = color(e.type);
    detail.appendChild(h);
    detail.appendChild(el('p', 'gt-summary-line', summary(e)));
    var dl = el('dl');
    dlRow(dl, 'Subject', label(e.subject));
    if (e.peer) { dlRow(dl, 'Peer', label(e.peer)); }
    dlRow(dl, 'Start', fmt(e.start) + ' UTC');
    dlRow(dl, 'End', fmt(e.end) + ' UTC (' + duration(e) + ')');
    if (e.lat !== null) { dlRow(dl, 'Position', e.lat.toFixed(5) + ', ' + e.lon.toFixed(5)); }
    dlRow(dl, 'Score', e.score.toFixed(2));
    detail.appendChild(dl);

    detail.appendChild(el('h3', null, 'Detail'));
    var kv = el('table', 'gt-kv');
    Object.keys(e.detail).sort().forEach(function (k) {
      var v = e.detail[k], tr = el('tr');
      tr.appendChild(el('td', null, k));
      tr.appendChild(el('td', null, typeof v === 'object' ? JSON.stringify(v) : String(v)));
      kv.appendChild(tr);
    });
    detail.appendChild(kv);

    var n = e.evidence.length;
    detail.appendChild(el('h3', null, 'Evidence: ' + n + (e.evidence_total > n ?
      ' of ' + e.evidence_total + ' raw records (first and last)' : ' raw records')));
    var list = el('div', 'gt-evidence');
    e.evidence.forEach(function (v) {
      var box = el('div', 'gt-ev'), head = el('div', 'gt-ev-head');
      head.appendChild(el('span', 'gt-ev-role', v.role || 'record'));
      var where;
      if (v.offset !== undefined) {
        where = (v.file || ('input #' + v.input)) + ' @ byte ' + v.offset;
      } else if (v.seq !== undefined) {
        where = (v.file || ('stream #' + v.stream)) + ' message #' + v.seq;
      } else {
        where = 'no provenance';
      }
      head.appendChild(document.createTextNode(fmt(v.t) + ' UTC \u00b7 ' + where +
        (v.station ? ' \u00b7 station ' + v.station : '')));
      box.appendChild(head);
      var pre;
      if (v.text !== null) {
        pre = el('pre', 'gt-raw', v.text + (v.truncated ? ' \u2026 (' + v.truncated +
          ' bytes, cut)' : ''));
      } else {
        pre = el('pre', 'gt-raw gt-missing', v.unavailable.indexOf('evidence unavailable') === 0 ?
          v.unavailable : 'raw record not available: ' + v.unavailable);
      }
      box.appendChild(pre);
      if (v.original) {
        box.appendChild(el('div', 'gt-ev-check', v.original === 'verified' ?
          'original input verified (size and SHA-256)' :
          'copy kept in the store; original input changed or missing'));
      }
      list.appendChild(box);
    });
    detail.appendChild(list);
  }

  var rows = {}, bars = {}, selected = null;
  function select(id, fromMap) {
    var e = byId[id];
    if (!e) { return; }
    if (selected) {
      if (rows[selected]) { rows[selected].classList.remove('gt-sel'); }
      if (bars[selected]) { bars[selected].classList.remove('gt-sel'); }
    }
    selected = id;
    rows[id].classList.add('gt-sel');
    if (bars[id]) { bars[id].classList.add('gt-sel'); }
    showDetail(e);
    if (map) {
      /* Bring the tracks of the subject and the peer forward. */
      boldTracks.forEach(function (k) { k.line.setStyle(k.style); });
      boldTracks = [e.subject, e.peer].map(function (id) { return trackLayer[id]; })
        .filter(Boolean);
      boldTracks.forEach(function (k) {
        k.line.setStyle({ weight: k.style.weight + 2, opacity: 1 });
      });
      if (highlight) { map.removeLayer(highlight); }
      var p = pos(e);
      var se = ends(e);
      if (se) {
        highlight = L.polyline(se, { color: '#000', weight: 5, opacity: 0.35 });
        highlight.addTo(map);
        if (!fromMap) { map.fitBounds(L.latLngBounds(se).pad(0.6), { maxZoom: 9 }); }
      } else if (p) {
        highlight = L.circleMarker(p, { radius: 14, color: '#000', weight: 2, fill: false });
        highlight.addTo(map);
        if (!fromMap) { map.setView(p, Math.max(map.getZoom(), 6)); }
      }
    }
  }

  /* ---- events table ---------------------------------------------------- */
  var tbody = document.querySelector('#gt-events tbody');
  D.events.forEach(function (e) {
    var tr = el('tr');
    tr.dataset.id = e.id;
    tr.tabIndex = 0;
    tr.appendChild(el('td', null, fmt(e.start)));
    tr.appendChild(el('td', null, fmt(e.end)));
    var td = el('td'), dot = el('span', 'gt-type');
    dot.style.background = color(e.type);
    td.appendChild(dot);
    td.appendChild(document.createTextNode(e.type));
    tr.appendChild(td);
    tr.appendChild(el('td', null, label(e.subject)));
    tr.appendChild(el('td', null, label(e.peer)));
    tr.appendChild(el('td', null, e.score.toFixed(2)));
    tr.appendChild(el('td', null, summary(e)));
    tr.addEventListener('click', function () { select(e.id, false); });
    tr.addEventListener('keydown', function (k) {
      if (k.key === 'Enter') { select(e.id, false); }
    });
    tbody.appendChild(tr);
    rows[e.id] = tr;
  });

  /* Click a column header to sort by it (again to reverse); ties by start. */
  var sortCols = [
    function (e) { return e.start; }, function (e) { return e.end; },
    function (e) { return e.type; }, function (e) { return label(e.subject); },
    function (e) { return label(e.peer); }, function (e) { return e.score; },
    function (e) { return summary(e); }
  ];
  var sortBy = -1, sortDir = 1;
  Array.prototype.forEach.call(document.querySelectorAll('#gt-events thead th'), function (th, i) {
    th.title = 'Sort by this column';
    th.addEventListener('click', function () {
      sortDir = sortBy === i ? -sortDir : 1;
      sortBy = i;
      Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('data-sort'); });
      th.setAttribute('data-sort', sortDir > 0 ? 'asc' : 'desc');
      D.events.slice().sort(function (a, b) {
        var x = sortCols[i](a), y = sortCols[i](b);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return c * sortDir || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
      }).forEach(function (e) { tbody.appendChild(rows[e.id]); });
    });
  });

  /* ---- timeline -------------------------------------------------------- */
  var tl = document.getElementById('gt-timeline');
  if (!isNaN(tmin)) {
    var span = Math.max(tmax - tmin, 60000);
    Object.keys(D.summary).forEach(function (type) {
      var lane = el('div', 'gt-lane'), track = el('div', 'gt-lane-track');
      lane.appendChild(el('div', 'gt-lane-name', type));
      lane.appendChild(track);
      D.events.forEach(function (e) {
        if (e.type !== type) { return; }
        var b = el('div', 'gt-tl-ev');
        var a = ms(e.start), z = ms(e.end);
        b.style.left = ((a - tmin) / span * 100).toFixed(3) + '%';
        b.style.width = Math.max((z - a) / span * 100, 0.3).toFixed(3) + '%';
        b.style.background = color(type);
        b.title = fmt(e.start) + ' ' + e.type + ' ' + label(e.subject) + ': ' + summary(e);
        b.addEventListener('click', function () { select(e.id, false); });
        track.appendChild(b);
        bars[e.id] = b;
      });
      tl.appendChild(lane);
    });
    var axis = el('div', 'gt-axis');
    for (var i = 0; i <= 5; i++) {
      var tick = el('span', 'gt-tick',
        fmt(new Date(tmin + span * i / 5).toISOString()).slice(0, 16));
      tick.style.left = (i * 20) + '%';
      if (i === 0) { tick.style.transform = 'none'; }
      if (i === 5) { tick.style.transform = 'translateX(-100%)'; }
      axis.appendChild(tick);
    }
    tl.appendChild(axis);
  } else {
    tl.appendChild(el('p', 'gt-hint', 'No events to place on a timeline.'));
  }

  /* ---- filters --------------------------------------------------------- */
  var fSubject = document.getElementById('gt-f-subject');
  var fSince = document.getElementById('gt-f-since');
  var fUntil = document.getElementById('gt-f-until');
  var fCount = document.getElementById('gt-f-count');

  function parseWhen(s, end) {
    s = s.trim();
    if (!s) { return NaN; }
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) { return Date.parse(s + 'T00:00:00Z') + (end ? 86399999 : 0); }
    if (!/[zZ]|[+-]\d\d:?\d\d$/.test(s)) { s += 'Z'; }
    return Date.parse(s);
  }

  function applyFilter() {
    var type = typeSel.value, subj = fSubject.value.trim().toLowerCase();
    var since = parseWhen(fSince.value, false), until = parseWhen(fUntil.value, true);
    var shown = 0;
    D.events.forEach(function (e) {
      var ok = (!type || e.type === type) &&
        (!subj || (label(e.subject) + ' ' + label(e.peer)).toLowerCase().indexOf(subj) >= 0) &&
        (isNaN(since) || ms(e.end) >= since) && (isNaN(until) || ms(e.start) <= until);
      rows[e.id].style.display = ok ? '' : 'none';
      if (bars[e.id]) { bars[e.id].style.display = ok ? '' : 'none'; }
      if (layerOf[e.id]) { layerOf[e.id].setStyle({ opacity: ok ? 1 : 0.1, fillOpacity: ok ? 0.35 : 0.05 }); }
      if (ok) { shown++; }
    });
    fCount.textContent = shown + ' of ' + D.events.length + ' events';
  }
  [typeSel, fSubject, fSince, fUntil].forEach(function (c) {
    c.addEventListener('input', applyFilter);
    c.addEventListener('change', applyFilter);
  });
  applyFilter();
  document.body.setAttribute('data-ready', '1');
})();
