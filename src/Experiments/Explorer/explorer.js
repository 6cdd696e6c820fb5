// MusicCluster explorer: a canvas scatter of every track per representation and map, written for 100k points:
// typed arrays decoded once per map, points drawn in one path per colour, and hit testing through a uniform grid.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('explorer-data').textContent);
  const n = data.tracks;
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
    '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5'];
  const NOISE = '#b0b0b0', DIM = '#e4e4e4';
  const PICK_RADIUS = 8;

  const $ = id => document.getElementById(id);
  const canvas = $('canvas'), ctx = canvas.getContext('2d');
  const repSelect = $('rep'), mapSelect = $('map'), colourSelect = $('colour'), search = $('search');
  const tooltip = $('tooltip'), statusEl = $('status'), legend = $('legend'), audio = $('audio'), playing = $('playing');

  function bytes(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  const labelSets = data.labelSets.map(s => ({ name: s.name, classes: s.classes, codes: new Uint16Array(bytes(s.codes)) }));
  const reps = data.reps.map(r => ({ task: r.task, name: r.name, algorithm: r.algorithm, summary: r.summary,
    clusters: new Int32Array(bytes(r.clusters)), raw: { tsne: r.tsne, pca: r.pca }, maps: {} }));
  const searchText = new Array(n);
  for (let i = 0; i < n; i++)
    searchText[i] = [data.ids[i], data.files[i], data.lyric[i], ...labelSets.map(s => s.classes[s.codes[i]])].join('\u0001').toLowerCase();

  // A map decoded to world coordinates, with its bounds and a grid of point indices for picking.
  function map(rep, which) {
    if (rep.maps[which]) return rep.maps[which];
    const m = rep.raw[which], q = new Uint16Array(bytes(m.q)), xy = new Float32Array(2 * n);
    const sx = (m.max[0] - m.min[0]) / 65535, sy = (m.max[1] - m.min[1]) / 65535;
    for (let i = 0; i < n; i++) { xy[2 * i] = m.min[0] + q[2 * i] * sx; xy[2 * i + 1] = m.min[1] + q[2 * i + 1] * sy; }
    const g = Math.max(1, Math.ceil(Math.sqrt(n / 3)));
    const w = (m.max[0] - m.min[0]) || 1, h = (m.max[1] - m.min[1]) || 1;
    const cell = new Int32Array(n), start = new Int32Array(g * g + 1), items = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const cx = Math.min(g - 1, Math.floor((xy[2 * i] - m.min[0]) / w * g));
      const cy = Math.min(g - 1, Math.floor((xy[2 * i + 1] - m.min[1]) / h * g));
      cell[i] = cy * g + cx;
      start[cell[i] + 1]++;
    }
    for (let c = 0; c < g * g; c++) start[c + 1] += start[c];
    const fill = start.slice(0, g * g);
    for (let i = 0; i < n; i++) items[fill[cell[i]]++] = i;
    return (rep.maps[which] = { xy, min: m.min, max: m.max, g, w, h, start, items });
  }

  const state = { rep: 0, map: 'tsne', colour: 'cluster', scale: 1, tx: 0, ty: 0, hover: -1, focus: null, match: null, drawn: 0, ms: 0 };
  let colourIndex = new Int32Array(n), groups = [];

  function current() { return reps.length ? map(reps[state.rep], state.map) : null; }

  // Palette index per point (-1: noise) and the points grouped by colour, so a frame sets each fill colour once.
  function recolour() {
    const rep = reps[state.rep];
    const set = labelSets.find(s => s.name === state.colour);
    for (let i = 0; i < n; i++) {
      const c = set ? set.codes[i] : rep ? rep.clusters[i] : 0;
      colourIndex[i] = c < 0 ? -1 : c % PALETTE.length;
    }
    const byColour = new Map();
    for (let i = 0; i < n; i++) {
      const c = colourIndex[i];
      if (!byColour.has(c)) byColour.set(c, []);
      byColour.get(c).push(i);
    }
    groups = [...byColour.entries()].sort((a, b) => b[1].length - a[1].length).map(([c, list]) => ({ colour: c < 0 ? NOISE : PALETTE[c], items: Int32Array.from(list) }));
  }

  function colourOf(i) { return colourIndex[i] < 0 ? NOISE : PALETTE[colourIndex[i]]; }

  function visible(i) {
    if (state.match && !state.match[i]) return false;
    if (state.focus !== null && reps[state.rep].clusters[i] !== state.focus) return false;
    return true;
  }

  function fit() {
    const m = current();
    const W = canvas.clientWidth, H = canvas.clientHeight;
    if (!m) return;
    const w = m.max[0] - m.min[0] || 1, h = m.max[1] - m.min[1] || 1;
    state.scale = 0.9 * Math.min(W / w, (H - 24) / h);
    state.tx = W / 2 - (m.min[0] + w / 2) * state.scale;
    state.ty = (H - 24) / 2 + 6 + (m.min[1] + h / 2) * state.scale;
  }

  function resize() {
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(canvas.clientWidth * dpr));
    canvas.height = Math.max(1, Math.round(canvas.clientHeight * dpr));
  }

  let pending = false;
  function redraw() { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); } }

  function draw() {
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1, W = canvas.clientWidth, H = canvas.clientHeight;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const m = current();
    let drawn = 0;
    if (m) {
      const xy = m.xy, s = state.scale, tx = state.tx, ty = state.ty;
      const r = n > 20000 ? 1.2 : n > 2000 ? 2 : 3.5, d = 2 * r;
      const filtered = state.match !== null || state.focus !== null;
      if (filtered) {
        ctx.fillStyle = DIM;
        ctx.beginPath();
        for (let i = 0; i < n; i++) {
          if (visible(i)) continue;
          const x = xy[2 * i] * s + tx, y = ty - xy[2 * i + 1] * s;
          if (x < -d || y < -d || x > W + d || y > H + d) continue;
          ctx.rect(x - r, y - r, d, d);
          drawn++;
        }
        ctx.fill();
      }
      for (const g of groups) {
        ctx.fillStyle = g.colour;
        ctx.beginPath();
        const items = g.items;
        for (let k = 0; k < items.length; k++) {
          const i = items[k];
          if (filtered && !visible(i)) continue;
          const x = xy[2 * i] * s + tx, y = ty - xy[2 * i + 1] * s;
          if (x < -d || y < -d || x > W + d || y > H + d) continue;
          if (n <= 20000) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); } else ctx.rect(x - r, y - r, d, d);
          drawn++;
        }
        ctx.fill();
      }
      if (state.hover >= 0) {
        const i = state.hover, x = xy[2 * i] * s + tx, y = ty - xy[2 * i + 1] * s;
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    state.drawn = drawn;
    state.ms = performance.now() - t0;
  }

  // Nearest visible point within PICK_RADIUS pixels of (px, py), or -1, looking only at the grid cells the radius touches.
  function pick(px, py) {
    const m = current();
    if (!m) return -1;
    const s = state.scale, wx = (px - state.tx) / s, wy = (state.ty - py) / s, rw = PICK_RADIUS / s;
    const g = m.g;
    const cx0 = Math.max(0, Math.floor((wx - rw - m.min[0]) / m.w * g)), cx1 = Math.min(g - 1, Math.floor((wx + rw - m.min[0]) / m.w * g));
    const cy0 = Math.max(0, Math.floor((wy - rw - m.min[1]) / m.h * g)), cy1 = Math.min(g - 1, Math.floor((wy + rw - m.min[1]) / m.h * g));
    let best = -1, bestD = rw * rw;
    for (let cy = cy0; cy <= cy1; cy++)
      for (let cx = cx0; cx <= cx1; cx++) {
        const c = cy * g + cx;
        for (let k = m.start[c]; k < m.start[c + 1]; k++) {
          const i = m.items[k];
          const dx = m.xy[2 * i] - wx, dy = m.xy[2 * i + 1] - wy, dd = dx * dx + dy * dy;
          if (dd <= bestD && visible(i)) { bestD = dd; best = i; }
        }
      }
    return best;
  }

  function clusterName(c) { return c < 0 ? 'noise' : 'cluster ' + c; }

  function describe(i) {
    const rep = reps[state.rep];
    const el = document.createElement('div');
    const add = (tag, text, cls) => { const e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; el.appendChild(e); return e; };
    add('b', data.ids[i]);
    add('div', data.files[i]);
    if (labelSets.length) add('div', labelSets.map(s => s.name + ': ' + s.classes[s.codes[i]]).join(' · '));
    if (rep) add('div', clusterName(rep.clusters[i]) + ' (' + rep.name + ', ' + rep.algorithm + ')');
    if (data.lyric[i]) add('div', '“' + data.lyric[i] + '”', 'lyric');
    return el;
  }

  function showTooltip(i, px, py) {
    if (i < 0) { tooltip.hidden = true; tooltip.replaceChildren(); return; }
    tooltip.replaceChildren(describe(i));
    tooltip.hidden = false;
    const W = canvas.clientWidth, H = canvas.clientHeight;
    const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    tooltip.style.left = Math.min(px + 14, W - w - 4) + 'px';
    tooltip.style.top = (py + 14 + h > H ? py - h - 10 : py + 14) + 'px';
  }

  function play(i) {
    audio.src = data.audio[i];
    playing.textContent = 'playing ' + data.ids[i] + ' — ' + data.files[i];
    const p = audio.play();
    if (p && p.catch) p.catch(() => { playing.textContent = 'cannot play ' + data.files[i] + ' in this browser'; });
  }

  function renderLegend() {
    legend.replaceChildren();
    const rep = reps[state.rep];
    const set = labelSets.find(s => s.name === state.colour);
    $('legend-title').textContent = set ? set.name + ' (colours) — clusters below' : 'clusters of ' + (rep ? rep.name + ' (' + rep.algorithm + ')' : '—');
    if (set) {
      const counts = new Array(set.classes.length).fill(0);
      for (let i = 0; i < n; i++) counts[set.codes[i]]++;
      set.classes.forEach((c, k) => {
        const li = document.createElement('li');
        li.innerHTML = '<span class="sw"></span>';
        li.firstChild.style.background = PALETTE[k % PALETTE.length];
        li.appendChild(document.createTextNode(c + ' — ' + counts[k] + ' tracks'));
        legend.appendChild(li);
      });
    }
    if (!rep) return;
    for (const c of rep.summary) {
      const li = document.createElement('li');
      li.dataset.cluster = c.cluster;
      if (state.focus === c.cluster) li.className = 'focus';
      const sw = document.createElement('span');
      sw.className = 'sw';
      sw.style.background = set ? 'transparent' : c.cluster < 0 ? NOISE : PALETTE[c.cluster % PALETTE.length];
      li.appendChild(sw);
      const title = document.createElement('b');
      title.textContent = clusterName(c.cluster) + ' — ' + c.size + ' tracks';
      li.appendChild(title);
      for (const s of labelSets) {
        const top = (c.top[s.name] || []).map(([label, count]) => label + ' ' + Math.round(100 * count / c.size) + '%').join(', ');
        const d = document.createElement('div');
        d.className = 'detail';
        d.textContent = s.name + ': ' + top + ' · purity ' + (c.purity[s.name] ?? 0).toFixed(2);
        li.appendChild(d);
      }
      li.addEventListener('click', () => { state.focus = state.focus === c.cluster ? null : c.cluster; renderLegend(); updateStatus(); redraw(); });
      legend.appendChild(li);
    }
  }

  function updateStatus() {
    let shown = n;
    if (state.match || state.focus !== null) { shown = 0; for (let i = 0; i < n; i++) if (visible(i)) shown++; }
    statusEl.textContent = (shown === n ? n + ' tracks' : shown + ' of ' + n + ' tracks shown') + (reps.length ? '' : ' — no results yet');
  }

  // Controls.
  reps.forEach((r, k) => repSelect.add(new Option(r.task + ' — ' + r.name + ' (' + r.algorithm + ')', String(k))));
  colourSelect.add(new Option('cluster', 'cluster'));
  labelSets.forEach(s => colourSelect.add(new Option(s.name, s.name)));
  repSelect.addEventListener('change', () => { state.rep = +repSelect.value; state.focus = null; state.hover = -1; showTooltip(-1); recolour(); fit(); renderLegend(); updateStatus(); redraw(); });
  mapSelect.addEventListener('change', () => { state.map = mapSelect.value; state.hover = -1; showTooltip(-1); fit(); redraw(); });
  colourSelect.addEventListener('change', () => { state.colour = colourSelect.value; recolour(); renderLegend(); redraw(); });
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    if (!q) state.match = null;
    else { state.match = new Uint8Array(n); for (let i = 0; i < n; i++) state.match[i] = searchText[i].includes(q) ? 1 : 0; }
    state.hover = -1;
    showTooltip(-1);
    updateStatus();
    redraw();
  });

  // Mouse: wheel zooms about the cursor, drag pans, a click without drag plays the point under the cursor.
  let drag = null;
  const local = e => { const b = canvas.getBoundingClientRect(); return [e.clientX - b.left, e.clientY - b.top]; };
  canvas.addEventListener('wheel', e => {
    e.preventDefault();
    const [px, py] = local(e), f = Math.exp(-e.deltaY * 0.0015);
    state.tx = px - (px - state.tx) * f;
    state.ty = py - (py - state.ty) * f;
    state.scale *= f;
    state.hover = -1;
    showTooltip(-1);
    redraw();
  }, { passive: false });
  canvas.addEventListener('mousedown', e => { const [px, py] = local(e); drag = { px, py, tx: state.tx, ty: state.ty, moved: false }; });
  window.addEventListener('mousemove', e => {
    const [px, py] = local(e);
    if (drag && (e.buttons & 1)) {
      if (Math.abs(px - drag.px) + Math.abs(py - drag.py) > 3) drag.moved = true;
      state.tx = drag.tx + px - drag.px;
      state.ty = drag.ty + py - drag.py;
      showTooltip(-1);
      redraw();
      return;
    }
    if (e.target !== canvas) return;
    const i = pick(px, py);
    if (i !== state.hover) { state.hover = i; redraw(); }
    showTooltip(i, px, py);
  });
  canvas.addEventListener('mouseleave', () => { if (!drag) { state.hover = -1; showTooltip(-1); redraw(); } });
  window.addEventListener('mouseup', e => {
    if (drag && !drag.moved && e.target === canvas) {
      const [px, py] = local(e);
      const i = pick(px, py);
      if (i >= 0) play(i);
    }
    drag = null;
  });
  canvas.addEventListener('dblclick', () => { fit(); state.hover = -1; showTooltip(-1); redraw(); });
  // The canvas follows its box (window size, a header that wraps): keep the pixel buffer and the fitted view in step.
  let box = [canvas.clientWidth, canvas.clientHeight];
  new ResizeObserver(() => {
    if (box[0] === canvas.clientWidth && box[1] === canvas.clientHeight) return;
    box = [canvas.clientWidth, canvas.clientHeight];
    resize(); fit(); draw();
  }).observe(canvas);

  recolour();
  renderLegend();
  updateStatus();
  resize();
  fit();
  draw();

  // Read-only hooks for tests and for scripting the page from the console.
  window.explorer = Object.freeze({
    trackCount: () => n,
    drawnCount: () => state.drawn,
    lastFrameMs: () => state.ms,
    representations: () => reps.map(r => r.task + '/' + r.name),
    representation: () => reps.length ? reps[state.rep].task + '/' + reps[state.rep].name : null,
    colourMode: () => state.colour,
    colourOf: i => colourOf(i),
    hovered: () => state.hover,
    indexOf: id => data.ids.indexOf(id),
    screenPosition: i => {
      const m = current(), b = canvas.getBoundingClientRect();
      return { x: b.left + m.xy[2 * i] * state.scale + state.tx, y: b.top + state.ty - m.xy[2 * i + 1] * state.scale };
    },
  });
})();
