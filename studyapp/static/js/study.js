// Keyboard study: Space shows the answer, 1-4 rate or pick a choice, Enter checks.
// Every action is also a plain button or form, so touch and no-script use work the same.
"use strict";

(() => {
  const card = document.querySelector("[data-study-card]");
  if (!card) return;
  const loadedAt = performance.now();

  const typing = (element) => element && (element.tagName === "TEXTAREA" || element.tagName === "SELECT" ||
    (element.tagName === "INPUT" && !["radio", "checkbox", "submit", "button"].includes(element.type)));

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (typing(event.target)) return;  // Enter submits the typed answer by itself
    if (event.key === " ") {
      const reveal = card.querySelector('[data-key="space"]');
      if (reveal) { event.preventDefault(); reveal.click(); }
      return;
    }
    if (/^[1-4]$/.test(event.key)) {
      const rate = card.querySelector(`[data-study-rating] button[data-key="${event.key}"]`);
      if (rate) { event.preventDefault(); rate.click(); return; }
      const choice = card.querySelector(`input[type="radio"][data-key="${event.key}"]`);
      if (choice) { event.preventDefault(); choice.checked = true; choice.focus(); }
      return;
    }
    if (event.key === "Enter") {
      const quiz = card.querySelector("[data-quiz-form]");
      if (quiz) { event.preventDefault(); quiz.requestSubmit(); }
    }
  });

  // The time spent on the question, by the page's own clock (the server caps and checks it).
  const quiz = card.querySelector("[data-quiz-form]");
  if (quiz) {
    quiz.addEventListener("submit", () => {
      const field = quiz.querySelector('input[name="elapsed_ms"]');
      if (field) field.value = String(Math.round(performance.now() - loadedAt));
    });
  }
})();
