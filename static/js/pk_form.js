// Perjanjian Kinerja form: the quarterly targets before the chosen version starts stay those of the version before,
// so their inputs turn read-only (the server checks it too).
(() => {
  const choice = document.querySelector("[data-pk-berlaku]");
  if (!choice) return;
  const update = () => {
    const start = choice.value === "ubah" ? Number(choice.dataset.pkStart || 1) : Number(choice.value) || 1;
    document.querySelectorAll("[data-pk-tw]").forEach((input) => {
      const frozen = Number(input.dataset.pkTw) < start;
      input.readOnly = frozen;
      input.classList.toggle("pk-beku", frozen);
      input.title = frozen ? "Target triwulan ini tetap seperti versi sebelumnya" : "";
    });
  };
  choice.addEventListener("change", update);
  update();
})();
