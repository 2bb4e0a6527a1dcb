// The look-ahead scheduler's timer. A worker's timers keep their pace when the tab is in the
// background or the main thread is busy drawing; the main thread does the scheduling on each tick.
const TICK_MS = 25;
let timer: ReturnType<typeof setInterval> | null = null;

self.onmessage = (event: MessageEvent<'start' | 'stop'>) => {
  if (event.data === 'start' && timer === null) timer = setInterval(() => self.postMessage('tick'), TICK_MS);
  if (event.data === 'stop' && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
};
