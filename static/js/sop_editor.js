// SOP editor: add, remove and reorder rows of the Django formsets without reloading the page.
// Each formset container is [data-formset=PREFIX]; its empty row is <template id="PREFIX-template">.
(function () {
  "use strict";
  const editor = document.getElementById("sop-editor");
  if (!editor) return;

  const visibleRows = (box) => Array.from(box.querySelectorAll(":scope > [data-row]")).filter((row) => !row.hidden);
  const totalInput = (prefix) => editor.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  let newKey = 0;

  function pelaksanaOptions() {
    return visibleRows(editor.querySelector('[data-formset="pelaksana"]')).map((row) => {
      const kunci = row.querySelector('input[name$="-kunci"]');
      const nama = row.querySelector("[data-pelaksana-nama]").value.trim();
      return { kunci: kunci.value, nama: nama || "(pelaksana tanpa nama)" };
    });
  }

  function refreshPelaksanaSelects() {
    const options = pelaksanaOptions();
    editor.querySelectorAll("[data-pelaksana-select]").forEach((select) => {
      const current = select.value || select.dataset.value || "";
      select.innerHTML = "";
      select.append(new Option("—", ""));
      options.forEach((o) => select.append(new Option(o.nama, o.kunci, false, o.kunci === current)));
      if (current && !options.some((o) => o.kunci === current)) {
        select.append(new Option("(pelaksana sudah dihapus)", current, false, true));
      }
      select.dataset.value = select.value;
    });
  }

  function refreshDecisionFields(row) {
    const simbol = row.querySelector('select[name$="-simbol"]');
    const box = row.querySelector("[data-decision]");
    if (simbol && box) box.hidden = simbol.value !== "keputusan";
  }

  // After any reorder or removal: write ORDER, show numbers, and keep keputusan targets pointing at the same steps.
  function renumber(box) {
    const rows = visibleRows(box);
    const isSteps = box.dataset.formset === "langkah";
    const moved = new Map();
    rows.forEach((row, index) => {
      const number = index + 1;
      if (isSteps && row.dataset.number) moved.set(row.dataset.number, String(number));
      row.querySelector("[data-order]").value = number;
      row.querySelectorAll("[data-number]").forEach((el) => { el.textContent = isSteps || box.dataset.formset === "pelaksana" ? number : number + "."; });
      row.dataset.number = number;
    });
    if (isSteps) {
      const removed = new Set(box.dataset.removed ? box.dataset.removed.split(",") : []);
      rows.forEach((row) => {
        row.querySelectorAll('input[name$="-ya_ke"], input[name$="-tidak_ke"]').forEach((input) => {
          if (removed.has(input.value)) input.value = "";
          else if (moved.has(input.value)) input.value = moved.get(input.value);
        });
      });
      box.dataset.removed = "";
      updateTotalTime();
    }
  }

  const minutes = { menit: 1, jam: 60, hari: 450, minggu: 2250, bulan: 9900 };
  // A waktu as the server accepts it (up to 6 digits, up to 2 decimals, more than 0); anything else is null,
  // so a mistyped waktu is left out of the total instead of counted as what parseFloat makes of it.
  function waktuValue(text) {
    const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text || "");
    if (!match) return null;
    const value = parseFloat(match[1] + "." + (match[2] || "0"));
    return value > 0 ? value : null;
  }
  function updateTotalTime() {
    const target = document.getElementById("total-waktu");
    if (!target) return;
    let total = 0;
    const skipped = [];
    visibleRows(editor.querySelector('[data-formset="langkah"]')).forEach((row) => {
      const text = row.querySelector('input[name$="-waktu_nilai"]').value;
      const value = waktuValue(text);
      const unit = row.querySelector('select[name$="-waktu_satuan"]').value;
      if (value !== null) total += value * (minutes[unit] || 1);
      else if ((text || "").trim()) skipped.push(row.dataset.number);
    });
    const days = Math.floor(total / 450), hours = Math.floor((total % 450) / 60), mins = Math.round(((total % 450) % 60) * 100) / 100;
    const parts = [];
    if (days) parts.push(days + " hari");
    if (hours) parts.push(hours + " jam");
    if (mins) parts.push(String(mins).replace(".", ",") + " menit");
    target.textContent = "Total waktu baku: " + (parts.join(" ") || "0 menit") +
      (skipped.length ? " (tanpa langkah " + skipped.join(", ") + ": waktunya belum benar)" : "");
    target.classList.toggle("text-danger", skipped.length > 0);
  }

  function addRow(prefix) {
    const box = editor.querySelector(`[data-formset="${prefix}"]`);
    const total = totalInput(prefix);
    const index = parseInt(total.value, 10);
    const html = document.getElementById(`${prefix}-template`).innerHTML.replace(/__prefix__/g, index);
    const holder = document.createElement("div");
    holder.innerHTML = html.trim();
    const row = holder.firstElementChild;
    box.append(row);
    total.value = index + 1;
    if (prefix === "pelaksana") {
      newKey += 1;
      row.querySelector('input[name$="-kunci"]').value = "n" + Date.now().toString(36) + newKey;
    }
    wireRow(row, box);
    renumber(box);
    if (prefix === "pelaksana" || prefix === "langkah") refreshPelaksanaSelects();
    const first = row.querySelector("textarea, input[type=text]");
    if (first) first.focus();
    return row;
  }

  function removeRow(row, box) {
    row.querySelector("[data-delete]").checked = true;
    row.hidden = true;
    if (box.dataset.formset === "langkah" && row.dataset.number) {
      box.dataset.removed = [box.dataset.removed, row.dataset.number].filter(Boolean).join(",");
    }
    renumber(box);
    if (box.dataset.formset === "pelaksana") refreshPelaksanaSelects();
  }

  function wireRow(row, box) {
    const remove = row.querySelector("[data-remove]");
    if (remove) remove.addEventListener("click", () => removeRow(row, box));
    row.querySelectorAll("[data-move]").forEach((button) => button.addEventListener("click", () => {
      const rows = visibleRows(box);
      const at = rows.indexOf(row);
      const to = at + parseInt(button.dataset.move, 10);
      if (to < 0 || to >= rows.length) return;
      if (to < at) box.insertBefore(row, rows[to]);
      else box.insertBefore(row, rows[to].nextSibling);
      renumber(box);
      button.focus();
    }));
    const simbol = row.querySelector('select[name$="-simbol"]');
    if (simbol) {
      simbol.addEventListener("change", () => refreshDecisionFields(row));
      refreshDecisionFields(row);
    }
    const nama = row.querySelector("[data-pelaksana-nama]");
    if (nama) nama.addEventListener("input", refreshPelaksanaSelects);
    row.querySelectorAll('input[name$="-waktu_nilai"], select[name$="-waktu_satuan"]').forEach((el) => el.addEventListener("input", updateTotalTime));
  }

  editor.querySelectorAll("[data-formset]").forEach((box) => {
    box.querySelectorAll(":scope > [data-row]").forEach((row) => {
      if (row.querySelector("[data-delete]").checked) row.hidden = true;
      wireRow(row, box);
    });
    renumber(box);
    if (window.Sortable) {
      window.Sortable.create(box, { handle: ".drag-handle", animation: 120, onEnd: () => renumber(box) });
    }
  });
  editor.querySelectorAll("[data-add]").forEach((button) => button.addEventListener("click", () => addRow(button.dataset.add)));
  refreshPelaksanaSelects();
  updateTotalTime();

  // Start a new SOP with one empty row where a list is empty, so there is somewhere to type.
  ["pelaksana", "langkah"].forEach((prefix) => {
    const box = editor.querySelector(`[data-formset="${prefix}"]`);
    if (box && visibleRows(box).length === 0 && totalInput(prefix).value === "0") addRow(prefix);
  });
  // The list of every mistake: each link brings its field into view and puts the cursor in it.
  editor.querySelectorAll("[data-error-link]").forEach((link) => link.addEventListener("click", (event) => {
    const field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    const box = field.closest("[data-decision]");
    if (box) box.hidden = false;
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  }));
  window.scrollTo(0, 0);
  const summary = document.getElementById("daftar-kesalahan");
  const firstError = summary || editor.querySelector(".is-invalid, .has-error, .alert-danger");
  if (firstError) {
    firstError.scrollIntoView({ block: "start" });
    if (summary) summary.focus({ preventScroll: true });
  }
})();
