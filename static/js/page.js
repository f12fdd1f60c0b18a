// Small behaviours every page may use, written here instead of inline handlers and style attributes (the
// Content-Security-Policy allows neither):
//   <select data-submit-on-change>  sends its form as soon as another option is chosen;
//   <span data-colour="#198754">    gets that background, a colour the Pemda chose (predikat bands);
//   <button data-confirm="Hapus …?"> asks first, and sends its form only when the person agrees.
// htmx.onLoad also runs for content htmx swaps in later (a capaian cell recomputed while typing).
(function () {
  "use strict";

  function apply(root) {
    const own = root.matches && root.matches("[data-colour]") ? [root] : [];
    own.concat(Array.from(root.querySelectorAll("[data-colour]"))).forEach((element) => {
      element.style.background = element.dataset.colour;
    });
  }

  document.addEventListener("change", (event) => {
    const select = event.target.closest ? event.target.closest("[data-submit-on-change]") : null;
    if (select && select.form) select.form.submit();
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  if (window.htmx) {
    window.htmx.onLoad(apply);
  } else {
    apply(document);
  }
})();
