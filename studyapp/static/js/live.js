// Live quiz pages. The host's page asks about once a second whether the session has moved
// on, and reloads when it has. A player's page asks the server to answer as soon as the game
// moves on (the server holds the question open where it can), then draws the new phase from
// what every player may see, with the player's own score once the answer is revealed.
// Everything drawn here is set as text, never as HTML.
"use strict";

(() => {
  const root = document.querySelector("[data-live-state]");
  if (!root) return;
  const stateUrl = root.dataset.liveState;
  let revision = Number(root.dataset.revision);
  let deadline = root.dataset.remainingMs === "" ? null : Date.now() + Number(root.dataset.remainingMs);
  const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  const showCountdown = () => {
    const countdown = root.querySelector("[data-live-countdown]");
    if (!countdown || deadline === null) return;
    const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    countdown.textContent = `${seconds} s`;
  };
  showCountdown();
  window.setInterval(showCountdown, 250);

  const getJson = async (url) => {
    const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
    return response.ok ? response.json() : null;
  };

  if (!root.hasAttribute("data-live-player")) {
    // The host: one page, reloaded at each move, with the answer count kept current meanwhile.
    const poll = async () => {
      try {
        const state = await getJson(stateUrl);
        if (state) {
          if (state.revision !== revision) { window.location.reload(); return; }
          deadline = state.remaining_ms === null ? null : Date.now() + state.remaining_ms;
          const answers = root.querySelector("[data-live-answers]");
          if (answers && state.answers !== undefined) answers.textContent = String(state.answers);
          const players = root.querySelector("[data-live-players]");
          if (players && state.players !== undefined) players.textContent = String(state.players);
        }
      } catch (_error) {
        // A dropped connection: try again on the next beat.
      }
      window.setTimeout(poll, 1000);
    };
    window.setTimeout(poll, 1000);
    return;
  }

  // --- A player's phone ---
  const view = root.querySelector("[data-live-view]");
  let answered = root.dataset.answered === "" ? null : Number(root.dataset.answered);
  let me = null;  // the player's own score and place, as of the last reveal

  const element = (tag, text, className) => {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  };

  const showMe = (me) => {
    if (!me) return;
    root.querySelector("[data-live-score]").textContent = String(me.score);
  };

  const sendAnswer = async (form, button, state) => {
    form.querySelectorAll("button").forEach((choice) => { choice.disabled = true; });
    const body = new FormData();
    body.set("csrf_token", root.dataset.csrf);
    body.set("index", String(state.index));
    body.set("choice", button.value);
    let message = "Your answer could not be sent. Tap it again.";
    try {
      const response = await fetch(root.dataset.answer, {
        method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
      });
      const reply = await response.json().catch(() => ({}));
      if (response.ok && reply.recorded) {
        answered = state.index;
        draw(state, me);
        return;
      }
      message = reply.message || message;
    } catch (_error) {
      // no connection: say so below
    }
    view.querySelector("[data-live-message]")?.remove();
    const note = element("p", message, "flash flash-error");
    note.dataset.liveMessage = "";
    note.setAttribute("role", "alert");
    form.before(note);
    form.querySelectorAll("button").forEach((choice) => { choice.disabled = false; });
  };

  const draw = (state, me) => {
    const parts = [];
    const { phase, question } = state;
    if (phase === "lobby") {
      parts.push(element("h1", "You're in!"), element("p", "Watch the big screen: the quiz starts soon."));
    } else if (phase === "question" && question) {
      const label = element("p", `Question ${state.index + 1} · `, "live-label");
      const countdown = element("span", "", "countdown");
      countdown.dataset.liveCountdown = "";
      label.append(countdown);
      if (state.paused) label.append(" (paused)");
      parts.push(label);
      if (answered === state.index) {
        parts.push(element("h1", "Answer sent"), element("p", "Waiting for the others…"));
      } else {
        parts.push(element("h1", question.prompt, "live-prompt"));
        const form = element("form", undefined, "live-answer-form");
        question.choices.forEach((choice, position) => {
          const button = element("button", choice, `live-choice choice-${position + 1}`);
          button.type = "submit";
          button.value = choice;
          form.append(button);
        });
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          if (event.submitter) sendAnswer(form, event.submitter, state);
        });
        parts.push(form);
      }
    } else if (phase === "reveal" && question) {
      const result = me && me.result;
      if (result) {
        parts.push(element("h1", result.correct ? `Right! +${result.points}` : "Not this time",
                           `verdict ${result.correct ? "verdict-right" : "verdict-wrong"}`));
      } else {
        parts.push(element("h1", "Time's up", "verdict verdict-wrong"));
      }
      const said = element("p", "The answer: ");
      said.append(element("strong", question.answer));
      parts.push(said);
    } else if (phase === "leaderboard") {
      parts.push(element("h1", me ? `You are number ${me.rank}` : "Leaderboard"),
                 element("p", "Next question coming up."));
    } else if (phase === "finished") {
      parts.push(element("h1", me ? `Finished: number ${me.rank} with ${me.score} points` : "Finished"));
      const podium = element("ol", undefined, "podium");
      (state.top || []).forEach((place, position) => {
        const item = element("li", undefined, `place-${position + 1}`);
        item.append(element("span", place.nickname), " ", element("strong", String(place.score)));
        podium.append(item);
      });
      parts.push(podium);
    }
    view.replaceChildren(...parts);
    showCountdown();
  };

  const follow = async () => {
    for (;;) {
      const asked = Date.now();
      try {
        const state = await getJson(`${stateUrl}?after=${revision}`);
        if (state) {
          deadline = state.remaining_ms === null ? null : Date.now() + state.remaining_ms;
          if (state.revision !== revision) {
            revision = state.revision;
            if (state.me) {
              // From the reveal on, the player's own verdict, score and place come with the state.
              me = state.me;
              showMe(me);
            } else if (state.phase === "reveal" || (["leaderboard", "finished"].includes(state.phase) && !me)) {
              // Scores change only until the reveal, so the reveal's answer serves the
              // leaderboard and the podium after it.
              me = await getJson(root.dataset.me);
              showMe(me);
            } else if (state.phase === "question") {
              me = null;
            }
            draw(state, me);
          }
        }
      } catch (_error) {
        // A dropped connection or a server restart: ask again shortly; the page keeps its player.
      }
      // A server that cannot hold the question open answers at once: then ask once a second.
      if (Date.now() - asked < 500) await pause(1000);
    }
  };
  follow();
})();
