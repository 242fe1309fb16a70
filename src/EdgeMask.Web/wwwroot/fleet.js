'use strict';
// "Fleet" view: every device under one topic root, read from an MQTT broker over WebSocket with MQTT.js.
// Uses the helpers of app.js ($, el, fmt, fmtTime, fetchJson, showResult, KINDS, PHASES).
(() => {
  const URL_KEY = 'edgemask.fleet.url';
  const DEFAULT_ROOT = 'edgemask';
  const fallbackUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') +
    (location.hostname || 'localhost') + ':9001/mqtt';

  let client = null;
  let generation = 0;            // a newer Connect or Disconnect invalidates older attempts
  let mqttLoading = null;
  const devices = new Map();     // device id -> { availability, state, stats, event, row }

  const setStatus = (text, kind = '') => showResult('fleet-status', kind, text);

  // MQTT.js (340 kB) is only fetched when the fleet is actually used.
  function loadMqtt() {
    if (window.mqtt) return Promise.resolve(window.mqtt);
    mqttLoading ??= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/vendor/mqtt.min.js';
      script.addEventListener('load', () => (window.mqtt ? resolve(window.mqtt) : reject(new Error('MQTT.js did not load'))));
      script.addEventListener('error', () => {
        mqttLoading = null;
        script.remove();
        reject(new Error('cannot load /vendor/mqtt.min.js'));
      });
      document.head.append(script);
    });
    return mqttLoading;
  }

  function stored() {
    try { return localStorage.getItem(URL_KEY) || ''; } catch { return ''; }
  }

  // --- form defaults: remembered URL, else the daemon's own broker, else this host on port 9001 ------------------

  $('fleet-url').value = stored() || fallbackUrl;
  $('fleet-root').value = DEFAULT_ROOT;
  fetchJson('/api/fleet').then((f) => {
    // Only replace values the user has not changed meanwhile.
    if (f && f.websocket_url && $('fleet-url').value === fallbackUrl && !stored()) {
      $('fleet-url').value = reachable(f.websocket_url);
    }
    if (f && f.topic_root && $('fleet-root').value === DEFAULT_ROOT) $('fleet-root').value = f.topic_root;
  }, () => {});

  // A broker bound to every interface reports 0.0.0.0, which a browser cannot dial: use the page's host instead.
  function reachable(url) {
    try {
      const u = new URL(url);
      if ((u.hostname === '0.0.0.0' || u.hostname === '[::]') && location.hostname) u.hostname = location.hostname;
      return u.href;
    } catch {
      return url;
    }
  }

  // --- connection ------------------------------------------------------------------------------------------------

  function disconnect() {
    generation++;
    if (client) client.end(true);
    client = null;
    $('fleet-disconnect').disabled = true;
  }

  async function connect() {
    disconnect();
    const gen = generation;
    const url = $('fleet-url').value.trim();
    const root = $('fleet-root').value.trim().replace(/\/+$/, '') || DEFAULT_ROOT;
    if (!url) { setStatus('Enter the broker WebSocket URL.', 'bad'); return; }
    try { localStorage.setItem(URL_KEY, url); } catch { /* private mode: not remembered */ }

    setStatus('Loading MQTT.js…');
    let lib;
    try { lib = await loadMqtt(); } catch (e) { setStatus('Error: ' + e.message, 'bad'); return; }
    if (gen !== generation) return;

    for (const id of [...devices.keys()]) removeDevice(id);   // a new broker or root: start from its retained state
    const options = {
      clientId: 'edgemask-dashboard-' + Math.random().toString(16).slice(2, 10),
      clean: true,
      connectTimeout: 10000,
      reconnectPeriod: 5000,
      resubscribe: false,   // subscribed again on every 'connect' below
      // MQTT.js's default timers run in a Worker made from a blob: URL, which the page's CSP (script-src 'self') forbids.
      timerVariant: 'native',
    };
    const username = $('fleet-username').value;
    if (username) {
      options.username = username;
      options.password = $('fleet-password').value;
    }
    let c;
    try { c = lib.connect(url, options); } catch (e) { setStatus('Error: ' + e.message, 'bad'); return; }
    client = c;
    $('fleet-disconnect').disabled = false;
    setStatus(`Connecting to ${url}…`, 'warn');

    let lastError = '';
    let connected = false;
    const current = () => client === c;
    c.on('connect', () => {
      if (!current()) return;
      lastError = '';
      connected = true;
      setStatus(`Connected to ${url}.`, 'ok');
      const topics = ['availability', 'state', 'stats', 'events'].map((t) => `${root}/+/${t}`);
      c.subscribe(topics, { qos: 0 }, (err) => {
        if (err && current()) setStatus('Subscribe failed: ' + err.message, 'bad');
      });
    });
    c.on('reconnect', () => {
      if (current()) setStatus(`Reconnecting to ${url}…` + (lastError ? ` (last error: ${lastError})` : ''), 'warn');
    });
    c.on('close', () => {
      const why = lastError ? ` (${lastError})` : '';
      if (current()) setStatus((connected ? `Connection to ${url} lost` : `Cannot connect to ${url}`) + why + '; retrying…', 'bad');
      connected = false;
    });
    c.on('error', (e) => {
      lastError = e && e.message ? e.message : String(e);
      if (current()) setStatus('Error: ' + lastError, 'bad');
    });
    c.on('message', (topic, payload) => { if (current()) onMessage(root, topic, payload); });
  }

  $('fleet-form').addEventListener('submit', (e) => { e.preventDefault(); connect(); });
  $('fleet-disconnect').addEventListener('click', () => { disconnect(); setStatus('Not connected.'); });

  // --- messages --------------------------------------------------------------------------------------------------

  const decoder = new TextDecoder();

  function onMessage(root, topic, payload) {
    if (!topic.startsWith(root + '/')) return;
    const parts = topic.slice(root.length + 1).split('/');
    if (parts.length !== 2 || !parts[0]) return;
    const [id, kind] = parts;
    const text = decoder.decode(payload);

    if (kind === 'availability') {
      // An empty retained message clears the topic: the device was removed (edgemask forget-home-assistant).
      if (!text.trim()) { removeDevice(id); return; }
      device(id).availability = text.trim();
    } else {
      let data;
      try { data = JSON.parse(text); } catch { return; }   // bad JSON: ignore
      if (!data || typeof data !== 'object' || Array.isArray(data)) return;
      const dev = device(id);
      if (kind === 'state') dev.state = data;
      else if (kind === 'stats') dev.stats = data;
      else if (kind === 'events') {
        if (dev.event && Date.parse(data.at) < Date.parse(dev.event.at)) return;   // an older redelivery
        dev.event = data;
      } else return;
    }
    renderDevice(id);
  }

  function device(id) {
    let dev = devices.get(id);
    if (!dev) {
      dev = { availability: null, state: {}, stats: {}, event: null, row: el('tr', undefined, 'device') };
      dev.row.dataset.deviceId = id;
      // Keep rows sorted by device id.
      const body = $('fleet-devices').tBodies[0];
      const next = [...body.rows].find((r) => r.dataset.deviceId > id);
      body.insertBefore(dev.row, next ?? null);
      devices.set(id, dev);
      $('fleet-empty').hidden = true;
    }
    return dev;
  }

  function removeDevice(id) {
    const dev = devices.get(id);
    if (dev) dev.row.remove();
    devices.delete(id);
    $('fleet-empty').hidden = devices.size > 0;
  }

  function cell(text, className) {
    return el('td', text === null || text === undefined ? '–' : String(text), className);
  }

  function renderDevice(id) {
    const { availability, state: s, stats, event, row } = devices.get(id);
    const ev = event
      ? `${KINDS[event.kind] ?? event.kind ?? '?'} ${PHASES[event.phase] ?? event.phase ?? ''} ${event.at ? fmtTime(event.at) : ''}`.replace(/\s+/g, ' ').trim()
      : null;
    const camera = s.camera ?? stats.camera;
    row.classList.toggle('offline', availability === 'offline');
    row.replaceChildren(
      cell(id),
      cell(availability, { online: 'good', offline: 'alarm-text' }[availability]),
      cell(camera, camera && camera !== 'online' ? 'alarm-text' : ''),
      cell(s.people_in_view),
      cell(s.mask_violation, s.mask_violation === 'ON' ? 'alarm-cell' : ''),
      cell(s.distance_violation, s.distance_violation === 'ON' ? 'alarm-cell' : ''),
      cell(fmt(stats.processed_fps, 1)),
      cell(fmt(stats.cpu_temperature_celsius, 1, ' °C')),
      cell(ev),
    );
  }
})();
