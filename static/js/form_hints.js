// Browser-side hints in Indonesian for every form: the browser's own messages follow the browser's language
// ("Please fill out this field"), so each field's constraints are explained here instead.
// Forms marked novalidate still go to the server, which lists every mistake at once; there the hint shows
// under the field as the person leaves it. Other forms also get the message in the browser's own bubble.
(function () {
  "use strict";

  const FIELDS = "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea";

  // A number as offices type it: 15, 1,5, 1.5, -2 or with thousands dots (1.250.000 or 1.234,56); the server
  // reads the same shapes (sakip.numbers.to_decimal) and says what is wrong with any other.
  function number(text) {
    const t = (text || "").trim().replace(/\s/g, "");
    let match = /^(-?\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(t);
    if (match) return parseFloat(match[1].replace(/\./g, "") + "." + (match[2] || "0"));
    match = /^(-?\d+)(?:[.,](\d+))?$/.exec(t);
    return match ? parseFloat(match[1] + "." + (match[2] || "0")) : null;
  }

  function missing(el) {
    if (el.type === "file") return "Pilih berkas terlebih dahulu.";
    if (el.type === "checkbox") return "Centang kotak ini untuk melanjutkan.";
    if (el.type === "radio" || el.tagName === "SELECT") return "Pilih salah satu.";
    return "Isian ini wajib diisi.";
  }

  // The message for what is wrong with a field now, or "" when nothing is.
  function message(el) {
    const v = el.validity;
    if (v.valueMissing) return missing(el);
    if (v.badInput) return "Isi dengan angka, mis. 15.";
    if (v.typeMismatch && el.type === "email") return "Tulis alamat email yang lengkap, mis. nama@contoh.go.id.";
    if (v.typeMismatch && el.type === "url") return "Tulis alamat web yang lengkap, mis. https://contoh.go.id.";
    if (v.patternMismatch) return el.dataset.pesanPola || "Isian belum sesuai dengan bentuk yang diminta.";
    if (v.rangeUnderflow) return "Paling kecil " + el.min.replace(".", ",") + ".";
    if (v.rangeOverflow) return "Paling besar " + el.max.replace(".", ",") + ".";
    if (v.stepMismatch) return el.step === "1" ? "Isi bilangan bulat, tanpa koma." : "Angka ini tidak bisa dipakai.";
    if (v.tooLong) return "Paling banyak " + el.maxLength + " karakter (sekarang " + el.value.length + ").";
    if (v.tooShort) return "Paling sedikit " + el.minLength + " karakter (sekarang " + el.value.length + ").";
    if (el.dataset.lebihDari !== undefined && el.value.trim()) {
      const value = number(el.value);
      if (value === null) return "Isi dengan angka, mis. 15 atau 1,5.";
      if (value <= parseFloat(el.dataset.lebihDari)) return "Harus lebih dari " + el.dataset.lebihDari + ".";
    }
    if (el.inputMode === "decimal" && el.value.trim() && number(el.value) === null) {
      return "Isi dengan angka, mis. 15 atau 1,5.";
    }
    return "";
  }

  // The Indonesian message of a field, for the browser's bubble and for :invalid.
  function check(el) {
    if (!el.willValidate) return "";
    el.setCustomValidity("");
    const text = message(el);
    el.setCustomValidity(text);
    return text;
  }

  function existingHint(el) {
    const holder = el.closest(".file-picker") || el;
    return { holder, hint: holder.parentElement.querySelector(":scope > [data-hint-for='" + el.name + "']") };
  }

  function hintOf(el) {
    let { holder, hint } = existingHint(el);
    if (!hint) {
      hint = document.createElement("div");
      hint.className = "invalid-feedback d-block";
      hint.dataset.hintFor = el.name;
      hint.setAttribute("aria-live", "polite");
      holder.after(hint);
    }
    return hint;
  }

  // Show (or clear) the hint under a field. A message the server wrote stays until the field changes.
  function show(el) {
    const text = check(el);
    const existing = existingHint(el).hint;
    if (!text) {
      if (existing) existing.remove();
      if (el.dataset.hinted) el.classList.remove("is-invalid");
      delete el.dataset.hinted;
      return;
    }
    hintOf(el).textContent = text;
    el.classList.add("is-invalid");
    el.dataset.hinted = "1";
  }

  function wire(el) {
    if (el.dataset.hintsWired) return;
    el.dataset.hintsWired = "1";
    check(el);
    el.addEventListener("invalid", () => check(el));
    el.addEventListener("input", () => (el.dataset.hinted ? show(el) : check(el)));
    el.addEventListener("change", () => show(el));
    el.addEventListener("blur", () => show(el));
  }

  // A file picker that speaks Indonesian: the native input stays (keyboard, screen readers, the form),
  // hidden behind a button and the names of the chosen files.
  function filePicker(input) {
    if (input.dataset.pickerWired) return;
    input.dataset.pickerWired = "1";
    const box = document.createElement("div");
    box.className = "file-picker input-group";
    const button = document.createElement("label");
    button.className = "btn btn-outline-primary";
    button.htmlFor = input.id;
    button.innerHTML = '<i class="bi bi-paperclip"></i> ' + "Pilih berkas…";
    const names = document.createElement("span");
    names.className = "form-control text-truncate file-picker-names";
    names.dataset.testid = "file-names";
    const empty = input.multiple ? "Belum ada berkas dipilih (boleh lebih dari satu)" : "Belum ada berkas dipilih";
    names.textContent = empty;
    input.parentElement.insertBefore(box, input);
    box.append(input, button, names);
    input.classList.add("file-picker-input");
    if (input.classList.contains("is-invalid")) names.classList.add("is-invalid");
    input.addEventListener("change", () => {
      const files = Array.from(input.files || []);
      names.textContent = files.length === 0 ? empty
        : files.length === 1 ? files[0].name
        : files.length + " berkas: " + files.map((f) => f.name).join(", ");
      names.classList.toggle("is-invalid", input.classList.contains("is-invalid"));
    });
    names.addEventListener("click", () => input.click());
  }

  function wireAll(root) {
    root.querySelectorAll("form").forEach((form) => form.querySelectorAll(FIELDS).forEach(wire));
    root.querySelectorAll("input[type=file][id]").forEach(filePicker);
  }

  wireAll(document);
  // Rows the editor adds, and parts htmx swaps in, get the same hints.
  new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach((node) => {
    if (node.nodeType !== 1) return;
    if (node.matches(FIELDS)) wire(node);
    wireAll(node);
  }))).observe(document.body, { childList: true, subtree: true });

  window.sakipHints = { check, show, message };
})();
