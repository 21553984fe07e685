// The jnatsd dashboard: polls the monitoring endpoints once a second and draws what changed. Plain browser
// JavaScript with no libraries, so the page works without a build step or internet access.
"use strict";

(function () {
  var BASE = document.body.dataset.base || "/";
  var POLL_MS = 1000;
  var HISTORY = 60; // points kept per chart: one minute at one poll a second

  var previous = null; // last /varz sample, to turn the running totals into per-second rates
  var history = { inMsgs: [], outMsgs: [], inBytes: [], outBytes: [] };

  function $(id) { return document.getElementById(id); }

  // Numbers shown short ("12.3k"); the exact value is kept in data-value for tests and tooltips.
  function short(n) {
    var units = ["", "k", "M", "G", "T"];
    var i = 0;
    while (Math.abs(n) >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return (i === 0 ? String(Math.round(n * 10) / 10) : n.toFixed(1)) + units[i];
  }

  function bytes(n) {
    var units = ["B", "KiB", "MiB", "GiB", "TiB"];
    var i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? String(Math.round(n)) : n.toFixed(1)) + " " + units[i];
  }

  function show(id, value, format) {
    var el = $(id);
    el.textContent = (format || short)(value);
    el.dataset.value = String(value);
    el.title = String(value);
  }

  function getJson(path) {
    return fetch(BASE + path, { cache: "no-store" }).then(function (r) {
      if (!r.ok) { throw new Error(path + ": HTTP " + r.status); }
      return r.json();
    });
  }

  function push(series, value) {
    series.push(value);
    if (series.length > HISTORY) { series.shift(); }
  }

  // /varz "now" is Go's RFC 3339 time with nanoseconds; Date.parse takes at most milliseconds. The server's clock,
  // not the browser's, times the rates: it is when the totals were read, whatever the fetch took to arrive.
  function serverMillis(v, fallback) {
    var t = Date.parse(String(v.now).replace(/(\.\d{3})\d*/, "$1"));
    return isNaN(t) ? fallback : t;
  }

  function renderVarz(v, fetchedAt) {
    var now = serverMillis(v, fetchedAt);
    $("server").textContent = v.server_name + " \u00b7 " + v.version + " \u00b7 " + v.host + ":" + v.port;
    show("connections", v.connections);
    show("total-connections", v.total_connections);
    show("in-msgs", v.in_msgs);
    show("out-msgs", v.out_msgs);
    show("in-bytes", v.in_bytes, bytes);
    show("out-bytes", v.out_bytes, bytes);
    show("subscriptions", v.subscriptions);
    show("slow-consumers", v.slow_consumers);
    show("cpu", v.cpu, function (c) { return c.toFixed(1) + "% cpu"; });
    show("mem", v.mem, bytes);
    $("uptime").textContent = v.uptime;
    if (previous) {
      var seconds = (now - previous.at) / 1000;
      if (seconds > 0) {
        var rate = function (key) { return Math.max(0, (v[key] - previous.varz[key]) / seconds); };
        push(history.inMsgs, rate("in_msgs"));
        push(history.outMsgs, rate("out_msgs"));
        push(history.inBytes, rate("in_bytes"));
        push(history.outBytes, rate("out_bytes"));
        show("in-msgs-rate", rate("in_msgs"));
        show("out-msgs-rate", rate("out_msgs"));
        show("in-bytes-rate", rate("in_bytes"), bytes);
        show("out-bytes-rate", rate("out_bytes"), bytes);
      }
    }
    previous = { varz: v, at: now };
    drawChart($("msgs-chart"), history.inMsgs, history.outMsgs, short);
    drawChart($("bytes-chart"), history.inBytes, history.outBytes, bytes);
  }

  // A line chart of two series on a canvas, scaled to the larger one; sized for the device's pixel ratio so the
  // lines stay sharp on high-density screens.
  function drawChart(canvas, inSeries, outSeries, format) {
    var ratio = window.devicePixelRatio || 1;
    var w = canvas.clientWidth || canvas.width;
    var h = canvas.clientHeight || canvas.height;
    if (canvas.width !== Math.round(w * ratio)) { canvas.width = Math.round(w * ratio); }
    if (canvas.height !== Math.round(h * ratio)) { canvas.height = Math.round(h * ratio); }
    var g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    var left = 56, right = 8, top = 8, bottom = 18;
    var max = Math.max(1, Math.max.apply(null, inSeries.concat(outSeries, [0])));
    var styles = getComputedStyle(document.documentElement);
    g.font = "11px system-ui, sans-serif";
    g.fillStyle = "#6b7384";
    g.strokeStyle = "#e6e8ec";
    g.lineWidth = 1;
    for (var i = 0; i <= 4; i++) {
      var y = top + (h - top - bottom) * i / 4;
      g.beginPath(); g.moveTo(left, y); g.lineTo(w - right, y); g.stroke();
      g.fillText(format(max * (4 - i) / 4), 4, y + 4);
    }
    g.fillText("-" + HISTORY + "s", left, h - 4);
    g.fillText("now", w - right - 22, h - 4);
    // "in" is drawn wider and first: with one subscriber per message both lines coincide, and "out" on top of a
    // wider "in" keeps both visible.
    var plotW = w - left - right, plotH = h - top - bottom;
    line(g, inSeries, styles.getPropertyValue("--in").trim(), 5, left, top, plotW, plotH, max);
    line(g, outSeries, styles.getPropertyValue("--out").trim(), 2, left, top, plotW, plotH, max);
  }

  function line(g, series, color, lineWidth, x0, y0, width, height, max) {
    if (series.length < 2) { return; }
    g.strokeStyle = color;
    g.lineWidth = lineWidth;
    g.beginPath();
    // The newest point sits at the right edge; older ones step left one poll at a time.
    var step = width / (HISTORY - 1);
    var start = x0 + width - step * (series.length - 1);
    series.forEach(function (v, i) {
      var x = start + step * i;
      var y = y0 + height - height * v / max;
      if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
    });
    g.stroke();
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
  }

  function fillTable(id, rows, columns, emptyText) {
    var body = $(id).tBodies[0];
    body.textContent = "";
    if (rows.length === 0) {
      var tr = body.insertRow();
      var td = document.createElement("td");
      td.colSpan = columns;
      td.className = "empty";
      td.textContent = emptyText;
      tr.appendChild(td);
    }
    rows.forEach(function (cells) {
      var tr = body.insertRow();
      cells.forEach(function (c) { cell(tr, c); });
    });
  }

  function renderConnz(c) {
    fillTable("top-connections", (c.connections || []).map(function (x) {
      return [x.cid, x.name || "", x.ip + ":" + x.port, x.subscriptions, short(x.in_msgs), short(x.out_msgs),
        bytes(x.in_bytes), bytes(x.out_bytes), bytes(x.pending_bytes)];
    }), 9, "no connections");
  }

  // /subsz lists subscriptions one by one; the table groups them by subject, largest groups first.
  function renderSubsz(s) {
    $("cache-hit").textContent = Math.round((s.cache_hit_rate || 0) * 100) + "%";
    var bySubject = {};
    (s.subscriptions_list || []).forEach(function (sub) {
      var e = bySubject[sub.subject] || (bySubject[sub.subject] = { subs: 0, queue: 0 });
      e.subs++;
      if (sub.qgroup) { e.queue++; }
    });
    var rows = Object.keys(bySubject).map(function (k) { return [k, bySubject[k].subs, bySubject[k].queue]; });
    rows.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    fillTable("top-subjects", rows.slice(0, 10), 3, "no subscriptions");
  }

  function poll() {
    var now = Date.now();
    Promise.all([getJson("varz"), getJson("connz?sort=msgs_to&limit=10"), getJson("subsz?subs=1")])
      .then(function (r) {
        renderVarz(r[0], now);
        renderConnz(r[1]);
        renderSubsz(r[2]);
        $("status").textContent = "updated " + new Date().toLocaleTimeString();
        $("status").className = "status";
      })
      .catch(function (e) {
        $("status").textContent = "not reachable: " + e.message;
        $("status").className = "status error";
      })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  poll();
})();
