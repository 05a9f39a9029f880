/* Rapport's first-party page script (docs/tracking-script.md). No cookies: the reader is an anonymous id kept in
   localStorage. Engaged time is the time the page is visible while the reader is active (an input in the last
   data-idle-seconds, 30 by default); it is sent with navigator.sendBeacon when the reader leaves or switches tabs. */
(function () {
  "use strict";
  var script = document.currentScript;
  var key = script && script.getAttribute("data-key");
  if (!key || !navigator.sendBeacon || !window.JSON) {
    return;
  }

  var endpoint = new URL("/t", script.src).href;
  var idleMs = (Number(script.getAttribute("data-idle-seconds")) || 30) * 1000;

  function randomId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  var anonymousId;
  try {
    anonymousId = localStorage.getItem("rapport.aid");
    if (!anonymousId) {
      anonymousId = randomId();
      localStorage.setItem("rapport.aid", anonymousId);
    }
  } catch (e) {
    anonymousId = randomId(); // storage blocked: this view alone
  }

  var view = randomId();
  var sent = 0;
  var engaged = 0;
  var reported = 0;
  var lastInput = Date.now();
  var lastTick = Date.now();

  function tick() {
    var now = Date.now();
    if (document.visibilityState === "visible" && now - lastInput < idleMs) {
      engaged += Math.min(now - lastTick, idleMs);
    }
    lastTick = now;
  }

  ["scroll", "keydown", "mousemove", "pointerdown", "touchstart", "wheel"].forEach(function (name) {
    addEventListener(name, function () { tick(); lastInput = Date.now(); }, { passive: true, capture: true });
  });
  setInterval(tick, 1000);

  function send() {
    tick();
    var seconds = (engaged - reported) / 1000;
    if (sent > 0 && seconds < 1) {
      return;
    }
    var body = JSON.stringify({
      k: key, a: anonymousId, v: view, n: sent, u: location.href, r: document.referrer || null, t: document.title,
      e: Math.round(seconds * 10) / 10
    });
    if (navigator.sendBeacon(endpoint, body)) {
      reported = engaged;
      sent++;
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      send();
    } else {
      lastTick = Date.now();
      lastInput = Date.now();
    }
  });
  addEventListener("pagehide", send);
})();
