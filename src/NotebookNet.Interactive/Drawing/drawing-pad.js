// NotebookNet's drawing pad: a student draws a digit; the page turns it into a 28×28 input as MNIST's digits were
// made and runs the trained network on it, here, with the weights the output carries: no kernel, no network.
// preprocess() is NotebookNet.Drawing.DrawnDigit.Preprocess, the same arithmetic in the same order, so the page and
// the library give the same 784 values for the same strokes.
(function () {
  'use strict';
  if (window.NotebookNetPad) return;

  // DrawnDigit's Size, Box and PenRadius; the pad's side and the width of the ink shown on it, in canvas pixels.
  var SIZE = 28, BOX = 20, PEN_RADIUS = 1.2, CANVAS = 280, INK = 18;

  function squaredDistance(px, py, ax, ay, bx, by) {
    var vx = bx - ax, vy = by - ay;
    var length = vx * vx + vy * vy;
    var t = length > 0 ? Math.min(Math.max(((px - ax) * vx + (py - ay) * vy) / length, 0), 1) : 0;
    var dx = px - (ax + t * vx), dy = py - (ay + t * vy);
    return dx * dx + dy * dy;
  }

  // strokes: arrays of flat [x0, y0, x1, y1, …] point lists.
  function render(strokes, scale, offsetX, offsetY, pixels) {
    var reach = PEN_RADIUS + 0.5;
    for (var r = 0; r < SIZE; r++) {
      for (var c = 0; c < SIZE; c++) {
        var px = c + 0.5, py = r + 0.5, best = Infinity;
        for (var s = 0; s < strokes.length; s++) {
          var p = strokes[s], n = p.length / 2;
          if (n === 0) continue;
          for (var i = 0; i < Math.max(1, n - 1); i++) {
            var ax = p[2 * i] * scale + offsetX, ay = p[2 * i + 1] * scale + offsetY;
            var j = Math.min(i + 1, n - 1);
            best = Math.min(best, squaredDistance(px, py, ax, ay, p[2 * j] * scale + offsetX, p[2 * j + 1] * scale + offsetY));
          }
        }
        pixels[r * SIZE + c] = Math.min(Math.max(reach - Math.sqrt(best), 0), 1);
      }
    }
  }

  function preprocess(strokes) {
    var pixels = new Float64Array(SIZE * SIZE);
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    strokes.forEach(function (p) {
      for (var i = 0; i < p.length; i += 2) {
        minX = Math.min(minX, p[i]); maxX = Math.max(maxX, p[i]);
        minY = Math.min(minY, p[i + 1]); maxY = Math.max(maxY, p[i + 1]);
      }
    });
    if (minX === Infinity) return pixels;
    var extent = Math.max(maxX - minX, maxY - minY);
    var scale = extent > 0 ? (BOX - 2 * PEN_RADIUS) / extent : 1;
    var centreX = (minX + maxX) / 2, centreY = (minY + maxY) / 2, half = SIZE / 2;
    render(strokes, scale, half - centreX * scale, half - centreY * scale, pixels);
    var mass = 0, massX = 0, massY = 0;
    for (var r = 0; r < SIZE; r++)
      for (var c = 0; c < SIZE; c++) {
        var v = pixels[r * SIZE + c];
        mass += v; massX += v * (c + 0.5); massY += v * (r + 0.5);
      }
    if (mass === 0) return pixels;
    render(strokes, scale, half - centreX * scale + (half - massX / mass), half - centreY * scale + (half - massY / mass), pixels);
    return pixels;
  }

  // Little-endian IEEE numbers, as every browser stores typed arrays.
  function decode(base64, precision) {
    var text = atob(base64), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return precision === 'float32' ? new Float32Array(bytes.buffer) : new Float64Array(bytes.buffer);
  }

  // The network as NotebookNet.Interactive.Drawing.PadNetwork describes it; one sample, CHW order, as the library's columns.
  function Network(spec) {
    this.spec = spec;
    this.round = spec.precision === 'float32' ? Math.fround : function (v) { return v; };
    this.layers = spec.layers.map(function (l) {
      var copy = Object.assign({}, l);
      if (l.w) { copy.w = decode(l.w, spec.precision); copy.b = decode(l.b, spec.precision); }
      return copy;
    });
  }

  var ops = {
    // Cross-correlation, CHW; windows are clipped to the image instead of reading zero padding.
    conv: function (l, x) {
      var C = l.in[0], H = l.in[1], W = l.in[2], F = l.out[0], OH = l.out[1], OW = l.out[2], k = l.k;
      var w = l.w, b = l.b, stride = l.stride, pad = l.pad, y = new Float64Array(F * OH * OW);
      for (var f = 0; f < F; f++)
        for (var oy = 0; oy < OH; oy++) {
          var top = oy * stride - pad, i0 = Math.max(0, -top), i1 = Math.min(k, H - top);
          for (var ox = 0; ox < OW; ox++) {
            var left = ox * stride - pad, j0 = Math.max(0, -left), j1 = Math.min(k, W - left), s = b[f];
            for (var c = 0; c < C; c++)
              for (var i = i0; i < i1; i++) {
                var wRow = ((f * C + c) * k + i) * k, xRow = (c * H + top + i) * W + left;
                for (var j = j0; j < j1; j++) s += w[wRow + j] * x[xRow + j];
              }
            y[(f * OH + oy) * OW + ox] = s;
          }
        }
      return y;
    },
    maxpool: function (l, x) {
      var H = l.in[1], W = l.in[2], D = l.out[0], OH = l.out[1], OW = l.out[2];
      var y = new Float64Array(D * OH * OW);
      for (var d = 0; d < D; d++)
        for (var oy = 0; oy < OH; oy++)
          for (var ox = 0; ox < OW; ox++) {
            var m = -Infinity;
            for (var i = 0; i < l.size; i++)
              for (var j = 0; j < l.size; j++) m = Math.max(m, x[(d * H + oy * l.stride + i) * W + ox * l.stride + j]);
            y[(d * OH + oy) * OW + ox] = m;
          }
      return y;
    },
    dense: function (l, x) {
      var y = new Float64Array(l.out);
      for (var o = 0; o < l.out; o++) {
        var s = l.b[o], row = o * l.in;
        for (var i = 0; i < l.in; i++) s += l.w[row + i] * x[i];
        y[o] = s;
      }
      return y;
    },
    relu: function (l, x) { return x.map(function (v) { return Math.max(v, 0); }); },
    tanh: function (l, x) { return x.map(Math.tanh); },
    sigmoid: function (l, x) { return x.map(function (v) { return 1 / (1 + Math.exp(-v)); }); },
    softmax: function (l, x) { return softmax(x); },
    identity: function (l, x) { return x; }
  };

  function softmax(x) {
    var max = -Infinity, sum = 0, y = new Float64Array(x.length);
    for (var i = 0; i < x.length; i++) max = Math.max(max, x[i]);
    for (i = 0; i < x.length; i++) sum += y[i] = Math.exp(x[i] - max);
    for (i = 0; i < x.length; i++) y[i] /= sum;
    return y;
  }

  // Returns the ten scores the pad shows (probabilities, or the outputs themselves) and the first convolution's maps.
  Network.prototype.run = function (input) {
    var round = this.round, x = Float64Array.from(input, round), firstConv = null;
    this.layers.forEach(function (l) {
      x = ops[l.type](l, x).map(round);
      if (l.type === 'conv' && !firstConv) firstConv = { maps: x, shape: l.out };
    });
    return { scores: this.spec.scores === 'softmax' ? softmax(x) : x, firstConv: firstConv };
  };

  function argMax(values) {
    var best = 0;
    for (var i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
  }

  function element(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.style.cssText = style;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function paintGrey(canvas, values, size) {
    var ctx = canvas.getContext('2d'), image = ctx.createImageData(size, size);
    for (var i = 0; i < values.length; i++) {
      var g = Math.round(255 * values[i]);
      image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = g;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  // Blue < 0, white = 0, red > 0, each map scaled by its own largest |value| (as FeatureMaps.Show).
  function paintSigned(canvas, values, offset, height, width) {
    var ctx = canvas.getContext('2d'), image = ctx.createImageData(width, height), maxAbs = 0, i;
    for (i = 0; i < height * width; i++) maxAbs = Math.max(maxAbs, Math.abs(values[offset + i]));
    for (i = 0; i < height * width; i++) {
      var t = maxAbs === 0 ? 0 : values[offset + i] / maxAbs, a = Math.abs(t);
      var end = t < 0 ? [0x21, 0x66, 0xAC] : [0xB2, 0x18, 0x2B];
      for (var ch = 0; ch < 3; ch++) image.data[4 * i + ch] = Math.round(255 + (end[ch] - 255) * a);
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  function mount(root, spec) {
    var network = new Network(spec), strokes = [], current = null, pending = false;
    root.textContent = '';
    var layout = element('div', 'display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start');
    root.appendChild(layout);

    var left = element('div');
    var pad = element('canvas', 'box-sizing:content-box;max-width:none;width:' + CANVAS + 'px;height:' + CANVAS + 'px;touch-action:none;cursor:crosshair;border:1px solid #888;background:#000;display:block');
    pad.width = pad.height = CANVAS;
    pad.setAttribute('aria-label', 'Dibuja aquí un dígito');
    var buttons = element('div', 'margin-top:6px;display:flex;gap:6px');
    var clear = element('button', '', 'Borrar'), copy = element('button', '', 'Copiar trazos');
    buttons.appendChild(clear); buttons.appendChild(copy);
    var saved = element('textarea', 'display:none;width:' + CANVAS + 'px;height:48px;margin-top:6px;font-size:10px');
    saved.readOnly = true;
    left.appendChild(element('div', 'margin-bottom:4px', 'Dibuja un dígito con el ratón, el dedo o el lápiz:'));
    left.appendChild(pad); left.appendChild(buttons); left.appendChild(saved);
    layout.appendChild(left);

    var middle = element('div');
    middle.appendChild(element('div', 'margin-bottom:4px', 'Entrada de la red (28×28):'));
    var input = element('canvas', 'box-sizing:content-box;width:140px;height:140px;image-rendering:pixelated;border:1px solid #888;display:block');
    input.width = input.height = SIZE;
    middle.appendChild(input);
    var verdict = element('div', 'margin-top:10px;font-size:18px;font-weight:600', 'Predicción: —');
    middle.appendChild(verdict);
    layout.appendChild(middle);

    var right = element('div');
    right.appendChild(element('div', 'margin-bottom:4px', spec.scores === 'output'
      ? 'Salidas de la red (' + spec.outputName + ': no son probabilidades)'
      : 'Probabilidades de cada dígito:'));
    var bars = [];
    for (var d = 0; d < 10; d++) {
      var row = element('div', 'display:flex;align-items:center;gap:6px;height:20px;font-family:monospace');
      var label = element('span', 'width:12px', String(d));
      var track = element('div', 'width:200px;height:14px;background:#eee');
      var bar = element('div', 'height:14px;width:0;background:#7f9fbf');
      var value = element('span', 'width:64px;text-align:right');
      track.appendChild(bar); row.appendChild(label); row.appendChild(track); row.appendChild(value);
      right.appendChild(row);
      bars.push({ row: row, bar: bar, value: value });
    }
    layout.appendChild(right);

    var mapsTitle = element('div', 'margin:10px 0 4px;display:none', 'Mapas de características de la primera convolución (azul < 0 · blanco = 0 · rojo > 0):');
    var maps = element('div', 'display:flex;flex-wrap:wrap;gap:6px');
    root.appendChild(mapsTitle); root.appendChild(maps);
    var mapCanvases = [];

    var ctx = pad.getContext('2d');
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.lineWidth = INK;
    ctx.strokeStyle = ctx.fillStyle = '#fff';

    var state = { strokes: strokes, input: new Float64Array(SIZE * SIZE), scores: null, winner: -1, network: network };

    function update() {
      var pixels = preprocess(strokes);
      state.input = pixels;
      paintGrey(input, pixels, SIZE);
      if (strokes.length === 0) {
        state.scores = null; state.winner = -1;
        verdict.textContent = 'Predicción: —';
        root.setAttribute('data-winner', '');
        bars.forEach(function (b) { b.bar.style.width = '0'; b.value.textContent = ''; b.row.style.fontWeight = ''; });
        mapsTitle.style.display = 'none'; maps.textContent = ''; mapCanvases = [];
        return;
      }
      var result = network.run(pixels), winner = argMax(result.scores);
      state.scores = result.scores; state.winner = winner;
      verdict.textContent = 'Predicción: ' + winner;
      root.setAttribute('data-winner', String(winner));
      var top = Math.max.apply(null, Array.from(result.scores, Math.abs)) || 1;
      bars.forEach(function (b, i) {
        var v = result.scores[i];
        b.bar.style.width = (200 * Math.max(v, 0) / (spec.scores === 'output' ? top : 1)).toFixed(1) + 'px';
        b.bar.style.background = i === winner ? '#d62728' : '#7f9fbf';
        b.row.style.fontWeight = i === winner ? '700' : '';
        b.value.textContent = spec.scores === 'output' ? v.toFixed(3) : (100 * v).toFixed(1) + ' %';
      });
      if (result.firstConv) {
        var shape = result.firstConv.shape, scale = Math.max(2, Math.floor(84 / shape[1]));
        if (mapCanvases.length !== shape[0]) {
          maps.textContent = '';
          mapCanvases = [];
          for (var f = 0; f < shape[0]; f++) {
            var c = element('canvas', 'box-sizing:content-box;width:' + shape[2] * scale + 'px;height:' + shape[1] * scale + 'px;image-rendering:pixelated;border:1px solid #ccc');
            c.width = shape[2]; c.height = shape[1];
            maps.appendChild(c); mapCanvases.push(c);
          }
        }
        mapsTitle.style.display = '';
        mapCanvases.forEach(function (c, f) { paintSigned(c, result.firstConv.maps, f * shape[1] * shape[2], shape[1], shape[2]); });
      }
    }

    function schedule() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; update(); });
    }

    // From the page to the canvas' own pixels: inside its border, scaled if CSS shows it at another size.
    function point(e) {
      var rect = pad.getBoundingClientRect();
      return [(e.clientX - rect.left - pad.clientLeft) * (pad.width / pad.clientWidth),
              (e.clientY - rect.top - pad.clientTop) * (pad.height / pad.clientHeight)];
    }

    pad.addEventListener('pointerdown', function (e) {
      e.preventDefault();
      try { pad.setPointerCapture(e.pointerId); } catch (ignored) { /* a synthetic pointer cannot be captured */ }
      var p = point(e);
      current = [p[0], p[1]];
      strokes.push(current);
      ctx.beginPath(); ctx.arc(p[0], p[1], INK / 2, 0, 2 * Math.PI); ctx.fill();
      schedule();
    });
    pad.addEventListener('pointermove', function (e) {
      if (!current) return;
      e.preventDefault();
      var p = point(e), n = current.length;
      if (p[0] === current[n - 2] && p[1] === current[n - 1]) return;
      ctx.beginPath(); ctx.moveTo(current[n - 2], current[n - 1]); ctx.lineTo(p[0], p[1]); ctx.stroke();
      current.push(p[0], p[1]);
      schedule();
    });
    function end() {
      if (!current) return;
      current = null;
      update();
    }
    pad.addEventListener('pointerup', end);
    pad.addEventListener('pointercancel', end);

    clear.addEventListener('click', function () {
      strokes.length = 0; current = null;
      ctx.clearRect(0, 0, CANVAS, CANVAS);
      saved.style.display = 'none';
      update();
    });
    copy.addEventListener('click', function () {
      saved.value = JSON.stringify(strokes);
      saved.style.display = 'block';
      saved.select();
      if (navigator.clipboard) navigator.clipboard.writeText(saved.value).catch(function () { /* the text stays selectable */ });
    });

    state.predict = function (pixels) { return network.run(pixels).scores; };
    state.clear = function () { clear.click(); };
    root.notebookNetPad = state;
    update();
  }

  window.NotebookNetPad = { preprocess: preprocess, Network: Network, mount: mount };
})();
