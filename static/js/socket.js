// A websocket that reconnects by itself and shows the connection state in #conn.
export function roomSocket(path, { onOpen, onMessage, onFatal }) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const banner = document.getElementById("conn");
  let ws = null;
  let delay = 500;
  let stopped = false;
  let offset = 0; // server clock minus local clock, in ms

  function show(text) {
    if (!banner) return;
    banner.hidden = !text;
    banner.textContent = text || "";
  }

  function connect() {
    ws = new WebSocket(`${scheme}://${location.host}${path}`);
    ws.addEventListener("open", () => { delay = 500; show(""); onOpen && onOpen(); });
    ws.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (typeof message.server_now === "number") offset = message.server_now - Date.now();
      onMessage(message);
    });
    ws.addEventListener("close", (event) => {
      if (stopped) return;
      if (event.code >= 4000 && event.code < 4500) { stopped = true; onFatal && onFatal(event.code); return; }
      show("Connection lost. Reconnecting…");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 8000);
    });
  }
  connect();
  return {
    send(message) { if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); return true; } return false; },
    serverNow() { return Date.now() + offset; },
    stop() { stopped = true; ws && ws.close(); },
  };
}

export const SHAPES = [
  { name: "triangle", symbol: "▲", color: "red" },
  { name: "diamond", symbol: "◆", color: "blue" },
  { name: "circle", symbol: "●", color: "yellow" },
  { name: "square", symbol: "■", color: "green" },
  { name: "star", symbol: "★", color: "purple" },
  { name: "hexagon", symbol: "⬢", color: "teal" },
];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function tile(key, text, attrs = {}) {
  const shape = SHAPES[key % SHAPES.length];
  return el("button", { class: `tile tile-${shape.color}`, "data-key": key, ...attrs },
    el("span", { class: "shape", "aria-hidden": "true" }, shape.symbol),
    el("span", { class: "visually-hidden" }, `${shape.name}: `),
    el("span", { class: "tile-text" }, text));
}

// Counts down to a server deadline; calls back with whole seconds left.
export function countdown(node, closesAt, socket) {
  if (!closesAt) { node.textContent = "No timer"; return () => {}; }
  let last = null;
  const tick = () => {
    const left = Math.max(0, Math.ceil((closesAt - socket.serverNow()) / 1000));
    if (left !== last) { node.textContent = `${left}`; node.setAttribute("aria-label", `${left} seconds left`); last = left; }
  };
  tick();
  const timer = setInterval(tick, 250);
  return () => clearInterval(timer);
}
