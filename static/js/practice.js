// Solo practice: ask the server for the current question, send the answer, show the feedback it returns.
// The question never carries its answer; the solution arrives only in the reply to an answer.
// Every text from the server goes in through textContent (el), never as HTML.
import { el, tile, countdown } from "./socket.js";

const root = document.getElementById("practice");
const stage = document.getElementById("stage");
const scoreNode = document.getElementById("me-score");
const { questionUrl, answerUrl, csrf } = root.dataset;

let current = null; // the question on screen
let busy = false;
let stopTimer = () => {};
let keyHandler = null;

function render(...nodes) {
  stopTimer(); stopTimer = () => {};
  if (keyHandler) { document.removeEventListener("keydown", keyHandler); keyHandler = null; }
  stage.replaceChildren(...nodes);
}

function setScore(score) { if (typeof score === "number") scoreNode.textContent = `${score} pts`; }

async function call(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...options, headers: { Accept: "application/json", ...(options.headers || {}) } });
  } catch {
    return { ok: false, status: 0, body: { message: "No connection. Check your network and try again." } };
  }
  let body = {};
  try { body = await response.json(); } catch { /* not JSON: keep the status */ }
  return { ok: response.ok, status: response.status, body };
}

function stop(message) {
  render(el("div", { class: "center" },
    el("p", { class: "error", role: "alert" }, message || "Something went wrong."),
    el("p", {}, el("a", { href: "/" }, "Back to quizgame"))));
}

function note(message) {
  const node = stage.querySelector(".note");
  if (node) node.textContent = message;
  else stage.append(el("p", { class: "note error", role: "alert" }, message));
}

async function loadQuestion() {
  const { ok, status, body } = await call(questionUrl);
  if (!ok) {
    if (status === 0) return render(el("div", { class: "center" }, el("p", { class: "error", role: "alert" }, body.message),
      el("button", { type: "button", class: "big", onclick: loadQuestion }, "Try again")));
    return stop(body.message);
  }
  if (body.finished) { location.assign(body.summary_url); return; }
  showQuestion(body);
}

function controls(disabled) {
  stage.querySelectorAll("button, input, select").forEach((node) => { node.disabled = disabled; });
}

async function send(response) {
  if (busy || !current) return;
  busy = true;
  controls(true);
  const { ok, status, body } = await call(answerUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ index: current.index, response }),
  });
  busy = false;
  if (ok) return showFeedback(body);
  if (status === 400 || status === 0) { controls(false); return note(body.message || "That answer could not be sent."); }
  if (body.error === "already_answered" || body.error === "wrong_question") return loadQuestion();
  return stop(body.message);
}

