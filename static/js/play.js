// The phone: join, answer, see the result and the rank. Every text from the server goes in as text (see el()).
import { roomSocket, el, tile, icon, shapeIcon, shapeOf, countdown, announce, plural, ordinal } from "./socket.js";

const joinScreen = document.getElementById("screen-join");
const gameScreen = document.getElementById("screen-game");
const form = document.getElementById("join-form");
const pinInput = document.getElementById("join-pin");
const nickInput = document.getElementById("join-nickname");
const joinButton = form.querySelector("button[type=submit]");
const joinError = document.getElementById("join-error");
const stage = document.getElementById("stage");
const meName = document.getElementById("me-name");
const meScore = document.getElementById("me-score");
const meTeam = document.getElementById("me-team");

let socket = null;
let pin = null;
let pendingJoin = null;
let stopTimer = () => {};
let question = null; // the open (or last) question message
let state = "idle"; // idle | answering | sending | answered | closed
let chosen = null; // what this phone sent for the current question, for the receipt screen
let revealedIndex = -1;
let teams = null; // team game: [{ id, name, color, ... }]
let myTeam = null; // this player's team id
let canChooseTeam = false;
let welcomed = null;

const tokenKey = (p) => `quizgame:token:${p}`;

function showJoin(message) {
  if (socket) { socket.stop(); socket = null; }
  stopTimer();
  gameScreen.hidden = true;
  joinScreen.hidden = false;
  joinButton.disabled = false;
  joinError.textContent = message || "";
  document.title = "Join · quizgame";
  (message ? nickInput : pinInput.value ? nickInput : pinInput).focus();
}

function render(...nodes) {
  stopTimer();
  stopTimer = () => {};
  stage.replaceChildren(...nodes.flat().filter((node) => node != null && node !== false));
}

// Move focus to the new screen's heading so keyboard and screen-reader users start from the top of it.
function focusHeading() {
  const heading = stage.querySelector("h2");
  if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
  window.scrollTo(0, 0);
}

function setScore(score) {
  if (typeof score === "number") meScore.textContent = `${score.toLocaleString("en")} pts`;
}

function panel(kind, mark, title, ...rest) {
  return el("div", { class: `panel panel-${kind}` },
    mark ? el("div", { class: "panel-icon" }, icon(mark, "icon panel-svg")) : null,
    el("h2", {}, title), ...rest);
}

function start(thePin, joinMessage) {
  pin = thePin;
  pendingJoin = joinMessage;
  socket = roomSocket(`/ws/play/${pin}/`, {
    onOpen() {
      const token = localStorage.getItem(tokenKey(pin));
      socket.send(token ? { type: "resume", token } : pendingJoin);
    },
    onMessage: handle,
    onFatal() { if (!gameScreen.hidden && state !== "finished") showJoin("The game closed the connection."); },
  });
}

function handle(m) {
  switch (m.type) {
    case "error": return onError(m);
    case "joined": return onJoined(m);
    case "welcome": return onWelcome(m);
    case "question": return onQuestion(m);
    case "answer_accepted": return onAccepted(m);
    case "reveal": return onReveal(m);
    case "leaderboard": return onLeaderboard(m);
    case "finished": return onFinished(m);
    case "team": return onTeam(m);
    case "kicked":
      localStorage.removeItem(tokenKey(pin));
      return showJoin(m.message);
  }
}

function onJoined(m) {
  localStorage.setItem(tokenKey(pin), m.token);
  // The PIN goes into the address, so a reload (or a crashed tab) resumes this player with its token.
  history.replaceState(null, "", `${location.pathname}?pin=${encodeURIComponent(pin)}`);
  joinScreen.hidden = true;
  gameScreen.hidden = false;
  meName.textContent = m.player.nickname;
  myTeam = m.player.team ?? null;
  document.title = `${m.player.nickname} · quizgame`;
}

function onWelcome(m) {
  setScore(m.score);
  welcomed = m;
  if (m.team_mode) {
    teams = m.teams || [];
    myTeam = m.player.team ?? null;
    // Placed by nobody yet means the host lets players choose; remembered for this tab across reloads.
    const chooseKey = `quizgame:choose-team:${pin}`;
    if (myTeam === null) sessionStorage.setItem(chooseKey, "1");
    canChooseTeam = sessionStorage.getItem(chooseKey) === "1";
    showTeam();
  }
  if (m.phase !== "lobby") return; // the messages that follow bring the screen to where the game is
  lobbyScreen();
  announce("You're in. Waiting for the host to start.");
  focusHeading();
}

