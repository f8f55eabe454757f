// Chart downloads, shared by the HTML report (inline, allowed by its hash in the page's
// Content-Security-Policy) and the dashboard (served ahead of app.js). A chart box is any element
// with a data-chart attribute (the file name, without extension) holding one SVG element and
// buttons whose data-download attribute is "svg" or "png". A click saves that chart as a file that stands alone: the SVG with the
// styles the page's stylesheet gives each element written on the element itself, or a PNG of it
// drawn at twice its size on a white canvas. Nothing is fetched or sent; with scripts disabled
// the buttons do nothing. It reads only the chart's own elements and writes no page content.
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  // What the page's stylesheet may set on a chart's elements and a drawing needs.
  var PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity',
    'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];

  function size(svg) {
    var w = parseFloat(svg.getAttribute('width'));
    var h = parseFloat(svg.getAttribute('height'));
    var vb = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
    if (!(w > 0) && vb.length === 4) w = vb[2];
    if (!(h > 0) && vb.length === 4) h = vb[3];
    if (!(w > 0) || !(h > 0)) {
      var r = svg.getBoundingClientRect();
      w = r.width; h = r.height;
    }
    return [w, h];
  }

  // The chart as an SVG document of its own: computed styles set through the CSSOM (allowed
  // under a CSP without 'unsafe-inline'), the namespace and the size written on the root.
  function standalone(svg) {
    var copy = svg.cloneNode(true);
    var from = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll('*')));
    var to = [copy].concat(Array.prototype.slice.call(copy.querySelectorAll('*')));
    for (var i = 0; i < from.length && i < to.length; i++) {
      var cs = window.getComputedStyle(from[i]);
      // The root carries every property; an element below it only what differs from its parent
      // (all but opacity are inherited), which keeps the file small.
      var up = i > 0 ? window.getComputedStyle(from[i].parentNode) : null;
      for (var j = 0; j < PROPS.length; j++) {
        var p = PROPS[j];
        var v = cs.getPropertyValue(p);
        var same = up && (p === 'opacity' ? v === '1' : v === up.getPropertyValue(p));
        if (v && !same) to[i].style.setProperty(p, v);
      }
    }
    var wh = size(svg);
    copy.setAttribute('xmlns', SVG_NS);
    copy.setAttribute('width', String(wh[0]));
    copy.setAttribute('height', String(wh[1]));
    if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', '0 0 ' + wh[0] + ' ' + wh[1]);
    copy.style.setProperty('background', '#fff');
    var text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
    return { text: text, width: wh[0], height: wh[1] };
  }

  function save(name, blob) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.download = name;
    a.href = url;
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function png(s, name) {
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = Math.ceil(s.width * 2);
      canvas.height = Math.ceil(s.height * 2);
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0, s.width, s.height);
      canvas.toBlob(function (blob) { if (blob) save(name + '.png', blob); }, 'image/png');
    };
    // A data: address, not a blob: one, so the report's CSP (img-src data:) lets it load.
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(s.text);
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    var button = t && t.closest ? t.closest('[data-download]') : null;
    if (!button) return;
    var box = button.closest('[data-chart]');
    var svg = box ? box.querySelector('svg') : null;
    if (!svg) return;
    e.preventDefault();
    var name = box.getAttribute('data-chart') || 'chart';
    var s = standalone(svg);
    if (button.getAttribute('data-download') === 'png') {
      png(s, name);
    } else {
      save(name + '.svg', new Blob([s.text], { type: 'image/svg+xml' }));
    }
  });
})();