function showQuestion(m) {
  current = m;
  setScore(m.score);
  const q = m.question;
  const timer = el("div", { class: "timer" });
  const head = el("div", { class: "q-head" }, el("span", {}, `Question ${m.index + 1} of ${m.total}`), timer);
  const body = [el("h2", { class: "stem", tabindex: "-1" }, q.stem)];
  let keys = null;
  if (q.type === "single" || q.type === "truefalse") {
    const tiles = q.choices.map((c) => tile(c.key, c.text, { onclick: () => send({ choice: c.key }) }));
    body.push(el("div", { class: "tiles" }, tiles), el("p", { class: "hint muted" }, `Keys 1–${tiles.length} pick an answer.`));
    keys = (digit) => tiles[digit - 1] && tiles[digit - 1].click();
  } else if (q.type === "multiple") {
    const picked = new Set();
    const tiles = q.choices.map((c) => tile(c.key, c.text, { "aria-pressed": "false", onclick: (e) => {
      const b = e.currentTarget;
      if (picked.has(c.key)) picked.delete(c.key); else picked.add(c.key);
      b.setAttribute("aria-pressed", picked.has(c.key) ? "true" : "false");
    } }));
    body.push(el("p", { class: "hint" }, `Pick ${q.select}.`), el("div", { class: "tiles" }, tiles),
      el("button", { type: "button", class: "big submit", onclick: () => {
        if (picked.size) send({ choices: [...picked].sort((a, b) => a - b) }); else note(`Pick ${q.select}.`);
      } }, "Submit"));
    keys = (digit) => tiles[digit - 1] && tiles[digit - 1].click();
  } else if (q.type === "typed") {
    const input = el("input", { class: "typed", maxlength: "100", "aria-label": "Your answer", autocomplete: "off", autocapitalize: "off" });
    body.push(el("form", { class: "typed-form", onsubmit: (e) => {
      e.preventDefault();
      if (input.value.trim()) send({ text: input.value }); else note("Type an answer.");
    } }, input, el("button", { class: "big submit", type: "submit" }, "Submit")));
  } else if (q.type === "ordering") {
    const order = q.choices.map((c) => c.key);
    const list = el("ol", { class: "ordering" });
    const draw = (focusKey, dir) => {
      list.replaceChildren(...order.map((key, i) => {
        const c = q.choices.find((x) => x.key === key);
        const move = (d) => {
          const j = i + d;
          if (j < 0 || j >= order.length) return;
          [order[i], order[j]] = [order[j], order[i]];
          draw(key, d);
        };
        return el("li", {}, el("span", {}, c.text),
          el("button", { type: "button", "data-key": key, "data-dir": "-1", "aria-label": `Move ${c.text} up`, onclick: () => move(-1), disabled: i === 0 }, "↑"),
          el("button", { type: "button", "data-key": key, "data-dir": "1", "aria-label": `Move ${c.text} down`, onclick: () => move(1), disabled: i === order.length - 1 }, "↓"));
      }));
      if (focusKey != null) {
        const again = list.querySelector(`button[data-key="${focusKey}"][data-dir="${dir}"]:not([disabled])`)
          || list.querySelector(`button[data-key="${focusKey}"]:not([disabled])`);
        if (again) again.focus();
      }
    };
    draw();
    body.push(list, el("button", { type: "button", class: "big submit", onclick: () => send({ order: [...order] }) }, "Submit"));
  } else if (q.type === "matching") {
    const selects = q.left.map((l) => el("select", { "aria-label": `Match for ${l.text}` },
      el("option", { value: "" }, "Choose…"), q.right.map((r) => el("option", { value: r.key }, r.text))));
    body.push(el("div", { class: "matching" }, q.left.map((l, i) => el("label", {}, el("span", {}, l.text), selects[i]))),
      el("button", { type: "button", class: "big submit", onclick: () => {
        const pairs = selects.map((s, i) => [q.left[i].key, s.value === "" ? null : Number(s.value)]);
        if (pairs.every((p) => p[1] !== null)) send({ pairs }); else note("Match every item.");
      } }, "Submit"));
  }
  body.push(el("button", { type: "button", class: "link skip", onclick: () => send(null) }, "Skip (I don't know)"));
  render(head, ...body);
  if (keys) {
    keyHandler = (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || busy) return;
      if (/^[1-9]$/.test(event.key)) keys(Number(event.key));
    };
    document.addEventListener("keydown", keyHandler);
  }
  const first = stage.querySelector("input.typed") || stage.querySelector(".stem");
  if (first) first.focus({ preventScroll: true });
  // The server said how long is left; a local clock only draws it. Time up sends "no answer".
  const closesAt = m.remaining_ms == null ? null : Date.now() + m.remaining_ms;
  stopTimer = countdown(timer, { closesAt, timeLimit: m.time_limit, serverNow: () => Date.now(), onExpire: () => send(null) });
}

function showFeedback(r) {
  setScore(r.score);
  const verdict = r.correct ? "Correct!" : r.late ? "Too late" : r.status === "skipped" ? "No answer" : "Not this time";
  const parts = [el("h2", { class: `verdict ${r.correct ? "good" : "bad"}`, tabindex: "-1" }, verdict)];
  if (current) parts.push(el("p", { class: "stem-small" }, current.question.stem));
  if (r.correct) parts.push(el("p", { class: "points" }, `+${r.points} points`));
  if (r.late) parts.push(el("p", {}, "Your answer arrived after the time limit, so it does not count."));
  parts.push(el("p", { class: "answer" }, r.correct ? "Answer: " : "Correct answer: ", el("strong", {}, r.answer_text)));
  if (r.explanation) parts.push(el("p", { class: "explanation" }, r.explanation));
  if (r.excerpt) parts.push(el("blockquote", { class: "excerpt" }, r.excerpt, r.source ? el("cite", {}, r.source) : null));
  const next = r.finished
    ? el("a", { class: "button big next", href: r.summary_url }, "See your results")
    : el("button", { type: "button", class: "big next", onclick: loadQuestion }, "Next question");
  parts.push(next);
  current = null;
  render(el("div", { class: "feedback" }, parts));
  next.focus({ preventScroll: true });
}

loadQuestion();
