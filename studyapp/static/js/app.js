// Small progressive enhancements; every page works without this file.
"use strict";

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyTarget);
  if (!source) return;
  source.select();
  const done = () => { button.textContent = "Copied"; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(source.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});

// The time zone setting: offer this device's own zone when the list shows another.
(() => {
  const select = document.querySelector('select[name="time_zone"]');
  const zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!select || !zone || select.value === zone || ![...select.options].some((option) => option.value === zone)) {
    return;
  }
  const offer = document.createElement("button");
  offer.type = "button";
  offer.className = "link-button";
  offer.textContent = `Use this device's time zone (${zone})`;
  offer.addEventListener("click", () => {
    select.value = zone;
    offer.remove();
    select.focus();
  });
  select.insertAdjacentElement("afterend", offer);
})();
