// Small behaviours that need script; the pages work without it. Kept out of the HTML so the
// Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  // A form with data-confirm asks before it does something that cannot be taken back.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
})();

// The plan editor: a small rich-text editor over the section's <textarea>, autosave, and a copy
// of unsaved text kept in this browser so that nothing typed is lost (a lost connection, an
// expired session, a closed tab). Without script the <textarea> is the editor.
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form) return;
  var editor = document.getElementById("rich-editor");
  var field = document.getElementById("body-field");
  var toolbar = form.querySelector(".rte-toolbar");
  var versionInput = function () { return document.getElementById("base-version"); };
  var draftKey = form.getAttribute("data-draft-key");
  var timer = null;

  editor.hidden = false;
  toolbar.hidden = false;
  field.closest(".field").hidden = true;
  editor.contentEditable = "true";

  function status(text, cls) {
    var el = document.getElementById("save-status");
    if (!el) return;
    el.textContent = text;
    el.className = "save-status " + (cls || "");
  }

  function readDraft() {
    try { return JSON.parse(window.localStorage.getItem(draftKey) || "null"); } catch (e) { return null; }
  }

  function keepDraft() {
    try {
      window.localStorage.setItem(draftKey, JSON.stringify({
        body: editor.innerHTML, base: versionInput().value, at: Date.now()
      }));
    } catch (e) { /* storage full or disabled: autosave still runs */ }
  }

  function changed() {
    field.value = editor.innerHTML;
    keepDraft();
    status(form.getAttribute("data-unsaved") || "…", "unsaved");
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      if (window.htmx) window.htmx.trigger(form, "autosave");
    }, 2500);
  }

  editor.addEventListener("input", changed);
  form.querySelectorAll("input[name=not_applicable], textarea[name=reason]").forEach(function (el) {
    el.addEventListener("change", changed);
  });

  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-cmd]");
    if (!button) return;
    editor.focus();
    var cmd = button.getAttribute("data-cmd");
    if (cmd === "table") {
      document.execCommand("insertHTML", false,
        "<table><tbody><tr><td>&nbsp;</td><td>&nbsp;</td></tr><tr><td>&nbsp;</td><td>&nbsp;</td></tr></tbody></table><p><br></p>");
    } else {
      document.execCommand(cmd, false, null);
    }
    changed();
  });

  // Before any save, the textarea carries the editor's text.
  form.addEventListener("htmx:configRequest", function () { field.value = editor.innerHTML; });
  form.addEventListener("submit", function () { field.value = editor.innerHTML; });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var saved = document.querySelector("#save-status.saved");
    if (saved && event.detail.target && event.detail.target.id === "save-status") {
      var draft = readDraft();
      // Forget the local copy only if nothing was typed since this save started.
      if (!draft || draft.body === editor.innerHTML) window.localStorage.removeItem(draftKey);
      document.getElementById("conflict").innerHTML = "";
    }
  });

  // A refused save (no connection, a server error) says so; the text stays in the editor and
  // in this browser's copy.
  form.addEventListener("htmx:responseError", function (event) {
    var holder = document.createElement("div");
    holder.innerHTML = event.detail.xhr.responseText || "";
    status(holder.textContent.trim() || "!", "unsaved");
  });
  form.addEventListener("htmx:sendError", function () {
    status(form.getAttribute("data-offline") || "!", "unsaved");
    // Try again a little later; the local copy covers the time in between.
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { window.htmx.trigger(form, "autosave"); }, 10000);
  });

  // A conflict: keep mine (save over the version now seen), or take theirs.
  document.body.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-conflict]");
    if (!button) return;
    if (button.getAttribute("data-conflict") === "keep-mine") {
      versionInput().value = button.getAttribute("data-version");
      window.htmx.trigger(form, "autosave");
    } else {
      var theirs = document.getElementById("their-text");
      editor.innerHTML = theirs ? theirs.innerHTML : "";
      versionInput().value = button.getAttribute("data-version") || versionInput().value;
      window.localStorage.removeItem(draftKey);
      window.location.reload();
    }
  });

  // A draft left in this browser that differs from what is stored: offer it back.
  var draft = readDraft();
  var banner = document.getElementById("draft-restore");
  if (draft && draft.body !== editor.innerHTML && banner) {
    banner.hidden = false;
    banner.addEventListener("click", function (event) {
      var choice = event.target.getAttribute("data-draft");
      if (choice === "restore") {
        editor.innerHTML = draft.body;
        changed();
      } else if (choice === "discard") {
        window.localStorage.removeItem(draftKey);
      }
      if (choice) banner.hidden = true;
    });
  }
})();

// Typed tables: a row's form opens in a panel under its table (htmx). The panel takes the focus
// when it opens, Escape or "Back" closes it and gives the focus back to what opened it.
(function () {
  "use strict";
  var opener = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.classList && target.classList.contains("row-panel")) {
      opener = event.detail.elt;
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var panel = event.detail && event.detail.target;
    if (!panel || !panel.classList || !panel.classList.contains("row-panel")) return;
    var first = panel.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
    panel.scrollIntoView({ block: "nearest" });
  });
  function close(panel) {
    panel.innerHTML = "";
    if (opener && document.body.contains(opener)) opener.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var panel = event.target.closest && event.target.closest(".row-panel");
    if (panel) {
      event.preventDefault();
      close(panel);
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-close-panel]");
    if (!link) return;
    var panel = link.closest(".row-panel");
    if (panel) {
      event.preventDefault();
      close(panel);
    }
  });
})();
