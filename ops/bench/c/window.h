/*
 * diameter-load --report-every S: while the generator measures, one line per window of S seconds, printed (and
 * flushed) as the window ends, so that a script can follow a run that starts right after a server became ready:
 *
 *   WINDOW from_s=5.000 to_s=10.000 answers=N answers_per_s=X p50_ms=X p99_ms=X max_ms=X errors=N timeouts=N
 *          disconnects=N
 *
 * from_s/to_s: the window's bounds in seconds after the generator started (before it connected). An answer counts
 * in the window it arrives in (a measured request's), with its latency; errors are answers without a 2xxx
 * Result-Code or Experimental-Result-Code; timeouts are measured requests given up in the window. The first
 * window starts with the measured time: after the warm-up or, without one, when the generator started (or got its
 * start signal), so that the time it took to connect is in it. The last one may be shorter. Header only, C11 and libc; the program is one translation unit.
 */
#ifndef DIAMETER_LOAD_WINDOW_H
#define DIAMETER_LOAD_WINDOW_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "load-util.h"

struct window {
  double every;           /* seconds per window; 0: no windows */
  uint64_t t0;            /* the generator's start */
  uint64_t from, to;      /* the current window */
  uint64_t answers, errors, timeouts, disconnects;
  struct histo latency;
};

/* The first window starts at from. */
static void window_start(struct window *w, uint64_t t0, uint64_t from) {
  w->t0 = t0;
  if (from > t0)
    w->disconnects = 0; /* those while connecting are the first window's only when it starts with them */
  w->from = from;
  w->to = from + (uint64_t)(w->every * 1e9);
}

/* Prints the window [from, end) and starts the next one at end. */
static void window_print(struct window *w, uint64_t end) {
  double length = (double)(end - w->from) / 1e9;
  printf("WINDOW from_s=%.3f to_s=%.3f answers=%llu answers_per_s=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f"
         " errors=%llu timeouts=%llu disconnects=%llu\n",
         (double)(w->from - w->t0) / 1e9, (double)(end - w->t0) / 1e9, (unsigned long long)w->answers,
         length > 0 ? (double)w->answers / length : 0, percentile_ms(&w->latency, 50),
         percentile_ms(&w->latency, 99), (double)w->latency.max / 1e6, (unsigned long long)w->errors,
         (unsigned long long)w->timeouts, (unsigned long long)w->disconnects);
  fflush(stdout);
  w->answers = w->errors = w->timeouts = w->disconnects = 0;
  memset(&w->latency, 0, sizeof w->latency);
  w->from = end;
  w->to = end + (uint64_t)(w->every * 1e9);
}

/* Prints every window that has ended by now; the one that ends at measure_end (the last) is cut there. */
static void window_tick(struct window *w, uint64_t now, uint64_t measure_end) {
  if (!w->every)
    return;
  while (w->from < measure_end && now >= (w->to < measure_end ? w->to : measure_end))
    window_print(w, w->to < measure_end ? w->to : measure_end);
}

/* An answer of a measured request arrived at now (after the windows that ended before it are printed). */
static void window_answer(struct window *w, uint64_t now, uint64_t latency_ns, int kind, uint32_t code,
                          uint64_t measure_end) {
  if (!w->every)
    return;
  window_tick(w, now, measure_end);
  w->answers++;
  w->errors += kind == 0 || code / 1000 != 2;
  histo_add(&w->latency, latency_ns);
}

#endif
