'use strict';
// "This device" view: status over Server-Sent Events, controls, calibration, incidents; also the tab switching.
// Its top-level helpers ($, el, fmt, fmtTime, fetchJson, showResult, KINDS, PHASES) are shared with fleet.js, which loads after it.

const $ = (id) => document.getElementById(id);

async function fetchJson(url, body) {
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try { res = await fetch(url, init); } catch { throw new Error('cannot reach the device'); }
  let data = null;
  try { data = await res.json(); } catch { /* empty or not JSON */ }
  if (!res.ok) throw new Error((data && data.error) || `HTTP ${res.status} ${res.statusText}`.trim());
  return data;
}

function fmt(value, digits = 0, unit = '') {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return '–';
  return Number(value).toFixed(digits) + unit;
}

function fmtTime(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return String(iso ?? '');
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
}

function fmtUptime(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.floor(seconds), d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  return `${m} min ${s % 60} s`;
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

// --- views -------------------------------------------------------------------------------------------------------

function showView() {
  const fleet = location.hash === '#fleet';
  $('device-view').hidden = fleet;
  $('fleet-view').hidden = !fleet;
  $('tab-device').classList.toggle('active', !fleet);
  $('tab-fleet').classList.toggle('active', fleet);
  syncStream();
}
window.addEventListener('hashchange', showView);

// --- live view ---------------------------------------------------------------------------------------------------

const live = $('live-view');
let camera = null;            // last state.camera
let streaming = true;         // the <img> starts with its src set

// The MJPEG stream costs the device CPU: run it only while someone can see it.
function syncStream(forceReload = false) {
  const want = !$('device-view').hidden && !document.hidden && (camera === null || camera === 'online');
  if (want && (!streaming || forceReload)) {
    live.src = '/api/stream.mjpg?t=' + Date.now();   // cache-buster: a fresh connection, not a cached frame
  } else if (!want && streaming) {
    live.removeAttribute('src');
  }
  streaming = want;
}
document.addEventListener('visibilitychange', () => syncStream());
live.addEventListener('error', () => {
  if (streaming) setTimeout(() => { if (streaming) syncStream(true); }, 5000);
});

// --- status ------------------------------------------------------------------------------------------------------

function setBadge(id, text, kind) {
  const b = $(id);
  b.textContent = text;
  b.className = 'badge ' + kind;
}

function setConnection(up) {
  setBadge('connection', up ? 'live' : 'disconnected', up ? 'ok' : 'bad');
  $('device-view').classList.toggle('stale', !up);
}

let state = null;

function renderStatus(s) {
  if (!s || typeof s !== 'object') return;
  const st = s.state || {};
  state = st;
  $('device-id').textContent = s.device_id ?? '';
  $('version').textContent = s.version ? 'v' + s.version : '';
  document.title = s.device_id ? `EdgeMask – ${s.device_id}` : 'EdgeMask';
  setBadge('camera-badge', 'camera ' + (st.camera ?? '?'), { online: 'ok', starting: 'warn' }[st.camera] || 'bad');
  setBadge('mqtt-badge', 'MQTT ' + (s.mqtt ?? '?'), { connected: 'ok', disabled: '' }[s.mqtt] ?? 'warn');

  camera = st.camera ?? null;
  const online = camera === 'online';
  $('live').classList.toggle('offline', !online);
  $('camera-offline').hidden = online;
  $('camera-offline-title').textContent = camera === 'starting' ? 'Camera starting' : 'Camera offline';
  $('camera-detail').textContent = s.camera_detail ?? '';
  syncStream();   // stops the stream while offline, reconnects it when the camera is back

  // While the sentinel cannot see, the scene cards hold what it saw last: say so rather than show it as now.
  const seeing = online && st.detection_paused !== 'ON';
  for (const card of document.querySelectorAll('.card.scene')) {
    card.classList.toggle('stale', !seeing);
    card.title = seeing ? '' : 'as last seen: the camera is not online or detection is paused';
  }

  $('people-count').textContent = st.people_in_view ?? '–';
  for (const [id, card, value] of [['mask-violation', 'mask-card', st.mask_violation],
                                   ['distance-violation', 'distance-card', st.distance_violation]]) {
    $(id).textContent = value ?? '–';
    $(card).classList.toggle('alarm', value === 'ON');
  }
  const muted = st.buzzer_muted === 'ON', paused = st.detection_paused === 'ON';
  $('buzzer-state').textContent = muted ? 'muted' : 'on';
  $('detection-state').textContent = paused ? 'paused' : 'running';
  $('mute-button').textContent = muted ? 'Unmute buzzer' : 'Mute buzzer';
  $('pause-button').textContent = paused ? 'Resume detection' : 'Pause detection';
  $('mute-button').disabled = $('pause-button').disabled = false;
  $('min-confidence').placeholder = fmt(st.effective_min_confidence, 2);
  $('min-distance').placeholder = fmt(st.effective_min_distance_meters, 1);

  const lc = st.last_command;
  $('last-command').textContent = lc
    ? `Last command: ${lc.command || '(none)'} via ${lc.topic} at ${fmtTime(lc.at)}: ${lc.ok ? 'ok' : 'rejected: ' + (lc.error ?? '')}`
    : '';

  renderPeople(Array.isArray(s.people) ? s.people : []);
  renderStats(s.stats || {});
}

const VERDICTS = { mask: 'Mask', no_mask: 'No mask', worn_incorrectly: 'Worn incorrectly', uncertain: 'Uncertain' };

function renderPeople(people) {
  const body = $('people-table').tBodies[0];
  body.replaceChildren();
  if (!people.length) {
    const td = el('td', 'Nobody in view.', 'muted');
    td.colSpan = 5;
    body.appendChild(el('tr')).append(td);
    return;
  }
  for (const p of people) {
    const tr = el('tr', undefined, p.in_violation ? 'violation' : '');
    for (const text of [p.track_id, VERDICTS[p.verdict] ?? p.verdict, fmt(p.confidence, 2),
                        fmt(p.face_width_pixels), fmt(p.distance_meters, 2)]) {
      tr.append(el('td', String(text ?? '–')));
    }
    body.append(tr);
  }
}

const STATS = [
  ['Frames per second', (s) => `${fmt(s.camera_fps, 1)} camera / ${fmt(s.processed_fps, 1)} processed`],
  ['Detection', (s) => fmt(s.detection_ms, 1, ' ms')],
  ['Inference per face', (s) => fmt(s.inference_ms_per_face, 1, ' ms')],
  ['Dropped frames', (s) => `${fmt(s.frames_dropped)} of ${fmt(s.frames_captured)}`],
  ['CPU', (s) => fmt(s.process_cpu_percent, 1, ' %')],
  ['Memory (RSS)', (s) => fmt(s.process_rss_bytes / 1048576, 0, ' MiB')],
  ['CPU temperature', (s) => fmt(s.cpu_temperature_celsius, 1, ' °C')],
  ['Outbox', (s) => `${fmt(s.outbox_depth)} waiting (${fmt(s.outbox_bytes / 1024, 0, ' KiB')}), ${fmt(s.outbox_dropped)} dropped`],
  ['Uptime', (s) => fmtUptime(s.uptime_seconds)],
  ['MQTT reconnects', (s) => fmt(s.mqtt_reconnects)],
];
const statCells = STATS.map(([label]) => {
  const tr = $('stats').tBodies[0].insertRow();
  tr.append(el('th', label));
  return tr.appendChild(el('td', '–'));
});

function renderStats(stats) {
  STATS.forEach(([, f], i) => { statCells[i].textContent = f(stats); });
}

// --- incidents ---------------------------------------------------------------------------------------------------

const KINDS = { no_mask: 'No mask', too_close: 'Too close' };
const PHASES = { start: 'started', update: 'ongoing', end: 'ended' };
const incidentItems = new Map();   // incident_id -> { li, sig }: unchanged items keep their <img>

function renderIncidents(list) {
  if (!Array.isArray(list)) return;
  const ul = $('incidents');
  const seen = new Set();
  for (const inc of list) {
    if (!inc || !inc.incident_id || seen.has(inc.incident_id)) continue;   // newest first: keep the first per id
    seen.add(inc.incident_id);
    const sig = JSON.stringify(inc);
    let item = incidentItems.get(inc.incident_id);
    if (!item || item.sig !== sig) {
      const li = incidentItem(inc);
      if (item) item.li.replaceWith(li);
      item = { li, sig };
      incidentItems.set(inc.incident_id, item);
    }
    ul.append(item.li);   // moves it into list order
  }
  for (const [id, item] of incidentItems) {
    if (!seen.has(id)) { item.li.remove(); incidentItems.delete(id); }
  }
  $('incidents-empty').hidden = seen.size > 0;
}

function incidentItem(inc) {
  const li = el('li', undefined, `incident ${inc.kind} ${inc.phase}`);
  li.dataset.incidentId = inc.incident_id;
  const text = el('div');
  text.append(el('strong', KINDS[inc.kind] ?? inc.kind), ' ', el('span', PHASES[inc.phase] ?? inc.phase, 'phase'));
  const when = fmtTime(inc.started_at) + (inc.phase === 'end' ? ' – ' + fmtTime(inc.at) : '');
  const details = [when, `confidence ${fmt(inc.confidence, 2)}`];
  if (inc.distance !== null && inc.distance !== undefined) {
    details.push(`distance ${fmt(inc.distance, inc.distance_unit === 'px' ? 0 : 2)} ${inc.distance_unit ?? ''}`.trim());
  }
  if (Array.isArray(inc.track_ids) && inc.track_ids.length) details.push('tracks ' + inc.track_ids.join(', '));
  text.append(el('div', details.join(' · '), 'muted small'));
  li.append(text);
  if (inc.snapshot) {
    const href = `/api/snapshots/${encodeURIComponent(inc.snapshot)}.jpg`;
    const a = el('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener';
    const img = el('img', undefined, 'snapshot');
    img.loading = 'lazy';
    img.alt = 'Snapshot of the incident';
    img.addEventListener('error', () => { a.hidden = true; });   // retention may have dropped it
    img.src = href;
    a.append(img);
    li.append(a);
  }
  return li;
}

// --- events stream -----------------------------------------------------------------------------------------------

function connectEvents() {
  let source, wasDown = false;
  try {
    source = new EventSource('/api/events');
  } catch {
    setConnection(false);
    setTimeout(connectEvents, 5000);
    return;
  }
  source.addEventListener('open', () => {
    setConnection(true);
    if (wasDown) syncStream(true);   // the daemon may have restarted: the MJPEG connection is gone too
    wasDown = false;
  });
  source.addEventListener('error', () => {
    setConnection(false);
    wasDown = true;
    // EventSource retries by itself after network errors, but gives up for good on an HTTP error status.
    if (source.readyState === EventSource.CLOSED) setTimeout(connectEvents, 5000);
  });
  source.addEventListener('status', (e) => { try { renderStatus(JSON.parse(e.data)); } catch { /* ignore */ } });
  source.addEventListener('incidents', (e) => { try { renderIncidents(JSON.parse(e.data)); } catch { /* ignore */ } });
}

// --- controls ----------------------------------------------------------------------------------------------------

function showResult(id, kind, text) {
  $(id).textContent = text;
  $(id).className = 'result ' + kind;
}

async function sendCommand(body) {
  showResult('command-result', '', 'Sending…');
  try {
    const ack = await fetchJson('/api/commands', body);
    if (ack && ack.ok === false) throw new Error(ack.error || 'rejected');
    showResult('command-result', 'ok', `OK: ${Object.keys(body).join(', ')}`);
    return true;
  } catch (e) {
    showResult('command-result', 'bad', 'Error: ' + e.message);
    return false;
  } finally {
    fetchJson('/api/status').then(renderStatus, () => {});   // do not wait for the next SSE tick
  }
}

$('mute-button').addEventListener('click', () =>
  sendCommand({ buzzer_muted: state && state.buzzer_muted === 'ON' ? 'OFF' : 'ON' }));
$('pause-button').addEventListener('click', () =>
  sendCommand({ detection_paused: state && state.detection_paused === 'ON' ? 'OFF' : 'ON' }));

$('thresholds-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {};
  const conf = $('min-confidence').value.trim(), dist = $('min-distance').value.trim();
  if (conf !== '') body.min_confidence = Number(conf);
  if (dist !== '') body.min_distance_meters = Number(dist);
  if (!Object.keys(body).length) {
    showResult('command-result', 'bad', 'Enter a confidence or a distance first.');
    return;
  }
  if (await sendCommand(body)) $('min-confidence').value = $('min-distance').value = '';
});
$('reset-thresholds').addEventListener('click', () =>
  sendCommand({ min_confidence: 'reset', min_distance_meters: 'reset' }));

$('calibrate-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const distance = Number($('calibrate-distance').value);
  const seconds = 5;
  if (!(distance > 0)) {
    showResult('calibrate-result', 'bad', 'Enter the distance in metres.');
    return;
  }
  $('calibrate-button').disabled = true;
  showResult('calibrate-result', '', `Measuring for ${seconds} s… keep still, facing the camera.`);
  try {
    const r = await fetchJson('/api/calibrate', { distance_meters: distance, seconds });
    showResult('calibrate-result', 'ok',
      `Focal length ${fmt(r.focal_length_pixels, 1)} px (spread ${fmt(r.spread_pixels, 1)} px, ${r.samples} samples, ` +
      `median face width ${fmt(r.median_face_width_pixels, 1)} px). ` +
      (r.hint || `Set ${r.config_key} = ${fmt(r.focal_length_pixels, 1)}.`));
  } catch (err) {
    showResult('calibrate-result', 'bad', 'Error: ' + err.message);
  } finally {
    $('calibrate-button').disabled = false;
  }
});

// --- start -------------------------------------------------------------------------------------------------------

showView();
fetchJson('/api/status').then(renderStatus, () => setConnection(false));
fetchJson('/api/incidents').then(renderIncidents, () => {});
connectEvents();
