/*
 * Support for diameter-load.c: error exit, usage, option numbers, connecting, the latency histogram and the user
 * table.
 * Header only, C11 and libc; the program is one translation unit.
 */
#ifndef DIAMETER_LOAD_UTIL_H
#define DIAMETER_LOAD_UTIL_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diameter.h"

#define MAX_IDENTITY 1024 /* longest identity or pattern result accepted */

static _Noreturn void fail(const char *what) {
  fprintf(stderr, "diameter-load: %s\n", what);
  exit(2);
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* --- connecting ------------------------------------------------------------------------------------------ */

/* The numeric address host:port into addr; its length. */
static socklen_t resolve(const char *host, long port, struct sockaddr_storage *addr) {
  struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
  memset(addr, 0, sizeof *addr);
  if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET, a4->sin_port = htons((uint16_t)port);
    return sizeof *a4;
  }
  if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6, a6->sin6_port = htons((uint16_t)port);
    return sizeof *a6;
  }
  fail("--host needs a numeric address");
}

/* --wait-signal: "WAITING" on stdout, then the time SIGUSR1 came; SIGTERM or SIGINT meanwhile exit (status 2). */
static uint64_t wait_start_signal(void) {
  sigset_t set, stop;
  int sig = 0;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigprocmask(SIG_BLOCK, &set, NULL);
  sigprocmask(SIG_BLOCK, &stop, NULL);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  printf("WAITING for SIGUSR1\n");
  fflush(stdout);
  if (sigwait(&set, &sig) != 0 || sig != SIGUSR1)
    fail("stopped before the start signal");
  sigprocmask(SIG_UNBLOCK, &stop, NULL);
  return now_ns();
}

/* The socket's local address into addr (127.0.0.1 if unknown); 1 if it is IPv6. */
static int local_address(int fd, uint8_t addr[16]) {
  struct sockaddr_storage local;
  socklen_t sl = sizeof local;
  memset(&local, 0, sizeof local);
  memcpy(addr, (const uint8_t[4]){127, 0, 0, 1}, 4);
  if (getsockname(fd, (struct sockaddr *)&local, &sl) != 0)
    return 0;
  if (local.ss_family == AF_INET6)
    return memcpy(addr, &((struct sockaddr_in6 *)&local)->sin6_addr, 16), 1;
  if (local.ss_family == AF_INET)
    memcpy(addr, &((struct sockaddr_in *)&local)->sin_addr, 4);
  return 0;
}

static uint64_t connect_attempts; /* connect() calls, over all connections */

/*
 * A connected socket, trying again every 10 ms until deadline (now_ns time) while the connection is refused or
 * fails: a server that has just started may open its port a moment after it is asked. Exits after the deadline.
 */
