// Keyboard study: Space shows the answer, 1-4 rate or pick a choice, Enter checks.
// Every action is also a plain button or form, so touch and no-script use work the same.
// With scripts, the answer is shown in place and a rating brings the next card in place,
// one request per card instead of three page loads.
"use strict";

(() => {
  if (!document.querySelector("[data-study-card]")) return;
  let shownAt = performance.now();
  const currentCard = () => document.querySelector("[data-study-card]");

  const typing = (element) => element && (element.tagName === "TEXTAREA" || element.tagName === "SELECT" ||
    (element.tagName === "INPUT" && !["radio", "checkbox", "submit", "button"].includes(element.type)));

  const reveal = (card) => {
    const back = card.querySelector("[data-card-back]");
    if (!back) return false;
    back.hidden = false;
    card.querySelector("[data-reveal-form]")?.remove();
    (card.querySelector('[data-study-rating] button[data-key="3"]') || back).focus();
    return true;
  };

  const notice = (card, message) => {
    let box = card.querySelector("[data-study-notice]");
    if (!box) {
      box = document.createElement("p");
      box.className = "flash flash-info";
      box.setAttribute("role", "alert");
      box.dataset.studyNotice = "";
      card.prepend(box);
    }
    box.textContent = message;
  };

  // Put the next card where the answered one was, and give it the keyboard focus.
  const showNext = (card, answer) => {
    const holder = document.createElement("div");
    holder.innerHTML = answer.html;  // rendered (and escaped) by the server's own templates
    const next = holder.firstElementChild;
    card.replaceWith(next);
    document.title = `${answer.title} · StudyApp`;
    shownAt = performance.now();
    if (answer.notice) notice(next, answer.notice);
    const target = next.querySelector("[autofocus]") || next.querySelector("h1, legend, label.card-prompt");
    if (target) {
      if (!target.matches("button, input, select, a")) target.tabIndex = -1;
      target.focus();
    }
  };

  const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
  const RETRY_DELAYS_MS = [1000, 2000, 4000];

  // Send the rating; while the server cannot be reached or says "try again" (503), try a
  // few more times. The card's token makes every retry safe: an answer counts once.
  const sendRating = async (form, submitter) => {
    const card = form.closest("[data-study-card]");
    const buttons = form.querySelectorAll("button");
    if (form.dataset.sending) return;  // a second click while the first is on its way
    form.dataset.sending = "1";
    buttons.forEach((button) => { button.disabled = true; });
    const body = new FormData(form);
    body.set("rating", submitter.value);
    let message = "That rating was not saved. Please try again.";
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt += 1) {
      if (attempt > 0) {
        notice(card, `${message} Trying again…`);
        await pause(RETRY_DELAYS_MS[attempt - 1]);
      }
      let response;
      try {
        response = await fetch(form.action, {
          method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
        });
      } catch (_error) {
        message = "Could not reach StudyApp, so the rating is not saved yet. Check the connection.";
        continue;
      }
      const answer = await response.json().catch(() => ({}));
      if (response.ok && answer.html) {
        showNext(card, answer);
        return;
      }
      message = answer.message || message;
      if (response.status !== 503) break;
    }
    notice(card, `${message} Press the rating again when ready.`);
    delete form.dataset.sending;
    buttons.forEach((button) => { button.disabled = false; });
  };

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches("[data-reveal-form]")) {
      if (reveal(form.closest("[data-study-card]"))) event.preventDefault();
      return;
    }
    if (form.matches("[data-study-rating]") && event.submitter && window.fetch) {
      event.preventDefault();
      sendRating(form, event.submitter);
      return;
    }
    if (form.matches("[data-quiz-form]")) {
      // The time spent on the question, by the page's own clock (the server caps and checks it).
      const field = form.querySelector('input[name="elapsed_ms"]');
      if (field) field.value = String(Math.round(performance.now() - shownAt));
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (typing(event.target)) return;  // Enter submits the typed answer by itself
    const card = currentCard();
    if (!card) return;
    if (event.key === " ") {
      const showAnswer = card.querySelector('[data-key="space"]');
      if (showAnswer) { event.preventDefault(); showAnswer.click(); }
      return;
    }
    if (/^[1-4]$/.test(event.key)) {
      const rate = card.querySelector(`[data-study-rating] button[data-key="${event.key}"]`);
      if (rate && rate.offsetParent !== null) { event.preventDefault(); rate.click(); return; }
      const choice = card.querySelector(`input[type="radio"][data-key="${event.key}"]`);
      if (choice) { event.preventDefault(); choice.checked = true; choice.focus(); }
      return;
    }
    if (event.key === "Enter") {
      const quiz = card.querySelector("[data-quiz-form]");
      if (quiz) { event.preventDefault(); quiz.requestSubmit(); }
    }
  });
})();
