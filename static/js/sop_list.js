// SOP list: the OPD and status filters look like the other selects of the form.
document.querySelectorAll("#id_opd, #id_status").forEach((element) => element.classList.add("form-select"));
