// The call-up display: htmx polls the state; this script shows a lost connection (htmx keeps
// polling, so the screen reconnects and catches up by itself), flashes a new call and, when
// switched on with the button (browsers allow sound only after a gesture), plays a chime.
(() => {
  const script = document.currentScript;
  const status = document.getElementById("display-status");
  const button = document.getElementById("display-chime");
  const calls = document.getElementById("display-calls");
  let audio = null;
  let latest = calls.querySelector("[data-latest]")?.dataset.latest || "";

  button.hidden = false;
  button.addEventListener("click", () => {
    if (audio) {
      audio.close();
      audio = null;
    } else {
      audio = new AudioContext();
    }
    button.setAttribute("aria-pressed", audio ? "true" : "false");
    button.textContent = audio ? script.dataset.chimeOn : script.dataset.chimeOff;
  });

  function chime() {
    if (!audio) return;
    const now = audio.currentTime;
    [660, 880].forEach((frequency, index) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + index * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.4, now + index * 0.35 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + index * 0.35 + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + index * 0.35);
      tone.stop(now + index * 0.35 + 0.65);
    });
  }

  const lost = () => { status.hidden = false; };
  calls.addEventListener("htmx:sendError", lost);
  calls.addEventListener("htmx:responseError", lost);
  calls.addEventListener("htmx:timeout", lost);
  calls.addEventListener("htmx:afterSwap", () => {
    status.hidden = true;
    const current = calls.querySelector("[data-latest]")?.dataset.latest || "";
    if (current && current !== latest) {
      calls.querySelector(".display__latest-call")?.classList.add("is-new");
      chime();
    }
    latest = current;
  });
  document.body.addEventListener("htmx:configRequest", (event) => { event.detail.timeout = 5000; });
})();