function lobbyScreen() {
  const m = welcomed;
  const team = teamOf(myTeam);
  render(panel("lobby", "check", "You're in!",
    el("p", { class: "lead" }, "Look for ", el("strong", { class: "nick" }, m.player.nickname), " on the big screen."),
    team ? el("p", { class: "lead" }, "Your team: ", teamChip(team)) : null,
    el("p", { class: "waiting" }, el("span", { class: "dots", "aria-hidden": "true" }, el("i"), el("i"), el("i")), " Waiting for the host to start…")),
  teams && canChooseTeam ? teamPicker() : null);
}

// Team colours come from the server's palette; anything else is ignored rather than put into a style.
function teamColor(team) { return /^#[0-9a-f]{6}$/i.test(team.color || "") ? team.color : "#5b5b66"; }
function teamOf(id) { return (teams || []).find((t) => t.id === id) || null; }
function teamChip(team) { return el("span", { class: "team-chip", style: `--team: ${teamColor(team)}` }, team.name); }

function showTeam() {
  const team = teamOf(myTeam);
  meTeam.hidden = !team;
  if (team) { meTeam.textContent = team.name; meTeam.style.setProperty("--team", teamColor(team)); }
}

function teamPicker() {
  return el("section", { class: "team-picker", "aria-labelledby": "team-picker-title" },
    el("h3", { id: "team-picker-title" }, myTeam === null ? "Pick your team" : "Switch team"),
    el("div", { class: "team-buttons" }, teams.map((t) => el("button", {
      type: "button", class: "team-button", style: `--team: ${teamColor(t)}`, "aria-pressed": String(t.id === myTeam),
      onclick: () => socket && socket.send({ type: "team", team: t.id }),
    }, el("span", { class: "swatch", "aria-hidden": "true" }), t.name))));
}

function onTeam(m) {
  if (!m.team) return;
  teams = teams || [];
  if (!teamOf(m.team.id)) teams.push(m.team);
  myTeam = m.team.id;
  showTeam();
  announce(`You are in team ${m.team.name}.`);
  if (welcomed && state === "idle") lobbyScreen();
}

// One line about the player's team, from the standings in a reveal, leaderboard or finished message.
function teamLine(rows, verb) {
  const row = (rows || []).find((t) => t.id === myTeam);
  if (!row) return null;
  return el("p", { class: "team-line" }, teamChip(row),
    ` ${verb} ${ordinal(row.rank)} of ${rows.length}`,
    typeof row.points === "number" ? ` · +${row.points.toLocaleString("en")}` : "",
    ` · ${row.score.toLocaleString("en")} pts`);
}

function onError(m) {
  const code = m.code || "";
  if (["unknown_pin", "game_finished", "game_locked", "game_started", "game_full", "kicked", "not_in_game"].includes(code)) {
    localStorage.removeItem(tokenKey(pin));
    return showJoin(m.message);
  }
  if (code === "bad_token") {
    localStorage.removeItem(tokenKey(pin));
    if (pendingJoin) { socket.send(pendingJoin); return; }
    return showJoin("That session has ended. Join again with a nickname.");
  }
  if (code.startsWith("nickname") || !joinScreen.hidden) return showJoin(m.message);
  if (code === "duplicate") return receipt();
  if (code === "too_late") return timeUp(m.message);
  if (state === "sending" && question) { onQuestion(question); }
  note(m.message);
}

function note(text) {
  const existing = stage.querySelector(".note");
  if (existing) existing.textContent = text;
  else stage.append(el("p", { class: "note", role: "alert" }, text));
}

function send(response, description) {
  if (state !== "answering") return;
  if (!socket || !socket.send({ type: "answer", index: question.index, response })) {
    note("Not connected right now. Your answer was not sent; try again in a moment.");
    return;
  }
  state = "sending";
  chosen = description;
  receipt(true); // at once; the server's receipt follows within a round trip
}

function receipt(pending = false) {
  if (!question) return;
  if (!pending) state = "answered";
  render(panel("received", pending ? null : "check", pending ? "Sending your answer…" : "Answer received",
    chosen ? el("div", { class: "chosen" }, chosen) : null,
    el("p", { class: "waiting" }, "Waiting for the others…")));
  stage.firstChild.classList.toggle("pending", pending);
  if (!pending) announce("Answer received. Waiting for the others.");
}

function onAccepted(m) {
  if (!question || m.index !== question.index || m.index <= revealedIndex) return; // the reveal overtook it
  receipt(false);
}

function timeUp(message) {
  if (state === "answered" || state === "sending") return;
  state = "closed";
  render(panel("timeup", "clock", "Time's up", el("p", {}, message || "The answer comes on the big screen.")));
}

function onQuestion(m) {
  question = m;
  chosen = null;
  if (m.answered) { state = "answered"; receipt(false); return; }
  state = "answering";
  const q = m.question;
  const timer = el("div", { class: "timer" });
  const head = el("div", { class: "q-head" },
    el("span", { class: "q-count" }, `Question ${m.index + 1} of ${m.total}`),
    q.points === 2 ? el("span", { class: "badge" }, "Double points") : q.points === 0 ? el("span", { class: "badge" }, "No points") : null,
    timer);
  const stem = el("h2", { class: "stem", id: "question-stem" }, q.stem);
  const area = answerArea(q);
  // Team talk: the question shows before answers open; the controls wait, and say why.
  const talk = m.opened_at && m.opened_at > socket.serverNow()
    ? el("p", { class: "talk-note", role: "status" }, "Talk it over with your team. Answers open when the ring runs out.")
    : null;
  if (talk) setEnabled(area, false);
  render(head, stem, talk, area);
  stopTimer = countdown(timer, {
    closesAt: m.closes_at, opensAt: m.opened_at, timeLimit: m.time_limit, serverNow: socket.serverNow,
    onOpen: () => { if (talk) { talk.remove(); setEnabled(area, true); } },
    onExpire: () => timeUp(),
  });
  focusHeading();
}

function setEnabled(area, enabled) {
  area.querySelectorAll("button, input, select").forEach((control) => {
    if (enabled) { if (control.dataset.waiting) { control.disabled = false; delete control.dataset.waiting; } }
    else if (!control.disabled) { control.disabled = true; control.dataset.waiting = "1"; }
  });
}

function choiceLabel(key, text) {
  return el("span", { class: `mini tile-${shapeOf(key).color}` }, shapeIcon(key, "shape mini-shape"), el("span", {}, text));
}

function answerArea(q) {
  if (q.type === "single" || q.type === "truefalse") {
    return el("div", { class: "answer-area tiles", role: "group", "aria-label": "Answers" },
      q.choices.map((c) => tile(c.key, c.text, { onclick: () => send({ choice: c.key }, choiceLabel(c.key, c.text)) })));
  }
  if (q.type === "multiple") return multipleArea(q);
  if (q.type === "typed") return typedArea();
  if (q.type === "ordering") return orderingArea(q);
  if (q.type === "matching") return matchingArea(q);
  return el("p", {}, "This question type is not supported on this screen.");
}

function multipleArea(q) {
  const picked = new Set();
  const submit = el("button", { type: "button", class: "big submit", disabled: true }, `Pick ${q.select}`);
  const refresh = () => {
    submit.disabled = picked.size === 0;
    submit.textContent = picked.size === 0 ? `Pick ${q.select}` : `Submit ${plural(picked.size, "answer")}`;
  };
  const tiles = q.choices.map((c) => tile(c.key, c.text, { "aria-pressed": "false", onclick: (e) => {
    if (picked.has(c.key)) picked.delete(c.key); else picked.add(c.key);
    e.currentTarget.setAttribute("aria-pressed", picked.has(c.key) ? "true" : "false");
    refresh();
  } }));
  submit.addEventListener("click", () => {
    if (!picked.size) return;
    const keys = [...picked].sort((a, b) => a - b);
    send({ choices: keys }, keys.map((k) => choiceLabel(k, q.choices.find((c) => c.key === k).text)));
  });
  return el("div", { class: "answer-area" },
    el("p", { class: "hint", id: "pick-hint" }, `Pick ${q.select} answers, then submit.`),
    el("div", { class: "tiles", role: "group", "aria-describedby": "pick-hint" }, tiles),
    submit);
}

function typedArea() {
  const input = el("input", { class: "typed", id: "typed-answer", "aria-describedby": "question-stem", maxlength: "100", autocomplete: "off", autocapitalize: "none", spellcheck: "false", enterkeyhint: "send" });
  const areaForm = el("form", { class: "answer-area typed-form", onsubmit: (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) { note("Type an answer first."); input.focus(); return; }
    send({ text }, el("span", { class: "typed-echo" }, text));
  } },
  el("label", { for: "typed-answer" }, "Your answer"), input,
  el("button", { class: "big submit", type: "submit" }, "Submit"));
  setTimeout(() => input.focus({ preventScroll: true }), 0);
  return areaForm;
}

