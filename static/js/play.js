// The phone: join, answer, see the result. Every text from the server goes in through textContent.
import { roomSocket, el, tile, countdown, SHAPES } from "./socket.js";

const joinScreen = document.getElementById("screen-join");
const gameScreen = document.getElementById("screen-game");
const form = document.getElementById("join-form");
const pinInput = document.getElementById("join-pin");
const nickInput = document.getElementById("join-nickname");
const joinError = document.getElementById("join-error");
const stage = document.getElementById("stage");
const meName = document.getElementById("me-name");
const meScore = document.getElementById("me-score");

let socket = null;
let pin = null;
let stopTimer = () => {};
let currentIndex = null;
let answered = false;
let revealedIndex = -1;
let pendingJoin = null;

const tokenKey = (p) => `quizgame:token:${p}`;

function showJoin(message) {
  if (socket) { socket.stop(); socket = null; }
  gameScreen.hidden = true;
  joinScreen.hidden = false;
  joinError.textContent = message || "";
}

function render(...nodes) { stopTimer(); stopTimer = () => {}; stage.replaceChildren(...nodes); }

function setScore(score) { if (typeof score === "number") meScore.textContent = `${score} pts`; }

function start(thePin, firstMessage) {
  pin = thePin;
  pendingJoin = firstMessage;
  socket = roomSocket(`/ws/play/${pin}/`, {
    onOpen() {
      const token = localStorage.getItem(tokenKey(pin));
      socket.send(token ? { type: "resume", token } : pendingJoin);
    },
    onMessage: handle,
    onFatal() { /* the error message already explained why */ },
  });
}

function handle(m) {
  switch (m.type) {
    case "error": return onError(m);
    case "joined":
      localStorage.setItem(tokenKey(pin), m.token);
      joinScreen.hidden = true; gameScreen.hidden = false;
      meName.textContent = m.player.nickname;
      return;
    case "welcome":
      setScore(m.score);
      if (m.phase === "lobby") render(el("div", { class: "center" }, el("h2", {}, "You're in!"), el("p", {}, "See your nickname on the big screen? Wait for the host to start.")));
      return;
    case "question": return onQuestion(m);
    case "answer_accepted":
      if (m.index <= revealedIndex) return; // the reveal overtook the receipt
      answered = true;
      render(el("div", { class: "center received" }, el("h2", {}, "Answer received"), el("p", {}, "Waiting for the others…")));
      return;
    case "reveal": return onReveal(m);
    case "leaderboard":
      if (m.you) { setScore(m.you.score); render(el("div", { class: "center" }, el("h2", {}, `You are #${m.you.rank}`), el("p", {}, `of ${m.players} players · ${m.you.score} points`))); }
      return;
    case "finished":
      localStorage.removeItem(tokenKey(pin));
      if (m.you) { setScore(m.you.score); }
      render(el("div", { class: "center" }, el("h2", {}, "Game over"),
        m.you && m.you.rank ? el("p", { class: "big-rank" }, `#${m.you.rank}`) : null,
        m.you ? el("p", {}, `${m.you.score} points`) : null));
      socket && socket.stop();
      return;
    case "kicked":
      localStorage.removeItem(tokenKey(pin));
      showJoin(m.message);
      return;
  }
}

function onError(m) {
  if (["unknown_pin", "game_finished", "game_started", "game_full"].includes(m.code)) {
    localStorage.removeItem(tokenKey(pin));
    return showJoin(m.message);
  }
  if (m.code === "bad_token") {
    localStorage.removeItem(tokenKey(pin));
    if (pendingJoin && pendingJoin.nickname) { socket.send(pendingJoin); return; }
    return showJoin(m.message);
  }
  if (!joinScreen.hidden || m.code.startsWith("nickname")) { return showJoin(m.message); }
  const note = stage.querySelector(".note");
  if (note) note.textContent = m.message; else stage.append(el("p", { class: "note error", role: "alert" }, m.message));
}

function send(response) {
  if (answered) return;
  socket.send({ type: "answer", index: currentIndex, response });
  stage.querySelectorAll("button, input, select").forEach((b) => { b.disabled = true; });
}

