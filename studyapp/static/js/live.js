// Live quiz pages: ask the server about once a second whether the session has moved on,
// and reload when it has; meanwhile count down and show the answers coming in.
"use strict";

(() => {
  const root = document.querySelector("[data-live-state]");
  if (!root) return;
  const stateUrl = root.dataset.liveState;
  const revision = root.dataset.revision;
  const countdown = root.querySelector("[data-live-countdown]");
  let deadline = root.dataset.remainingMs === "" ? null : Date.now() + Number(root.dataset.remainingMs);

  const showCountdown = () => {
    if (!countdown || deadline === null) return;
    const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    countdown.textContent = `${seconds} s`;
  };

  const poll = async () => {
    try {
      const response = await fetch(stateUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const state = await response.json();
        if (String(state.revision) !== revision) {
          window.location.reload();
          return;
        }
        deadline = state.remaining_ms === null ? null : Date.now() + state.remaining_ms;
        const answers = root.querySelector("[data-live-answers]");
        if (answers && state.answers !== undefined) answers.textContent = String(state.answers);
        const players = root.querySelector("[data-live-players]");
        if (players && state.players !== undefined) players.textContent = String(state.players);
      }
    } catch (error) {
      // A dropped connection: try again on the next beat; the page rejoins by itself.
    }
    window.setTimeout(poll, 1000);
  };

  showCountdown();
  window.setInterval(showCountdown, 250);
  window.setTimeout(poll, 1000);
})();
