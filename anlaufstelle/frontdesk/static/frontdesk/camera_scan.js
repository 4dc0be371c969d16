// Check-in by camera, where the browser can read QR codes itself (BarcodeDetector: Chrome on
// Android, ChromeOS and macOS, Edge). Elsewhere the button stays hidden and the desk uses the
// USB scanner or types the code; nothing here is needed for the form to work.
(() => {
  const button = document.querySelector("[data-camera-scan]");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return;
  const field = document.getElementById(button.dataset.cameraScan);
  const video = document.querySelector("[data-camera-video]");
  const status = document.querySelector("[data-camera-status]");
  let stream = null;

  const stop = () => {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    button.setAttribute("aria-pressed", "false");
  };

  button.hidden = false;
  button.addEventListener("click", async () => {
    if (stream) return stop();
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes("qr_code")) throw new Error("no qr_code");
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      button.setAttribute("aria-pressed", "true");
      status.textContent = button.dataset.looking;
      await video.play();
      const look = async () => {
        if (!stream) return;
        const codes = await detector.detect(video);
        if (codes.length) {
          field.value = codes[0].rawValue;
          status.textContent = button.dataset.found;
          stop();
          field.form.requestSubmit();
          return;
        }
        window.requestAnimationFrame(look);
      };
      look();
    } catch (error) {
      stop();
      status.textContent = button.dataset.unavailable;
    }
  });
})();
