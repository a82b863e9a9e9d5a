// The host screen: lobby, questions, reveal chart, leaderboard, podium. Restored from the server on reload.
import { roomSocket, el, tile, countdown, SHAPES } from "./socket.js";

const root = document.getElementById("host");
const pin = root.dataset.pin;
const stage = document.getElementById("host-stage");
const count = document.getElementById("player-count");
const buttons = {
  start: document.getElementById("btn-start"),
  next: document.getElementById("btn-next"),
  skip: document.getElementById("btn-skip"),
  end: document.getElementById("btn-end"),
};
const players = new Map();
let stopTimer = () => {};
let phase = "lobby";
let lastQuestion = null;

function render(...nodes) { stopTimer(); stopTimer = () => {}; stage.replaceChildren(...nodes); }
function controls(which, nextLabel = "Next") {
  for (const [name, b] of Object.entries(buttons)) b.hidden = !which.includes(name);
  buttons.next.textContent = nextLabel;
}
function updateCount() { count.textContent = `${players.size} player${players.size === 1 ? "" : "s"}`; }

function lobby() {
  phase = "lobby";
  const list = el("ul", { class: "lobby-players" }, [...players.values()].map((p) =>
    el("li", {}, el("span", {}, p.nickname), el("button", { class: "kick", "aria-label": `Remove ${p.nickname}`, onclick: () => socket.send({ type: "kick", player: p.id }) }, "✕"))));
  render(el("h1", {}, "Waiting for players…"), list);
  controls(["start", "end"]);
  buttons.start.disabled = players.size === 0;
  updateCount();
}

const socket = roomSocket(`/ws/host/${pin}/`, { onMessage: handle, onFatal: () => render(el("h1", {}, "This game is not yours to host, or it no longer exists.")) });

function handle(m) {
  switch (m.type) {
    case "lobby":
      players.clear();
      m.players.forEach((p) => players.set(p.id, p));
      updateCount();
      if (m.phase === "lobby") lobby();
      return;
    case "player_joined":
      players.set(m.player.id, m.player); updateCount();
      if (phase === "lobby") lobby();
      return;
    case "player_left":
      players.delete(m.player.id); updateCount();
      if (phase === "lobby") lobby();
      return;
    case "question": return onQuestion(m);
    case "answers": {
      const a = document.getElementById("answered");
      if (a) a.textContent = `${m.answered} / ${m.players} answered`;
      return;
    }
    case "reveal": return onReveal(m);
    case "leaderboard": return onLeaderboard(m);
    case "finished": return onFinished(m);
    case "error": {
      stage.append(el("p", { class: "error", role: "alert" }, m.message));
      return;
    }
  }
}

function onQuestion(m) {
  phase = "question";
  lastQuestion = m;
  const q = m.question;
  const timer = el("div", { class: "timer big-timer", role: "timer" });
  const items = q.type === "matching"
    ? el("div", { class: "match-cols" }, el("ul", {}, q.left.map((l) => el("li", {}, l.text))), el("ul", {}, q.right.map((r) => el("li", {}, r.text))))
    : q.type === "typed" ? el("p", { class: "hint" }, "Type your answer on your phone.")
    : el("div", { class: "tiles host-tiles" }, q.choices.map((c) => tile(c.key, c.text, { disabled: true, tabindex: "-1" })));
  render(
    el("div", { class: "q-head" }, el("span", {}, `Question ${m.index + 1} of ${m.total}`), timer, el("span", { id: "answered" }, "")),
    el("h1", { class: "stem" }, q.stem),
    q.type === "multiple" ? el("p", { class: "hint" }, `Pick ${q.select}.`) : null,
    q.type === "ordering" ? el("p", { class: "hint" }, "Put these in order.") : null,
    items,
  );
  stopTimer = countdown(timer, m.closes_at, socket);
  controls(["next", "skip", "end"], "Close question");
}

function onReveal(m) {
  phase = "reveal";
  const q = lastQuestion && lastQuestion.index === m.index ? lastQuestion.question : null;
  const parts = [el("h2", {}, m.skipped ? "Question skipped" : "The answer")];
  if (q && m.distribution.choices) {
    const max = Math.max(1, ...m.distribution.choices);
    const correct = new Set(m.solution.choices || []);
    parts.push(el("div", { class: "chart", role: "img", "aria-label": "How the room answered" }, q.choices.map((c) => {
      const n = m.distribution.choices[c.key] || 0;
      const shape = SHAPES[c.key % SHAPES.length];
      return el("div", { class: `bar-col ${correct.has(c.key) ? "correct" : "wrong"}` },
        el("div", { class: "bar-count" }, `${n}`),
        el("div", { class: `bar tile-${shape.color}`, style: `height:${Math.round((n / max) * 100)}%` }),
        el("div", { class: "bar-label" }, `${shape.symbol} ${c.text}${correct.has(c.key) ? " ✓" : ""}`));
    })));
  } else if (q && m.solution.order) {
    parts.push(el("ol", { class: "solution" }, m.solution.order.map((k) => el("li", {}, q.choices.find((c) => c.key === k).text))));
  } else if (q && m.solution.pairs) {
    parts.push(el("ul", { class: "solution" }, m.solution.pairs.map(([l, r]) => el("li", {}, `${q.left[l].text} → ${q.right[r].text}`))));
  } else if (m.solution.accepted) {
    parts.push(el("p", { class: "solution" }, `Accepted: ${m.solution.accepted.join(", ")}`));
  }
  if (m.distribution.correct !== undefined) parts.push(el("p", {}, `${m.distribution.correct} right · ${m.distribution.incorrect} wrong`));
  if (m.explanation) parts.push(el("p", { class: "explanation" }, m.explanation));
  if (m.excerpt) parts.push(el("blockquote", { class: "excerpt" }, m.excerpt, m.source ? el("cite", {}, ` — ${m.source}`) : null));
  render(...parts);
  controls(["next", "end"], "Leaderboard");
}

function onLeaderboard(m) {
  phase = "leaderboard";
  render(el("h2", {}, "Leaderboard"), el("ol", { class: "leaderboard" }, m.top.map((r) =>
    el("li", {}, el("span", { class: "rank" }, `${r.rank}`), el("span", { class: "name" }, r.nickname), el("span", { class: "score" }, `${r.score}`)))));
  controls(["next", "end"], m.index + 1 < m.total ? "Next question" : "Podium");
}

function onFinished(m) {
  phase = "finished";
  const places = ["first", "second", "third"];
  render(el("h1", {}, "Podium"),
    el("div", { class: "podium" }, m.podium.map((r) => el("div", { class: `place place-${places[r.rank - 1] || "third"}` },
      el("div", { class: "place-rank" }, `${r.rank}`), el("div", { class: "place-name" }, r.nickname), el("div", {}, `${r.score} pts`)))),
    el("details", {}, el("summary", {}, "Final standings"),
      el("ol", { class: "standings" }, (m.standings || []).map((r) => el("li", {}, `#${r.rank} ${r.nickname} — ${r.score} pts, ${r.correct} correct`)))));
  controls([]);
}

buttons.start.addEventListener("click", () => socket.send({ type: "start" }));
buttons.next.addEventListener("click", () => socket.send({ type: "next" }));
buttons.skip.addEventListener("click", () => socket.send({ type: "skip" }));
buttons.end.addEventListener("click", () => { if (confirm("End the game now?")) socket.send({ type: "end" }); });