static int connect_retry(const struct sockaddr_storage *addr, socklen_t alen, uint64_t deadline) {
  for (;;) {
    int fd = socket(addr->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
      fail("socket failed");
    connect_attempts++;
    if (connect(fd, (const struct sockaddr *)addr, alen) == 0)
      return fd;
    int err = errno;
    close(fd);
    if (now_ns() >= deadline) {
      fprintf(stderr, "diameter-load: connect: %s (%llu attempts)\n", strerror(err),
              (unsigned long long)connect_attempts);
      exit(2);
    }
    struct timespec pause = {0, 10000000};
    nanosleep(&pause, NULL);
  }
}

/* --- users ------------------------------------------------------------------------------------------------ */

/*
 * A pattern with exactly one %d (optionally zero-padded to a width below 20: %010d, as IMSI patterns need) and
 * no other conversion, so that snprintf is safe with it.
 */
static void check_pattern(const char *p) {
  int d = 0;
  for (const char *s = p; *s; s++)
    if (*s == '%') {
      const char *c = s + 1;
      if (*c == '%') {
        s++;
        continue;
      }
      if (*c == '0') {
        int width = 0;
        for (c++; *c >= '0' && *c <= '9' && width < 100; c++)
          width = width * 10 + (*c - '0');
        if (width < 1 || width > 19)
          fail("a zero-padded %0Nd needs 0 < N < 20");
      }
      if (*c != 'd')
        fail("patterns may hold only %d, %0Nd (N < 20) and %%");
      d++, s = c;
    }
  if (d != 1)
    fail("--impi-pattern/--impu-pattern/--imsi-pattern need exactly one %d");
}

static char *dup_or_die(const char *s, size_t n) {
  if (n > MAX_IDENTITY)
    fail("identity longer than 1024 octets");
  char *d = malloc(n + 1);
  if (!d)
    fail("out of memory");
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

/* Fills impis/impus with the user table: users entries from the patterns, or the lines of users_file. */
static char **impis, **impus;

static void load_users(const char *users_file, const char *impi_pattern, const char *impu_pattern, long first,
                       long *count) {
  long users = *count;
  if (!users_file) {
    check_pattern(impi_pattern);
    check_pattern(impu_pattern);
    impis = calloc((size_t)users, sizeof *impis);
    impus = calloc((size_t)users, sizeof *impus);
    if (!impis || !impus)
      fail("out of memory");
    char b[MAX_IDENTITY + 32];
    for (long i = 0; i < users; i++) {
      int n = snprintf(b, sizeof b, impi_pattern, (int)(first + i));
      impis[i] = dup_or_die(b, (size_t)n);
      n = snprintf(b, sizeof b, impu_pattern, (int)(first + i));
      impus[i] = dup_or_die(b, (size_t)n);
    }
    return;
  }
  FILE *f = fopen(users_file, "r");
  if (!f)
    fail("cannot read --users-file");
  size_t cap = 1024;
  users = 0;
  impis = malloc(cap * sizeof *impis);
  impus = malloc(cap * sizeof *impus);
  char line[2 * MAX_IDENTITY + 8];
  while (impis && impus && fgets(line, sizeof line, f)) {
    char *a = strtok(line, " \t\r\n"), *b = strtok(NULL, " \t\r\n");
    if (!a || *a == '#')
      continue;
    if ((size_t)users == cap) {
      cap *= 2;
      char **ni = realloc(impis, cap * sizeof *impis), **nu = realloc(impus, cap * sizeof *impus);
      if (!ni || !nu)
        fail("out of memory");
      impis = ni, impus = nu;
    }
    const char *impu = b ? b : a, *impi = b ? a : (strncmp(a, "sip:", 4) == 0 ? a + 4 : a);
    impis[users] = dup_or_die(impi, strlen(impi));
    impus[users] = dup_or_die(impu, strlen(impu));
    users++;
  }
  fclose(f);
  if (!impis || !impus)
    fail("out of memory");
  if (users == 0)
    fail("--users-file has no users");
  *count = users;
}

static void usage(FILE *f) {
  fprintf(f, "usage: diameter-load [--host 127.0.0.1] [--port 3868] [--connections 1] [--in-flight 200]"
             " [--seconds 15] [--warmup 5] [--rate 0] [--command uar|lir|sar|mix|air|ulr|attach|swx-mar]"
             " [--users 1000 | --users-file FILE] [--first 0]"
             " [--impi-pattern user%%d@ims.example.org] [--impu-pattern sip:user%%d@ims.example.org]"
             " [--imsi-pattern 00101%%010d] [--vectors 1] [--visited-plmn 00F110] [--ulr-flags 0x22]"
             " [--terminal-information]"
             " [--origin-host bench.ims.example.org] [--origin-realm ims.example.org]"
             " [--destination-realm ims.example.org] [--visited-network ims.example.org]"
             " [--server-name sip:scscf.ims.example.org:6060] [--sar-type 2] [--timeout-ms 5000]"
             " [--connect-retry-ms 0] [--report-every 0] [--wait-signal]\n");
}

/* The requests of each --command, in the order they repeat per user, and their application. mix: per user UAR,
 * SAR, LIR, UAR, LIR (UAR:SAR:LIR 2:1:2); attach: AIR then ULR. */
static const struct {
  const char *name;
  uint32_t app;
  size_t len;
  uint32_t cmds[5];
} COMMANDS[] = {{"uar", APP_CX, 1, {CMD_UAR}},
                {"lir", APP_CX, 1, {CMD_LIR}},
                {"sar", APP_CX, 1, {CMD_SAR}},
                {"mix", APP_CX, 5, {CMD_UAR, CMD_SAR, CMD_LIR, CMD_UAR, CMD_LIR}},
                {"air", APP_S6A, 1, {CMD_AIR}},
                {"ulr", APP_S6A, 1, {CMD_ULR}},
                {"attach", APP_S6A, 2, {CMD_AIR, CMD_ULR}},
                {"swx-mar", APP_SWX, 1, {CMD_MAR}}};

static long integer(const char *s, long lo, long hi) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || end == s || v < lo || v > hi)
    fail("an option needs an integer in range");
  return v;
}

/* An Unsigned32 given in decimal or as 0x-prefixed hex (flag words). */
static long hex_or_integer(const char *s) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 0);
  if (errno || *end || end == s || v < 0 || v > 0xFFFFFFFFL)
    fail("an option needs an Unsigned32, decimal or 0x hex");
  return v;
}

static double decimal(const char *s) {
  char *end;
  double v = strtod(s, &end);
  if (*end || end == s || !(v >= 0 && v < 1e6))
    fail("an option needs a non-negative number of seconds");
  return v;
}

/* --- histogram: 256 linear buckets, then 128 per power of two (< 0.8 % error), nanoseconds ---------------- */

#define H_LINEAR 256
#define H_SUB 128
#define H_BUCKETS (H_LINEAR + (64 - 8) * H_SUB)

/* A latency histogram: the run's, and with --report-every the current window's. */
struct histo {
  uint64_t b[H_BUCKETS];
  uint64_t count, max;
};

static int bucket_of(uint64_t v) {
  if (v < H_LINEAR)
    return (int)v;
  int e = 63 - __builtin_clzll(v); /* v >= 256, so e >= 8 */
  return H_LINEAR + (e - 8) * H_SUB + (int)((v >> (e - 7)) - H_SUB);
}

