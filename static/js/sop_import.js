// Import preview: "Terima semua saran pelaksana" sets every step's pelaksana select of that file to the
// column its uraian names (data-saran). Without JavaScript each select is chosen by hand.
(function () {
  "use strict";
  document.querySelectorAll(".import-choices").forEach((box) => {
    const selects = Array.from(box.querySelectorAll("select[data-saran]"));
    const button = box.querySelector("[data-accept-suggestions]");
    if (!button || !selects.length) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      selects.forEach((select) => {
        select.value = select.dataset.saran;
      });
    });
  });
})();