function onQuestion(m) {
  currentIndex = m.index;
  answered = !!m.answered;
  if (answered) {
    render(el("div", { class: "center received" }, el("h2", {}, "Answer received"), el("p", {}, "Waiting for the others…")));
    return;
  }
  const q = m.question;
  const timer = el("div", { class: "timer", role: "timer", "aria-live": "off" });
  const head = el("div", { class: "q-head" }, el("span", {}, `Question ${m.index + 1} of ${m.total}`), timer);
  const body = [];
  body.push(el("h2", { class: "stem" }, q.stem));
  if (q.type === "single" || q.type === "truefalse") {
    body.push(el("div", { class: "tiles" }, q.choices.map((c) => tile(c.key, c.text, { onclick: () => send({ choice: c.key }) }))));
  } else if (q.type === "multiple") {
    const picked = new Set();
    const tiles = q.choices.map((c) => tile(c.key, c.text, { "aria-pressed": "false", onclick: (e) => {
      const b = e.currentTarget; if (picked.has(c.key)) picked.delete(c.key); else picked.add(c.key);
      b.setAttribute("aria-pressed", picked.has(c.key) ? "true" : "false");
    } }));
    body.push(el("p", { class: "hint" }, `Pick ${q.select}.`), el("div", { class: "tiles" }, tiles),
      el("button", { class: "big submit", onclick: () => picked.size && send({ choices: [...picked].sort((a, b) => a - b) }) }, "Submit"));
  } else if (q.type === "typed") {
    const input = el("input", { class: "typed", maxlength: "100", "aria-label": "Your answer", autocomplete: "off" });
    body.push(el("form", { class: "typed-form", onsubmit: (e) => { e.preventDefault(); if (input.value.trim()) send({ text: input.value }); } },
      input, el("button", { class: "big submit", type: "submit" }, "Submit")));
  } else if (q.type === "ordering") {
    let order = q.choices.map((c) => c.key);
    const list = el("ol", { class: "ordering" });
    const draw = () => list.replaceChildren(...order.map((key, i) => {
      const c = q.choices.find((x) => x.key === key);
      const move = (d) => { const j = i + d; if (j < 0 || j >= order.length) return; [order[i], order[j]] = [order[j], order[i]]; draw(); };
      return el("li", {}, el("span", {}, c.text),
        el("button", { "aria-label": `Move ${c.text} up`, onclick: () => move(-1), disabled: i === 0 }, "↑"),
        el("button", { "aria-label": `Move ${c.text} down`, onclick: () => move(1), disabled: i === order.length - 1 }, "↓"));
    }));
    draw();
    body.push(list, el("button", { class: "big submit", onclick: () => send({ order }) }, "Submit"));
  } else if (q.type === "matching") {
    const selects = q.left.map((l) => el("select", { "aria-label": `Match for ${l.text}` },
      el("option", { value: "" }, "Choose…"), q.right.map((r) => el("option", { value: r.key }, r.text))));
    body.push(el("div", { class: "matching" }, q.left.map((l, i) => el("label", {}, el("span", {}, l.text), selects[i]))),
      el("button", { class: "big submit", onclick: () => {
        const pairs = selects.map((s, i) => [q.left[i].key, s.value === "" ? null : Number(s.value)]);
        if (pairs.every((p) => p[1] !== null)) send({ pairs });
      } }, "Submit"));
  }
  render(head, ...body);
  stopTimer = countdown(timer, m.closes_at, socket);
}

function onReveal(m) {
  revealedIndex = m.index;
  const you = m.you || {};
  setScore(you.score);
  const verdict = m.skipped ? "Question skipped" : !you.answered ? "No answer" : you.correct ? "Correct!" : "Not this time";
  const cls = m.skipped ? "" : you.correct ? "good" : "bad";
  const parts = [el("h2", { class: `verdict ${cls}` }, verdict)];
  if (you.correct && !m.skipped) parts.push(el("p", { class: "points" }, `+${you.points} points` + (you.streak_bonus ? ` (streak bonus +${you.streak_bonus})` : "")));
  if (you.streak > 1) parts.push(el("p", {}, `🔥 Streak ${you.streak}`));
  if (you.rank) parts.push(el("p", {}, `You are #${you.rank}`));
  if (m.explanation) parts.push(el("p", { class: "explanation" }, m.explanation));
  if (m.excerpt) parts.push(el("blockquote", { class: "excerpt" }, m.excerpt, m.source ? el("cite", {}, ` — ${m.source}`) : null));
  render(el("div", { class: "center" }, parts));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const thePin = pinInput.value.trim();
  const nickname = nickInput.value.trim();
  if (!/^\d{6}$/.test(thePin)) { joinError.textContent = "The PIN has 6 digits."; return; }
  if (!nickname) { joinError.textContent = "Choose a nickname."; return; }
  joinError.textContent = "";
  localStorage.removeItem(tokenKey(thePin));
  start(thePin, { type: "join", nickname });
});

// Coming back to a game this phone already joined: resume straight away.
if (/^\d{6}$/.test(pinInput.value) && localStorage.getItem(tokenKey(pinInput.value))) {
  start(pinInput.value, null);
}
export { SHAPES };