/* Midpoint of a bucket's range. */
static double bucket_value(int i) {
  if (i < H_LINEAR)
    return i;
  int e = 8 + (i - H_LINEAR) / H_SUB;
  uint64_t m = (uint64_t)(H_SUB + (i - H_LINEAR) % H_SUB);
  return (double)(m << (e - 7)) + (double)(1ull << (e - 7)) / 2;
}

static void histo_add(struct histo *h, uint64_t ns) {
  h->b[bucket_of(ns)]++;
  h->count++;
  if (ns > h->max)
    h->max = ns;
}

static double percentile_ms(const struct histo *h, double p) {
  if (!h->count)
    return 0;
  uint64_t want = (uint64_t)(p / 100.0 * (double)h->count + 0.999999), seen = 0;
  if (want < 1)
    want = 1;
  for (int i = 0; i < H_BUCKETS; i++)
    if ((seen += h->b[i]) >= want)
      return (bucket_value(i) < (double)h->max ? bucket_value(i) : (double)h->max) / 1e6;
  return (double)h->max / 1e6;
}

/* --- answers per command and result code ------------------------------------------------------------------ */

#define MAX_CODES 64

struct code_count {
  uint32_t cmd, code;
  int kind; /* 0 none, 1 Result-Code, 2 Experimental-Result-Code */
  uint64_t n;
};
static struct code_count codes[MAX_CODES];
static int ncodes;
static uint64_t other_codes;

static void count_code(uint32_t cmd, int kind, uint32_t code) {
  for (int i = 0; i < ncodes; i++)
    if (codes[i].cmd == cmd && codes[i].kind == kind && codes[i].code == code) {
      codes[i].n++;
      return;
    }
  if (ncodes == MAX_CODES) {
    other_codes++;
    return;
  }
  codes[ncodes++] = (struct code_count){cmd, code, kind, 1};
}

/* answers per command: UAR, SAR, LIR, AIR, ULR, MAR (SWx) */
#define KINDS 6
static const uint32_t KIND_CMD[KINDS] = {CMD_UAR, CMD_SAR, CMD_LIR, CMD_AIR, CMD_ULR, CMD_MAR};

static int kind_of(uint32_t cmd) {
  for (int k = 0; k < KINDS; k++)
    if (KIND_CMD[k] == cmd)
      return k;
  return -1;
}

static const char *answer_name(uint32_t cmd) {
  switch (cmd) {
  case CMD_UAR: return "UAA";
  case CMD_SAR: return "SAA";
  case CMD_LIR: return "LIA";
  case CMD_AIR: return "AIA";
  case CMD_MAR: return "MAA";
  default: return "ULA";
  }
}

/* Each connection is its own peer: bench.ims.example.org, bench-2.ims.example.org, ... (as LoadGenerator). */
static void numbered(char *out, size_t cap, const char *h, long n) {
  const char *dot = strchr(h, '.');
  if (n == 1)
    snprintf(out, cap, "%s", h);
  else if (!dot)
    snprintf(out, cap, "%s-%ld", h, n);
  else
    snprintf(out, cap, "%.*s-%ld%s", (int)(dot - h), h, n, dot);
}

/* answers per kind of request, E-UTRAN-Vectors received in AIAs, SIP-Auth-Data-Items in MAAs */
static uint64_t answered_per_cmd[KINDS], eutran_vectors, sip_auth_items;

/* Prints the answers per command and per result code; their "key=value" list for the RESULT line into tail. */
static void report_codes(char *tail, size_t cap) {
  size_t t = 0;
  tail[0] = 0;
  for (int k = 0; k < KINDS; k++)
    if (answered_per_cmd[k])
      t += (size_t)snprintf(tail + t, cap - t, " %s=%llu", answer_name(KIND_CMD[k]),
                            (unsigned long long)answered_per_cmd[k]);
  uint64_t aias = answered_per_cmd[kind_of(CMD_AIR)];
  if (aias) {
    printf("  %-22s %12.2f\n", "E-UTRAN vectors/AIA", (double)eutran_vectors / (double)aias);
    t += (size_t)snprintf(tail + t, cap - t, " vectors_per_aia=%.2f", (double)eutran_vectors / (double)aias);
  }
  uint64_t maas = answered_per_cmd[kind_of(CMD_MAR)];
  if (maas) {
    printf("  %-22s %12.2f\n", "SIP auth items/MAA", (double)sip_auth_items / (double)maas);
    t += (size_t)snprintf(tail + t, cap - t, " items_per_maa=%.2f", (double)sip_auth_items / (double)maas);
  }
  for (int i = 0; i < ncodes && t < cap; i++) {
    char code[16];
    if (codes[i].kind)
      snprintf(code, sizeof code, "%s%u", codes[i].kind == 2 ? "E" : "", codes[i].code);
    else
      snprintf(code, sizeof code, "none");
    printf("  %s %-18s %12llu\n", answer_name(codes[i].cmd), code, (unsigned long long)codes[i].n);
    t += (size_t)snprintf(tail + t, cap - t, " %s.%s=%llu", answer_name(codes[i].cmd), code,
                          (unsigned long long)codes[i].n);
  }
  if (other_codes)
    printf("  %-22s %12llu\n", "other result codes", (unsigned long long)other_codes);
}

#endif
