// Uploads that show how far they are. A form marked data-upload-progress is sent with XMLHttpRequest when the
// chosen files are large, so the upload's progress events can fill a bar; its steps ([data-step] in the form's
// [data-upload-steps]) say what happens after the bytes have arrived. Without JavaScript the form posts as usual.
(function () {
  "use strict";
  const LARGE = 256 * 1024; // bytes from which an upload shows its progress

  function size(bytes) {
    if (bytes < 1024 * 1024) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1).replace(".", ",") + " MB";
  }

  function stepper(form) {
    const box = form.querySelector("[data-upload-steps]");
    const steps = box ? Array.from(box.querySelectorAll("[data-step]")) : [];
    return {
      box,
      go(index) {
        if (box) box.hidden = false;
        steps.forEach((step, i) => {
          step.classList.toggle("text-secondary", i > index);
          step.classList.toggle("fw-semibold", i === index);
          const mark = step.querySelector("[data-step-mark]");
          if (mark) mark.className = i < index ? "bi bi-check-circle-fill text-success" : i === index ? "spinner-border spinner-border-sm text-primary" : "bi bi-circle";
        });
      },
    };
  }

  // A page that is not a redirect (a form with its errors, or the page a redirect led to) replaces this one.
  function showPage(xhr) {
    const url = xhr.responseURL;
    document.open();
    document.write(xhr.responseText);
    document.close();
    if (url) window.history.replaceState(null, "", url);
  }

  function send(form, submitter) {
    const bar = form.querySelector("[data-upload-bar]");
    const label = form.querySelector("[data-upload-label]");
    const steps = stepper(form);
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.setRequestHeader("HX-Request", "true");
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      if (bar) {
        bar.style.width = percent + "%";
        bar.parentElement.setAttribute("aria-valuenow", String(percent));
        bar.textContent = percent + "%";
      }
      if (label) label.textContent = size(event.loaded) + " dari " + size(event.total);
      if (event.loaded >= event.total) steps.go(1);
    });
    xhr.addEventListener("load", () => {
      const next = xhr.getResponseHeader("HX-Redirect");
      if (next) {
        steps.go(2);
        window.location.assign(next);
      } else {
        showPage(xhr);
      }
    });
    xhr.addEventListener("error", () => {
      form.querySelectorAll("[type=submit]").forEach((button) => { button.disabled = false; });
      if (label) label.textContent = "Unggahan terputus. Periksa sambungan jaringan, lalu coba lagi.";
      if (bar) bar.classList.add("bg-danger");
    });
    form.querySelectorAll("[type=submit]").forEach((button) => { button.disabled = true; });
    steps.go(0);
    xhr.send(data);
  }

  document.querySelectorAll("form[data-upload-progress]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const bytes = Array.from(form.querySelectorAll("input[type=file]"))
        .flatMap((input) => Array.from(input.files || []))
        .reduce((sum, file) => sum + file.size, 0);
      // A small upload is done before a bar could be read: post as usual.
      if (bytes < LARGE || !window.FormData) return;
      event.preventDefault();
      send(form, event.submitter);
    });
  });
})();
