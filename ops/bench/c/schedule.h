/*
 * Open-loop send schedule of diameter-load --rate N: request i is due at t0 + i / N seconds, over all connections.
 * A request the in-flight cap (or a full output buffer) holds back at its due time is late: it goes as soon as a
 * slot frees, and its latency still counts from its due time, so that a slow server cannot hide its queueing by
 * slowing the generator down (no coordinated omission). Header only, C11 and libc; the program is one translation
 * unit.
 */
#ifndef DIAMETER_LOAD_SCHEDULE_H
#define DIAMETER_LOAD_SCHEDULE_H

#include <stdint.h>
#include <stdio.h>

#define SCHED_MAX_WAIT_NS 1000000ull /* wake at least every millisecond while a schedule runs */

struct schedule {
  long rate;           /* requests per second; 0: closed loop, no schedule */
  uint64_t t0;         /* due time of request 0 */
  uint64_t next;       /* index of the next request to send */
  uint64_t late_mark;  /* requests below this index were already examined for lateness */
  uint64_t late;       /* measured requests held back at their due time */
  int blocked;         /* the last attempt found no free slot: wait for answers, not for the clock */
  uint64_t lag_sum_ns; /* actual minus due send time, summed over measured requests */
  uint64_t lag_max_ns, lag_n;
};

/* Due time of request i. */
static uint64_t sched_time(const struct schedule *s, uint64_t i) {
  return s->t0 + (uint64_t)((double)i * 1e9 / (double)s->rate);
}

/* First index due at or after time t (t >= t0). */
static uint64_t sched_index_at(const struct schedule *s, uint64_t t) {
  double x = (double)(t - s->t0) * (double)s->rate / 1e9;
  uint64_t i = (uint64_t)x;
  return (double)i < x ? i + 1 : i;
}

/* Number of requests due by now (due time <= now) and before end. */
static uint64_t sched_due(const struct schedule *s, uint64_t now, uint64_t end) {
  if (now < s->t0)
    return 0;
  uint64_t by_now = (uint64_t)((double)(now - s->t0) * (double)s->rate / 1e9) + 1, by_end = sched_index_at(s, end);
  return by_now < by_end ? by_now : by_end;
}

/* The requests from next to due - 1 are held back: counts the measured ones (due at or after measure) once. */
static void sched_hold(struct schedule *s, uint64_t due, uint64_t measure) {
  uint64_t lo = s->next > s->late_mark ? s->next : s->late_mark, m = sched_index_at(s, measure);
  if (lo < m)
    lo = m;
  if (due > lo)
    s->late += due - lo;
  if (due > s->late_mark)
    s->late_mark = due;
  s->blocked = 1;
}

/* Request next went at now: records how far behind its due time it went, if it is measured. */
static void sched_sent(struct schedule *s, uint64_t now, int measured) {
  uint64_t due = sched_time(s, s->next++), lag = now > due ? now - due : 0;
  s->blocked = 0;
  if (!measured)
    return;
  s->lag_sum_ns += lag;
  s->lag_n++;
  if (lag > s->lag_max_ns)
    s->lag_max_ns = lag;
}

/* How long the event loop may sleep: until the next due time before end, at most a millisecond. */
static uint64_t sched_wait_ns(const struct schedule *s, uint64_t now, uint64_t end) {
  uint64_t due = sched_time(s, s->next);
  if (s->blocked || due >= end)
    return SCHED_MAX_WAIT_NS;
  if (due <= now)
    return 0;
  return due - now < SCHED_MAX_WAIT_NS ? due - now : SCHED_MAX_WAIT_NS;
}

/* Prints the schedule's part of the report and puts its "key=value" list for the RESULT line into tail. late: held
 * back by the in-flight cap, or by a full output buffer when the server does not read; send lag: actual minus due
 * send time of the measured requests (the generator's own delay, part of the latency). */
static void sched_report(const struct schedule *s, char *tail, size_t cap) {
  double lag_mean = s->lag_n ? (double)s->lag_sum_ns / (double)s->lag_n / 1e6 : 0;
  double lag_max = (double)s->lag_max_ns / 1e6;
  int n = snprintf(tail, cap, " rate=%ld late=%llu", s->rate, (unsigned long long)s->late);
  if (!s->rate)
    return;
  snprintf(tail + n, cap - (size_t)n, " send_lag_mean_ms=%.3f send_lag_max_ms=%.3f", lag_mean, lag_max);
  printf("  %-22s %12ld\n  %-22s %12llu\n  %-22s %12.3f\n  %-22s %12.3f\n", "rate (requests/s)", s->rate,
         "late (held back)", (unsigned long long)s->late, "send lag mean ms", lag_mean, "send lag max ms", lag_max);
  printf("  (open loop: latency counts from each request's scheduled send time)\n");
}

#endif
