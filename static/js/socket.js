// What the host screen and the phone share: a websocket that reconnects by itself and shows its state,
// DOM building that only ever inserts text as text, answer tiles, the countdown and screen-reader notices.

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 8000;
const PING_EVERY_MS = 15000;
const SILENCE_LIMIT_MS = 40000; // no frame for this long on an open socket: treat it as dead and reconnect
const SLOW_START_MS = 1200; // a first connection slower than this shows "Connecting…"

// The socket counts as connected once the server has answered on it (not merely when it opens), so the banner
// stays up until the page really has the game back.
export function roomSocket(path, { onOpen, onMessage, onFatal }) {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
  const banner = document.getElementById("conn");
  let ws = null;
  let live = false;
  let everLive = false;
  let stopped = false;
  let delay = RETRY_FIRST_MS;
  let retry = null;
  let offset = 0; // server clock minus local clock, in ms
  let lastHeard = 0;
  let slowStart = null;

  function state(name) {
    document.body.dataset.connection = name;
    if (!banner) return;
    const text = name === "lost" ? "Connection lost. Reconnecting…" : name === "connecting" ? "Connecting…" : "";
    banner.hidden = !text;
    if (banner.textContent !== text) banner.textContent = text;
  }

  function connect() {
    clearTimeout(retry);
    retry = null;
    live = false;
    const socket = new WebSocket(url);
    ws = socket;
    socket.addEventListener("open", () => { if (ws === socket) { lastHeard = Date.now(); onOpen && onOpen(); } });
    socket.addEventListener("message", (event) => {
      if (ws !== socket) return;
      lastHeard = Date.now();
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (!live) { live = everLive = true; delay = RETRY_FIRST_MS; clearTimeout(slowStart); state("ok"); }
      if (typeof message.server_now === "number") offset = message.server_now - Date.now();
      onMessage(message);
    });
    socket.addEventListener("close", (event) => {
      if (ws !== socket || stopped) return;
      ws = null;
      if (event.code >= 4000 && event.code < 4500) { stop(); onFatal && onFatal(event.code); return; }
      lost();
    });
  }

  function lost() {
    live = false;
    state(everLive ? "lost" : "connecting");
    if (retry) return;
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  }

  // A socket whose network died silently (a phone changing networks) never fires "close": drop it ourselves.
  function drop() {
    if (!ws) return;
    const old = ws;
    ws = null;
    try { old.close(); } catch { /* already closing */ }
    lost();
  }

  function reconnectNow() {
    if (stopped || live) return;
    delay = RETRY_FIRST_MS;
    if (ws) drop(); else { clearTimeout(retry); retry = null; connect(); }
  }

  const heartbeat = setInterval(() => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - lastHeard > SILENCE_LIMIT_MS) { drop(); return; }
    ws.send(JSON.stringify({ type: "ping" }));
  }, PING_EVERY_MS);
  // Back from sleep or from no network: try at once instead of waiting out the back-off.
  const wake = () => { if (document.visibilityState === "visible") reconnectNow(); };
  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", wake);

  function stop() {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(slowStart);
    clearInterval(heartbeat);
    window.removeEventListener("online", reconnectNow);
    document.removeEventListener("visibilitychange", wake);
    state("closed");
    if (ws) { const old = ws; ws = null; old.close(); }
  }

  slowStart = setTimeout(() => { if (!live && !stopped) state(everLive ? "lost" : "connecting"); }, SLOW_START_MS);
  connect();
  return {
    send(message) {
      if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); return true; }
      return false;
    },
    serverNow() { return Date.now() + offset; },
    isLive() { return live; },
    stop,
  };
}

// Build an element. Children that are not nodes become text nodes: server text never goes through innerHTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

// Colour and shape together: a tile is told apart without seeing colour. Every colour holds white text at 4.5:1+.
export const SHAPES = [
  { name: "triangle", color: "red", path: "M12 2 L23 21 H1 Z" },
  { name: "diamond", color: "blue", path: "M12 1 L23 12 L12 23 L1 12 Z" },
  { name: "circle", color: "yellow", path: "M12 2 A10 10 0 1 1 11.99 2 Z" },
  { name: "square", color: "green", path: "M3 3 H21 V21 H3 Z" },
  { name: "star", color: "purple", path: "M12 1.5 L15 9 L23 9.3 L16.8 14.3 L19 22.5 L12 17.8 L5 22.5 L7.2 14.3 L1 9.3 L9 9 Z" },
  { name: "hexagon", color: "teal", path: "M6.5 2.5 H17.5 L23 12 L17.5 21.5 H6.5 L1 12 Z" },
];

export function shapeOf(key) { return SHAPES[key % SHAPES.length]; }

