// The host screen on the projector: lobby, questions, the reveal chart, an animated leaderboard and the podium.
// Everything is rebuilt from the server's snapshot on reload; nicknames go in as text only (see el()).
import { roomSocket, el, tile, icon, shapeIcon, shapeOf, countdown, announce, plural, ordinal, reducedMotion } from "./socket.js";

const root = document.getElementById("host");
const pin = root.dataset.pin;
const stage = document.getElementById("host-stage");
const count = document.getElementById("player-count");
const optionsLine = document.getElementById("game-options");
const buttons = {
  start: document.getElementById("btn-start"),
  next: document.getElementById("btn-next"),
  skip: document.getElementById("btn-skip"),
  end: document.getElementById("btn-end"),
};
const lockButton = document.getElementById("btn-lock");
const players = new Map();
let stopTimer = () => {};
let phase = "connecting";
// The question on screen, kept for this tab so a reload during the reveal can still label the chart.
const questionKey = `quizgame:host-question:${pin}`;
let lastQuestion = readStored(questionKey);
let locked = false;
let previousBoard = new Map(); // nickname -> { index, score } on the last leaderboard shown
let previousTeams = new Map(); // team id -> { index, score }
let teams = null; // team game: [{ id, name, color, score, rank, members }]
let shown = [];
let busy = false;
let busyTimer = null;

function readStored(key) {
  try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch { return null; }
}

function setPhase(name) {
  phase = name;
  root.dataset.phase = name;
  lockButton.hidden = name === "finished" || name === "gone" || name === "connecting";
}

function setLocked(value) {
  locked = !!value;
  root.dataset.locked = String(locked);
  document.getElementById("join-locked").hidden = !locked;
  // A toggle keeps its name; aria-pressed (and the styling that follows it) says which way it is set.
  lockButton.setAttribute("aria-pressed", String(locked));
}

function render(...nodes) {
  stopTimer();
  stopTimer = () => {};
  stage.replaceChildren(...nodes.flat().filter((node) => node != null && node !== false));
}

// Which buttons show; the primary one takes the focus, so a presenter can drive the game with Enter or Space.
function controls(which, nextLabel = "Next") {
  shown = which;
  for (const [name, b] of Object.entries(buttons)) b.hidden = !which.includes(name);
  buttons.next.textContent = nextLabel;
  busy = false;
  clearTimeout(busyTimer);
  refreshButtons();
  const primary = which.includes("start") ? buttons.start : which.includes("next") ? buttons.next : null;
  const active = document.activeElement;
  const focusLost = !active || active === document.body || active.hidden || active.closest("[hidden]");
  if (primary && !primary.disabled && (focusLost || Object.values(buttons).includes(active))) primary.focus({ preventScroll: true });
}

function refreshButtons() {
  for (const b of Object.values(buttons)) b.disabled = busy;
  if (!busy) buttons.start.disabled = players.size === 0;
}

// One command at a time: a double click must not close a question and skip its reveal.
function command(type) {
  if (busy) return;
  if (!socket.send({ type })) { flash("Not connected. Wait for the connection to come back."); return; }
  busy = true;
  refreshButtons();
  busyTimer = setTimeout(() => { busy = false; refreshButtons(); }, 4000);
}

function flash(text) {
  const old = stage.querySelector(".host-error");
  if (old) old.remove();
  stage.append(el("p", { class: "host-error", role: "alert" }, text));
}

function updateCount() {
  count.textContent = plural(players.size, "player");
  if (phase === "lobby") refreshButtons();
}