function orderingArea(q) {
  const order = q.choices.map((c) => c.key);
  const text = (key) => q.choices.find((c) => c.key === key).text;
  const list = el("ol", { class: "ordering", "aria-label": "Your order, first to last" });
  const draw = (focus) => {
    list.replaceChildren(...order.map((key, i) => el("li", { "data-key": key },
      el("span", { class: "order-pos", "aria-hidden": "true" }, `${i + 1}`),
      el("span", { class: "order-text" }, text(key)),
      el("span", { class: "order-moves" },
        el("button", { type: "button", class: "move", "data-dir": "up", "aria-label": `Move ${text(key)} up`, disabled: i === 0, onclick: () => move(i, -1) }, "▲"),
        el("button", { type: "button", class: "move", "data-dir": "down", "aria-label": `Move ${text(key)} down`, disabled: i === order.length - 1, onclick: () => move(i, 1) }, "▼")))));
    if (focus) {
      const row = list.querySelector(`li[data-key="${focus.key}"]`);
      const button = row.querySelector(`[data-dir="${focus.dir}"]:not([disabled])`) || row.querySelector(".move:not([disabled])");
      button && button.focus();
    }
  };
  const move = (i, d) => {
    const j = i + d;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    draw({ key: order[j], dir: d < 0 ? "up" : "down" });
    announce(`${text(order[j])}: position ${j + 1} of ${order.length}.`);
  };
  draw();
  return el("div", { class: "answer-area" },
    el("p", { class: "hint" }, "Put these in order, first at the top. Use the arrows to move an item."),
    list,
    el("button", { type: "button", class: "big submit", onclick: () => send({ order: [...order] }, el("ol", { class: "chosen-list" }, order.map((k) => el("li", {}, text(k))))) }, "Submit order"));
}

