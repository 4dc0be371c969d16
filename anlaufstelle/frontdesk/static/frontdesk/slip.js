// The slip's print button (no inline script: the page works under a strict content policy).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