export function shapeIcon(key, className = "shape") {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", className);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", shapeOf(key).path);
  svg.append(path);
  return svg;
}

// Line icons drawn inline, so nothing depends on an emoji font being installed (projector PCs often lack one).
const ICONS = {
  check: "M4 12.5 9.5 18 20 6",
  cross: "M6 6 18 18M18 6 6 18",
  clock: "M12 3a9 9 0 1 1 0 18 9 9 0 1 1 0-18M12 7v5l3.5 2.5",
  skip: "M5 5l7 7-7 7M13 5l7 7-7 7",
  flag: "M5 21V4h12l-2.5 4L17 12H5",
  flame: "M12 2.5c.5 4 5.5 6 5.5 11.5a5.5 5.5 0 0 1-11 0c0-3 1.5-4.5 2.5-6.5.5 2 1.5 3 2.5 3 0-3-1-5 .5-8z",
  trophy: "M7 4h10v4.5a5 5 0 0 1-10 0zM7 6H4a3.5 3.5 0 0 0 3.5 4M17 6h3a3.5 3.5 0 0 1-3.5 4M12 13.5V17M8 21h8M9.5 17h5v4h-5z",
  remove: "M7 7 17 17M17 7 7 17",
  wifi: "M2 8.5a15 15 0 0 1 20 0M5.5 12.5a10 10 0 0 1 13 0M9 16.5a5 5 0 0 1 6 0M12 20h.01",
};

export function icon(name, className = "icon") {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", `${className} icon-${name}`);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

// An answer tile; its accessible name starts with the shape so a screen reader user can follow the big screen.
export function tile(key, text, attrs = {}) {
  const shape = shapeOf(key);
  return el("button", { type: "button", class: `tile tile-${shape.color}`, "data-key": key, "data-shape": shape.name, ...attrs },
    shapeIcon(key),
    el("span", { class: "visually-hidden" }, `${shape.name}: `),
    el("span", { class: "tile-text" }, text));
}

// Polite announcements for screen readers, through the page's one #announce live region.
export function announce(text) {
  const region = document.getElementById("announce");
  if (!region) return;
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 60);
}

export const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// Counts down to a server deadline in `node` (a ring filled in proportion to the time left), announcing the
// start, the last ten and five seconds and the end. With no deadline the game is untimed and says so. When
// answers open later than the question shows (team talk), it first counts down to `opensAt`.
export function countdown(node, { closesAt, opensAt, timeLimit, serverNow, onOpen, onExpire }) {
  node.classList.add("timer");
  node.setAttribute("role", "timer");
  node.setAttribute("aria-live", "off");
  const value = el("span", { class: "timer-value" });
  const said = el("span", { class: "visually-hidden" });
  node.replaceChildren(value, said);
  const total = Math.max(1, (timeLimit || 20) * 1000);
  let last = null;
  let talking = false;
  let timer = null;
  const show = (text, label) => {
    value.textContent = text;
    said.textContent = label;
    node.setAttribute("aria-label", label);
  };
  const tick = () => {
    const now = serverNow();
    if (opensAt && now < opensAt) {
      const left = Math.ceil((opensAt - now) / 1000);
      if (!talking) { talking = true; node.classList.add("talk"); announce(`Talk it over: answers open in ${left} seconds.`); }
      node.style.setProperty("--left", "1");
      if (left !== last) { last = left; show(String(left), `Answers open in ${left} seconds`); }
      return;
    }
    if (talking || last === null) {
      const first = last === null;
      talking = false;
      node.classList.remove("talk");
      last = null;
      if (!first || opensAt) onOpen && onOpen();
      if (!closesAt) {
        clearInterval(timer);
        node.classList.add("untimed");
        node.style.removeProperty("--left");
        show("∞", "No time limit");
        value.setAttribute("aria-hidden", "true");
        if (!first) announce("Answers are open.");
        return;
      }
    }
    const leftMs = Math.max(0, closesAt - now);
    const left = Math.ceil(leftMs / 1000);
    node.style.setProperty("--left", String(Math.min(1, leftMs / total)));
    if (left === last) return;
    if (last === null) announce(`${left} seconds to answer.`);
    else if (left === 10 || left === 5) announce(`${left} seconds left.`);
    last = left;
    show(String(left), `${left} seconds left`);
    node.classList.toggle("urgent", left <= 5);
    if (left === 0) { clearInterval(timer); announce("Time is up."); onExpire && onExpire(); }
  };
  timer = setInterval(tick, 200);
  tick();
  return () => clearInterval(timer);
}

export function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

export function ordinal(n) {
  const s = ["th", "st", "nd", "rd"], v = n % 100;
  return `${n}${s[(v - 20) % 10] || s[v] || s[0]}`;
}