function matchingArea(q) {
  const selects = q.left.map((l) => el("select", { id: `match-${l.key}`, "data-left": l.key },
    el("option", { value: "" }, "Choose…"), q.right.map((r) => el("option", { value: String(r.key) }, r.text))));
  const submit = () => {
    const picks = selects.map((s) => (s.value === "" ? null : Number(s.value)));
    if (picks.some((p) => p === null)) { note("Choose a match for every item."); return; }
    if (new Set(picks).size !== picks.length) { note("Use each answer once."); return; }
    send({ pairs: q.left.map((l, i) => [l.key, picks[i]]) },
      el("ul", { class: "chosen-list" }, q.left.map((l, i) => el("li", {}, `${l.text} → ${q.right.find((r) => r.key === picks[i]).text}`))));
  };
  return el("div", { class: "answer-area matching" },
    el("p", { class: "hint" }, "Match each item with its partner."),
    q.left.map((l, i) => el("div", { class: "match-row" }, el("label", { for: `match-${l.key}` }, l.text), selects[i])),
    el("button", { type: "button", class: "big submit", onclick: submit }, "Submit matches"));
}

// The correct answer in words, from the question this phone was shown and the solution in the reveal.
function solutionView(m) {
  const q = question && question.index === m.index ? question.question : null;
  const s = m.solution || {};
  if (s.accepted) return el("p", { class: "solution" }, s.accepted[0]);
  if (!q) return null;
  if (s.choices) return el("div", { class: "solution" }, s.choices.map((k) => choiceLabel(k, q.choices.find((c) => c.key === k).text)));
  if (s.order) return el("ol", { class: "solution chosen-list" }, s.order.map((k) => el("li", {}, q.choices.find((c) => c.key === k).text)));
  if (s.pairs) return el("ul", { class: "solution chosen-list" }, s.pairs.map(([l, r]) => el("li", {}, `${q.left.find((x) => x.key === l).text} → ${q.right.find((x) => x.key === r).text}`)));
  return null;
}