function teamColor(team) { return /^#[0-9a-f]{6}$/i.test(team.color || "") ? team.color : "#5b5b66"; }

function playerChip(p, fresh = false) {
  const move = teams && teams.length ? el("select", {
    class: "move-team", "aria-label": `Team for ${p.nickname}`,
    onchange: (e) => socket.send({ type: "move", player: p.id, team: Number(e.currentTarget.value) }),
  }, p.team == null ? el("option", { value: "", selected: true, disabled: true }, "No team") : null,
  teams.map((t) => el("option", { value: String(t.id), selected: t.id === p.team }, t.name))) : null;
  return el("li", { "data-player": p.id, class: fresh ? "new" : "" },
    el("span", { class: "nick" }, p.nickname),
    move,
    el("button", { type: "button", class: "kick", "aria-label": `Remove ${p.nickname}`, title: `Remove ${p.nickname}`, onclick: () => socket.send({ type: "kick", player: p.id }) }, icon("remove")));
}

// The lobby list changes one chip at a time, so only the newcomer pops in. A team game shows a column per team.
function lobby() {
  setPhase("lobby");
  render(
    el("h1", { class: "lobby-title" }),
    el("div", { class: "lobby-list" }),
    el("p", { class: "lobby-empty" }, "Nicknames appear here as players join."));
  lobbyUpdate();
  controls(["start", "end"]);
}

function lobbyUpdate(change = {}) {
  const holder = stage.querySelector(".lobby-list");
  if (!holder) return;
  if (teams && teams.length) {
    const columns = [...teams.map((t) => ({ team: t, members: [...players.values()].filter((p) => p.team === t.id) }))];
    const loose = [...players.values()].filter((p) => p.team == null);
    if (loose.length) columns.push({ team: { id: null, name: "Choosing a team", color: "#5b5b66" }, members: loose });
    holder.replaceChildren(el("div", { class: "team-columns" }, columns.map(({ team, members }) =>
      el("section", { class: "team-column", style: `--team: ${teamColor(team)}`, "aria-label": `${team.name}: ${plural(members.length, "player")}` },
        el("h2", {}, el("span", { class: "swatch", "aria-hidden": "true" }), el("span", { class: "team-name" }, team.name), el("span", { class: "team-count" }, `${members.length}`)),
        el("ul", { class: "lobby-players" }, members.map((p) => playerChip(p, p.id === change.joined?.id)))))));
  } else {
    let list = holder.querySelector(".lobby-players");
    if (!list) { list = el("ul", { class: "lobby-players", "aria-label": "Players in the game" }, [...players.values()].map((p) => playerChip(p))); holder.replaceChildren(list); }
    else if (change.joined) list.append(playerChip(change.joined, true));
    if (change.left) list.querySelector(`[data-player="${change.left}"]`)?.remove();
  }
  stage.querySelector(".lobby-title").textContent = players.size ? "Players are joining" : "Waiting for players…";
  stage.querySelector(".lobby-empty").hidden = players.size > 0;
  refreshButtons();
  if (players.size && document.activeElement === document.body) buttons.start.focus({ preventScroll: true });
}

const socket = roomSocket(`/ws/host/${pin}/`, {
  onMessage: handle,
  onFatal: (code) => {
    setPhase("gone");
    const why = { 4403: "This game is not yours to host.", 4404: "This game no longer exists." }[code] || "The server closed this screen's connection.";
    render(el("h1", {}, why), el("p", {}, el("a", { href: "/host/" }, "Back to your games")));
    controls([]);
  },
});

function handle(m) {
  switch (m.type) {
    case "lobby":
      setLocked(m.locked);
      teams = m.team_mode ? m.teams || [] : null;
      root.dataset.teams = String(!!teams);
      players.clear();
      m.players.forEach((p) => players.set(p.id, p));
      if (optionsLine && m.options) {
        optionsLine.textContent = [m.team_mode ? plural((m.teams || []).length, "team") : null, m.options.timer ? "Timed questions" : "No time limit", m.options.speed_scoring ? "faster answers score more" : "every right answer scores the same", plural(m.total, "question")].filter(Boolean).join(" · ");
      }
      updateCount();
      if (m.phase === "lobby") lobby();
      return;
    case "player_joined":
      if (players.has(m.player.id)) return;
      players.set(m.player.id, m.player);
      updateCount();
      if (phase === "lobby") lobbyUpdate({ joined: m.player });
      return;
    case "player_moved": {
      const moved = players.get(m.player.id);
      if (moved) moved.team = m.team;
      if (phase === "lobby") lobbyUpdate();
      return;
    }
    case "player_left":
      players.delete(m.player.id);
      updateCount();
      if (phase === "lobby") lobbyUpdate({ left: m.player.id });
      return;
    case "question": return onQuestion(m);
    case "answers": {
      const answered = document.getElementById("answered");
      if (answered && lastQuestion && m.index === lastQuestion.index) {
        answered.replaceChildren(el("strong", {}, `${m.answered}`), ` / ${m.players} answered`);
      }
      return;
    }
    case "reveal": return onReveal(m);
    case "leaderboard": return onLeaderboard(m);
    case "finished": return onFinished(m);
    case "error":
      busy = false;
      refreshButtons();
      if (m.code !== "wrong_phase") flash(m.message);
      return;
    case "locked":
      setLocked(m.locked);
      announce(m.locked ? "Joining is locked." : "Players can join again.");
      return;
    case "pong": return;
  }
}

function onQuestion(m) {
  setPhase("question");
  lastQuestion = m;
  try { sessionStorage.setItem(questionKey, JSON.stringify(m)); } catch { /* private mode: the chart loses its labels on reload */ }
  const q = m.question;
  const timer = el("div", { class: "big-timer" });
  const items = q.type === "matching"
    ? el("div", { class: "match-cols" },
      el("ul", { "aria-label": "Items" }, q.left.map((l) => el("li", {}, l.text))),
      el("ul", { "aria-label": "Partners" }, q.right.map((r) => el("li", {}, r.text))))
    : q.type === "typed" ? el("p", { class: "typed-hint" }, "Type your answer on your phone.")
    : q.type === "ordering" ? el("ul", { class: "order-items" }, q.choices.map((c) => el("li", {}, c.text)))
    : el("div", { class: "tiles host-tiles" }, q.choices.map((c) => tile(c.key, c.text, { disabled: true, tabindex: "-1" })));
  const hint = { multiple: `Pick ${q.select}.`, ordering: "Put these in order on your phone.", matching: "Match each item on your phone." }[q.type];
  render(
    el("div", { class: "q-head" },
      el("span", { class: "q-count" }, `Question ${m.index + 1} of ${m.total}`),
      timer,
      el("span", { id: "answered", class: "answered" }, el("strong", {}, "0"), ` / ${players.size} answered`)),
    el("h1", { class: "stem" }, q.stem),
    hint ? el("p", { class: "hint" }, hint) : null,
    q.points === 2 ? el("p", { class: "badge" }, "Double points") : null,
    items,
  );
  stopTimer = countdown(timer, { closesAt: m.closes_at, opensAt: m.opened_at, timeLimit: m.time_limit, serverNow: socket.serverNow });
  announce(`Question ${m.index + 1} of ${m.total}. ${q.stem}`);
  controls(["next", "skip", "end"], "Close question");
}

function bars(rows) {
  // rows: [{ label: Node|string, count, correct, color }]; heights start at zero and grow to their value.
  const max = Math.max(1, ...rows.map((r) => r.count));
  const chart = el("div", { class: "chart" }, rows.map((r) => {
    const bar = el("div", { class: `bar ${r.color ? `tile-${r.color}` : ""}`, "data-height": String(Math.round((r.count / max) * 100)) });
    return el("div", { class: `bar-col ${r.correct ? "is-correct" : "is-wrong"}` },
      el("div", { class: "bar-area" }, el("div", { class: "bar-count" }, String(r.count)), bar),
      el("div", { class: "bar-label" }, r.label, r.correct ? el("span", { class: "correct-mark" }, icon("check", "icon"), el("span", { class: "visually-hidden" }, " (correct)")) : null));
  }));
  return chart;
}

function growBars() {
  const fill = () => stage.querySelectorAll(".bar[data-height]").forEach((bar) => { bar.style.height = `${bar.dataset.height}%`; });
  if (reducedMotion()) fill(); else requestAnimationFrame(() => requestAnimationFrame(fill));
}

function onReveal(m) {
  setPhase("reveal");
  const q = lastQuestion && lastQuestion.index === m.index ? lastQuestion.question : null;
  const d = m.distribution || {};
  const s = m.solution || {};
  const parts = [];
  parts.push(el("div", { class: "q-head" }, el("span", { class: "q-count" }, `Question ${m.index + 1} of ${m.total}`),
    el("span", { class: "answered" }, `${d.answered || 0} answered`)));
  if (q) parts.push(el("h1", { class: "stem stem-small" }, q.stem));
  if (m.skipped) {
    parts.push(el("h2", { class: "reveal-title" }, "Question skipped"));
  } else {
    let said = "";
    if (d.choices) {
      // Labelled by the question's text; a screen opened fresh mid-reveal falls back to the shapes' names.
      const correct = new Set(s.choices || []);
      const text = (key) => (q && q.choices ? q.choices.find((c) => c.key === key).text : shapeOf(key).name);
      parts.push(el("h2", { class: "visually-hidden" }, "How the room answered"));
      parts.push(bars(d.choices.map((count, key) => ({
        label: [shapeIcon(key, "shape bar-shape"), el("span", {}, text(key))], count, correct: correct.has(key), color: shapeOf(key).color,
      }))));
      said = `The answer: ${[...correct].map(text).join(" and ")}.`;
    } else {
      const answer = s.accepted ? el("p", { class: "solution-line" }, s.accepted.join(" · "))
        : q && s.order ? el("ol", { class: "solution-list" }, s.order.map((k) => el("li", {}, q.choices.find((c) => c.key === k).text)))
        : q && s.pairs ? el("ul", { class: "solution-list" }, s.pairs.map(([l, r]) => el("li", {}, `${q.left.find((x) => x.key === l).text} → ${q.right.find((x) => x.key === r).text}`)))
        : null;
      const chart = bars([
        { label: "Right", count: d.correct || 0, correct: true, color: "green" },
        { label: "Wrong", count: d.incorrect || 0, correct: false, color: "red" },
      ]);
      chart.classList.add("chart-small");
      const top = d.top && d.top.length ? el("div", { class: "typed-top" }, el("h3", {}, "Most common answers"),
        el("ol", {}, d.top.map((t) => el("li", {}, el("span", {}, t.text), el("span", { class: "muted" }, ` × ${t.count}`))))) : null;
      parts.push(el("div", { class: "reveal-split" },
        el("div", {}, el("h2", { class: "reveal-title" }, "The answer"), answer, top), chart));
      said = answer ? `The answer: ${answer.textContent}.` : "";
    }
    said += ` ${d.correct !== undefined ? `${d.correct} right, ${d.incorrect} wrong.` : ""}`;
    announce(said.trim());
  }
  if (m.teams && !m.skipped) {
    parts.push(el("ul", { class: "team-strip", "aria-label": "What this question earned each team" }, m.teams.map((t) =>
      el("li", { style: `--team: ${teamColor(t)}` }, el("span", { class: "swatch", "aria-hidden": "true" }), el("span", { class: "team-name" }, t.name),
        el("strong", {}, `+${(t.points || 0).toLocaleString("en")}`)))));
  }
  if (!m.skipped && (m.explanation || m.excerpt)) {
    parts.push(el("div", { class: "why" },
      m.explanation ? el("p", { class: "explanation" }, m.explanation) : null,
      m.excerpt ? el("blockquote", { class: "excerpt" }, m.excerpt, m.source ? el("cite", {}, m.source) : null) : null));
  }
  render(...parts);
  growBars();
  controls(["next", "end"], "Leaderboard");
}

// A ranked list whose rows move from where they stood last time to their new place while the scores count up.
function board(rows, { key, name, label, extra, previous }) {
  const items = rows.map((r, i) => {
    const score = el("span", { class: "score" }, r.score.toLocaleString("en"));
    const li = el("li", { class: r.rank <= 3 ? `top-${r.rank}` : "" },
      el("span", { class: "rank" }, `${r.rank}`), el("span", { class: "name" }, name(r)), extra ? extra(r) : null, score);
    return { r, li, score, i };
  });
  const list = el("ol", { class: "leaderboard", "aria-label": label }, items.map((x) => x.li));
  const animate = () => {
    if (reducedMotion() || !items.length) return;
    const height = items[0].li.getBoundingClientRect().height + 12;
    for (const { r, li, score, i } of items) {
      const before = previous.get(key(r));
      const from = before ? before.index : items.length + 1;
      li.animate([{ transform: `translateY(${(from - i) * height}px)`, opacity: before ? 1 : 0 }, { transform: "none", opacity: 1 }],
        { duration: 900, delay: 150 + i * 60, easing: "cubic-bezier(.2,.8,.2,1)", fill: "backwards" });
      countUp(score, before ? before.score : 0, r.score, 900);
    }
  };
  const next = new Map(rows.map((r, i) => [key(r), { index: i, score: r.score }]));
  return { list, animate, next };
}

function onLeaderboard(m) {
  setPhase("leaderboard");
  const last = m.index + 1 >= m.total;
  const streak = (r) => (r.streak > 1 ? el("span", { class: "streak", title: `${r.streak} right in a row` }, icon("flame", "icon"), el("span", {}, `${r.streak}`), el("span", { class: "visually-hidden" }, " in a row")) : null);
  const people = board(m.top, { key: (r) => r.nickname, name: (r) => r.nickname, label: "Top players", extra: streak, previous: previousBoard });
  const sub = el("p", { class: "board-sub" }, `After question ${m.index + 1} of ${m.total} · ${plural(m.players, "player")}`);
  if (m.teams) {
    const swatch = (t) => el("span", { class: "swatch", style: `--team: ${teamColor(t)}`, "aria-hidden": "true" });
    const squads = board(m.teams, { key: (t) => t.id, name: (t) => [swatch(t), t.name], label: "Teams", previous: previousTeams });
    render(el("h1", { class: "board-title" }, "Leaderboard"), sub,
      el("div", { class: "boards" }, el("section", {}, el("h2", {}, "Teams"), squads.list), el("section", {}, el("h2", {}, "Top players"), people.list)));
    squads.animate();
    previousTeams = squads.next;
  } else {
    render(el("h1", { class: "board-title" }, "Leaderboard"), sub, people.list);
  }
  people.animate();
  previousBoard = people.next;
  const leaders = m.teams ? m.teams.slice(0, 3).map((t) => `${ordinal(t.rank)} ${t.name}, ${t.score} points`) : m.top.slice(0, 3).map((r) => `${ordinal(r.rank)} ${r.nickname}, ${r.score} points`);
  announce(`Leaderboard. ${leaders.join(". ")}.`);
  controls(["next", "end"], last ? "Podium" : "Next question");
}

function countUp(node, from, to, duration) {
  if (from === to) return;
  const started = performance.now();
  const step = (now) => {
    const t = Math.min(1, (now - started) / duration);
    node.textContent = Math.round(from + (to - from) * (1 - (1 - t) ** 3)).toLocaleString("en");
    if (t < 1) requestAnimationFrame(step);
  };
  node.textContent = from.toLocaleString("en");
  requestAnimationFrame(step);
}

function onFinished(m) {
  setPhase("finished");
  const places = { 1: "first", 2: "second", 3: "third" };
  const podiumOf = (rows, label, name, detail) => el("ol", { class: "podium", "aria-label": label }, rows.map((r) =>
    el("li", { class: `place place-${places[r.rank] || "third"}` },
      el("div", { class: "place-name" }, name(r)),
      el("div", { class: "place-score" }, `${r.score.toLocaleString("en")} pts`),
      detail ? detail(r) : null,
      el("div", { class: "place-block" }, el("span", { class: "place-rank" }, ordinal(r.rank))))));
  const standings = m.standings || [];
  const teamPodium = m.teams && m.teams.length
    ? podiumOf(m.teams.filter((t) => t.rank <= 3), "Team podium", (t) => t.name,
      (t) => (t.best_player ? el("div", { class: "place-best" }, "Best: ", el("span", {}, t.best_player.nickname)) : null))
    : null;
  render(
    el("h1", { class: "board-title" }, teamPodium ? "Team podium" : "Podium"),
    teamPodium,
    teamPodium && m.podium.length ? el("h2", { class: "board-title board-title-small" }, "Top players") : null,
    m.podium.length ? podiumOf(m.podium, "Podium", (r) => r.nickname) : el("p", {}, "Nobody played this game."),
    standings.length ? el("details", { class: "standings", open: standings.length <= 8 },
      el("summary", {}, "Final standings"),
      el("table", {},
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Rank"), el("th", { scope: "col" }, "Player"), el("th", { scope: "col" }, "Points"), el("th", { scope: "col" }, "Right answers"))),
        el("tbody", {}, standings.map((r) => el("tr", {}, el("td", {}, `${r.rank}`), el("td", {}, r.nickname), el("td", {}, r.score.toLocaleString("en")), el("td", {}, `${r.correct}`)))))) : null,
    el("p", { class: "after-game" },
      root.dataset.report ? el("a", { href: root.dataset.report, class: "button-link" }, "Game report") : null, " ",
      el("a", { href: "/host/", class: "button-link" }, "Host another game")));
  if (m.teams && m.teams.length) announce(`Game over. Winning team: ${m.teams[0].name}.`);
  else announce(`Game over. ${m.podium.map((r) => `${ordinal(r.rank)}: ${r.nickname}, ${r.score} points`).join(". ")}.`);
  controls([]);
}

buttons.start.addEventListener("click", () => command("start"));
buttons.next.addEventListener("click", () => command("next"));
buttons.skip.addEventListener("click", () => command("skip"));
lockButton.addEventListener("click", () => {
  if (!socket.send({ type: "lock", locked: !locked })) flash("Not connected. Wait for the connection to come back.");
});
buttons.end.addEventListener("click", () => { if (confirm("End the game now? Players go straight to the podium.")) command("end"); });