function onReveal(m) {
  revealedIndex = m.index;
  state = "closed";
  const you = m.you || {};
  setScore(you.score);
  let kind, mark, verdict;
  if (m.skipped) [kind, mark, verdict] = ["skipped", "skip", "Question skipped"];
  else if (!you.answered) [kind, mark, verdict] = ["missed", "clock", "No answer"];
  else if (you.correct) [kind, mark, verdict] = ["good", "check", "Correct!"];
  else [kind, mark, verdict] = ["bad", "cross", "Not this time"];
  const points = !m.skipped && you.correct
    ? el("p", { class: "points" }, `+${you.points.toLocaleString("en")} points`, you.streak_bonus ? el("span", { class: "bonus" }, ` incl. streak bonus +${you.streak_bonus}`) : null)
    : null;
  const answer = m.skipped ? null : solutionView(m);
  render(panel(kind, mark, verdict,
    points,
    !m.skipped && you.streak > 1 ? el("p", { class: "streak" }, icon("flame", "icon inline-icon"), ` ${you.streak} in a row`) : null,
    you.rank ? el("p", { class: "rank-line" }, `You're ${ordinal(you.rank)}`, el("span", { class: "muted" }, ` · ${(you.score || 0).toLocaleString("en")} points`)) : null),
  m.teams ? teamLine(m.teams, "Your team is") : null,
  answer && !(you.correct && m.question_type !== "typed") ? el("section", { class: "answer-box" }, el("h3", {}, "The answer"), answer) : null,
  m.explanation && !m.skipped ? el("p", { class: "explanation" }, m.explanation) : null);
  const said = [verdict];
  if (points) said.push(points.textContent);
  if (you.rank) said.push(`You're ${ordinal(you.rank)} with ${you.score} points.`);
  announce(said.join(" "));
  focusHeading();
}

function onLeaderboard(m) {
  if (!m.you) return;
  setScore(m.you.score);
  const last = m.index + 1 >= m.total;
  render(panel("rank", m.you.rank <= 3 ? "trophy" : null, `You're ${ordinal(m.you.rank)}`,
    el("p", { class: "lead" }, `of ${plural(m.players, "player")} · ${m.you.score.toLocaleString("en")} points`),
    m.teams ? teamLine(m.teams, "Your team is") : null,
    el("p", { class: "waiting" }, last ? "The podium is next…" : "Next question coming up…")));
  announce(`You're ${ordinal(m.you.rank)} of ${m.players}, with ${m.you.score} points.`);
  focusHeading();
}

function onFinished(m) {
  state = "finished";
  localStorage.removeItem(tokenKey(pin));
  const you = m.you || {};
  setScore(you.score);
  render(panel(you.rank && you.rank <= 3 ? `finished podium-${you.rank}` : "finished", you.rank && you.rank <= 3 ? "trophy" : "flag", "Game over",
    you.rank ? el("p", { class: "big-rank" }, ordinal(you.rank)) : null,
    you.rank ? el("p", { class: "lead" }, `of ${plural(you.players || 0, "player")} · ${(you.score || 0).toLocaleString("en")} points`) : null,
    m.teams ? teamLine(m.teams, "Your team finished") : null,
    el("p", {}, el("a", { href: location.pathname, class: "button-link" }, "Join another game"))));
  announce(you.rank ? `Game over. You finished ${ordinal(you.rank)} with ${you.score} points.` : "Game over.");
  focusHeading();
  if (socket) { socket.stop(); socket = null; }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const thePin = pinInput.value.replace(/\s+/g, "");
  const nickname = nickInput.value.trim();
  if (!/^\d{6}$/.test(thePin)) { joinError.textContent = "The game PIN has 6 digits."; pinInput.focus(); return; }
  if (!nickname) { joinError.textContent = "Choose a nickname."; nickInput.focus(); return; }
  joinError.textContent = "";
  joinButton.disabled = true;
  localStorage.removeItem(tokenKey(thePin));
  start(thePin, { type: "join", nickname });
});

// This phone already joined the game in the address (a reload, a tab the phone discarded): resume at once.
if (/^\d{6}$/.test(pinInput.value) && localStorage.getItem(tokenKey(pinInput.value))) {
  joinScreen.hidden = true;
  gameScreen.hidden = false;
  render(panel("lobby", null, "Rejoining…"));
  start(pinInput.value, null);
} else {
  (pinInput.value ? nickInput : pinInput).focus();
}
