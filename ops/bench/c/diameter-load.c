/*
 * diameter-load: a Cx, S6a and SWx load generator, one thread, epoll, closed loop. Each connection does CER/CEA
 * (RFC 6733 5.3) and answers DWR/DPR; then the generator keeps --in-flight requests outstanding over all connections
 * together, sends the next one as soon as an answer comes, matches answers by Hop-by-Hop Identifier (RFC 6733
 * 3, 6.2), reads Result-Code or Experimental-Result-Code, and records latency in a log-linear histogram.
 * Cx requests carry the AVPs of ops/benchmark's LoadGenerator, in the order of the Cx ABNF (TS 29.229 6.1);
 * S6a requests those an MME sends at attach, in the order of the S6a ABNF (TS 29.272 7.2.3, 7.2.5); SWx MAR
 * those of a 3GPP AAA server authenticating with EAP-AKA' (TS 29.273 8.2.2.1).
 * --rate N: open loop instead, N requests per second over all connections on a fixed schedule (schedule.h), never
 * more than --in-flight outstanding. Only requests sent (due, with --rate) in the measured window (after --warmup)
 * count; after it the generator stops sending and waits up to --timeout-ms for their answers.
 * --report-every S: also one line per S seconds of the measured time (window.h; without --warmup the measured
 * time starts with the generator, or its start signal, connecting included). --connect-retry-ms N: a refused
 * connection, or one closed before its CEA, is tried again for up to N ms after the start (a server just started).
 * --wait-signal: builds the user table, prints "WAITING", and starts (connects) only on SIGUSR1, so that a script
 * can start the generator on a server's ready without the table's cost; times then count from the signal.
 *
 *   diameter-load --help lists the options and their defaults (usage() in load-util.h).
 *
 * mix (load-util.h COMMANDS): as LoadGenerator's mix, a registration, then terminating traffic. --users-file: one
 * user per line, "IMPI IMPU" (or only IMPU; IMPI is then IMPU without "sip:"; for S6a one IMSI per line). Users
 * are numbered from --first: user%d takes first, first+1, ...
 * S6a (air, ulr, attach = AIR then ULR per user): see s6a.h; SWx (swx-mar; --vectors items): see swx.h.
 *
 * Prints a report and a last line "RESULT key=value ...". Exit 0, or 1 if more than 1 % of the measured
 * requests got no answer, 2 on bad usage or a failed connection/CER.
 *
 * Build: cc -O2 -Wall -Wextra -o diameter-load diameter-load.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diameter.h"
#include "load-util.h"
#include "schedule.h"
#include "s6a.h"
#include "swx.h"
#include "window.h"

#define RBUF (2 * DIAM_MAX_MSG)
#define WBUF DIAM_MAX_MSG
#define MAX_REQUEST (8 * MAX_IDENTITY) /* bound on one request we build */
#define MAX_CONNECTIONS 256 /* 192 KiB of buffers each */
#define SLOT_BITS 16 /* Hop-by-Hop = sequence << 16 | slot: at most 65,536 in flight per connection */

/* --- settings --------------------------------------------------------------------------------------------- */

static const char *host = "127.0.0.1", *origin_host = "bench.ims.example.org", *origin_realm = "ims.example.org",
                  *dest_realm = "ims.example.org", *visited = "ims.example.org",
                  *server_name = "sip:scscf.ims.example.org:6060", *impi_pattern = "user%d@ims.example.org",
                  *impu_pattern = "sip:user%d@ims.example.org", *users_file, *command = "uar",
                  *imsi_pattern = "00101%010d";
static long port = 3868, connections = 1, in_flight = 200, users = 1000, sar_type = 2, timeout_ms = 5000, first,
            connect_retry_ms, wait_signal;
static uint32_t app = APP_CX; /* the run's requests are of this application, its CER advertises it */
static struct s6a_settings s6a_opts = {1, 0x22, 0, "35345678901234", "01", {0x00, 0xF1, 0x10}};
static double seconds = 15, warmup = 5;
static struct schedule sched; /* --rate: open loop */
static struct window win;     /* --report-every */

static const uint32_t *pattern;
static size_t pattern_len;

/* --- state ------------------------------------------------------------------------------------------------ */

struct slot {
  uint32_t hbh; /* 0: free */
  uint32_t cmd;
  uint64_t sent_ns;
  int measured;
};

struct conn {
  int fd, open, ready; /* ready: CEA 2001 received */
  char origin_host[MAX_IDENTITY + 16];
  uint32_t window, outstanding, seq;
  struct slot *slots;
  uint32_t *free_slots, nfree;
  size_t rlen, woff, wlen;
  uint32_t events;
  uint8_t rbuf[RBUF];
  uint8_t wbuf[WBUF];
};

static struct conn *conns;
static int ep;
static uint64_t t_launch, t_start, t_measure, t_end;
static struct sockaddr_storage server;
static socklen_t server_len;
static struct histo latency;
static uint64_t next_request, session_seq;
static long start_time_s;
static volatile sig_atomic_t interrupted;
static int started; /* every CEA is in: requests may go */

static uint64_t sent, answered, timeouts, unmatched, disconnects;

static void on_signal(int sig) {
  (void)sig;
  interrupted = 1;
}

/* --- requests --------------------------------------------------------------------------------------------- */

static void write_cer(struct conn *c) {
  uint8_t addr[16];
  int v6 = local_address(c->fd, addr);
  struct wr w = {c->wbuf, c->wlen, WBUF, 0};
  /* CER (RFC 6733 5.3.1): Origin-Host, Origin-Realm, Host-IP-Address, Vendor-Id, Product-Name, applications */
  size_t m = wr_header(&w, DIAM_FLAG_R, CMD_CER, 0, 1, 1);
  wr_str(&w, AVP_ORIGIN_HOST, 0, c->origin_host);
  wr_str(&w, AVP_ORIGIN_REALM, 0, origin_realm);
  wr_address(&w, AVP_HOST_IP_ADDRESS, v6, addr);
  wr_u32(&w, AVP_VENDOR_ID, 0, 0);
  wr_avp_plain(&w, AVP_PRODUCT_NAME, "diameter-load", 13);
  wr_u32(&w, AVP_SUPPORTED_VENDOR_ID, 0, VENDOR_3GPP);
  wr_u32(&w, AVP_AUTH_APPLICATION_ID, 0, app);
  wr_vsai(&w, VENDOR_3GPP, app);
  wr_end(&w, m);
  c->wlen = w.len;
}

/* The next request of the run on connection c, slot s; false if the output has no room for it. */
static int write_request(struct conn *c, uint32_t s, uint64_t now) {
  if (WBUF - c->wlen < MAX_REQUEST)
    return 0;
  uint64_t n = next_request++;
  uint32_t cmd = pattern[n % pattern_len];
  /* consecutive requests walk the pattern for one user, then the next user (LoadGenerator.send) */
  long user = (long)((n / pattern_len) % (uint64_t)users);
  uint32_t hbh = (++c->seq << SLOT_BITS) | s;
  if (hbh == 0) /* 0 marks a free slot */
    hbh = (++c->seq << SLOT_BITS) | s;
  char sid[MAX_IDENTITY + 64];
  /* Session-Id <DiameterIdentity>;<high 32 bits>;<low 32 bits> (RFC 6733 8.8) */
  int sl = snprintf(sid, sizeof sid, "%s;%ld;%llu", c->origin_host, start_time_s, (unsigned long long)++session_seq);
  /* A user is served by one S-CSCF (SAR) or AAA server (SWx MAR, TS 29.273 8.1.2.1: the HSS keeps the one that
   * authenticates it): the request names the identity of connection user mod connections. */
  const char *oh = cmd == CMD_SAR || cmd == CMD_MAR ? conns[user % connections].origin_host : c->origin_host;

  struct wr w = {c->wbuf, c->wlen, WBUF, 0};
  size_t m = wr_header(&w, DIAM_FLAG_R | DIAM_FLAG_P, cmd, app, hbh, hbh);
  /* common part of UAR/SAR/LIR (TS 29.229 6.1.1, 6.1.3, 6.1.5), AIR/ULR (TS 29.272 7.2.3, 7.2.5), MAR (29.273) */
  wr_avp(&w, AVP_SESSION_ID, 0, sid, (size_t)sl);
  wr_vsai(&w, VENDOR_3GPP, app);
  wr_u32(&w, AVP_AUTH_SESSION_STATE, 0, AUTH_SESSION_NO_STATE_MAINTAINED);
  wr_str(&w, AVP_ORIGIN_HOST, 0, oh);
  wr_str(&w, AVP_ORIGIN_REALM, 0, origin_realm);
  wr_str(&w, AVP_DESTINATION_REALM, 0, dest_realm);
  switch (cmd) {
  case CMD_UAR:
    wr_str(&w, AVP_USER_NAME, 0, impis[user]);
    wr_str(&w, AVP_PUBLIC_IDENTITY, VENDOR_3GPP, impus[user]);
    wr_str(&w, AVP_VISITED_NETWORK_IDENTIFIER, VENDOR_3GPP, visited);
    break;
  case CMD_AIR:
  case CMD_ULR:
    write_s6a(&w, &s6a_opts, cmd, impis[user]);
    break;
  case CMD_MAR:
    write_swx_mar(&w, impis[user], s6a_opts.vectors);
    break;
  case CMD_SAR:
    wr_str(&w, AVP_USER_NAME, 0, impis[user]);
    wr_str(&w, AVP_PUBLIC_IDENTITY, VENDOR_3GPP, impus[user]);
    wr_str(&w, AVP_SERVER_NAME, VENDOR_3GPP, server_name);
    wr_u32(&w, AVP_SERVER_ASSIGNMENT_TYPE, VENDOR_3GPP, (uint32_t)sar_type);
    wr_u32(&w, AVP_USER_DATA_ALREADY_AVAILABLE, VENDOR_3GPP, 0); /* USER_DATA_NOT_AVAILABLE */
    break;
  default: /* LIR */
    wr_str(&w, AVP_PUBLIC_IDENTITY, VENDOR_3GPP, impus[user]);
  }
  wr_end(&w, m);
  if (w.overflow)
    return 0; /* cannot happen: identities are bounded so that MAX_REQUEST holds */
  c->wlen = w.len;
  struct slot *sl_ = &c->slots[s];
  sl_->hbh = hbh;
  sl_->cmd = cmd;
  sl_->sent_ns = now;
  sl_->measured = now >= t_measure && now < t_end;
  if (sl_->measured)
    sent++;
  c->outstanding++;
  return 1;
}

/* --- answers ---------------------------------------------------------------------------------------------- */

static void on_answer(struct conn *c, const uint8_t *m, size_t len, uint64_t now) {
  uint32_t hbh = get32(m + 12), s = hbh & ((1u << SLOT_BITS) - 1), code = 0;
  if (s >= c->window || hbh == 0 || c->slots[s].hbh != hbh) {
    unmatched++; /* unknown, duplicate or already timed out */
    return;
  }
  struct slot *sl = &c->slots[s];
  if (sl->measured) {
    int kind = outcome(m, len, &code);
    answered++;
    answered_per_cmd[kind_of(sl->cmd)]++;
    count_code(sl->cmd, kind, code);
    histo_add(&latency, now - sl->sent_ns);
    window_answer(&win, now, now - sl->sent_ns, kind, code, t_end);
    if (sl->cmd == CMD_AIR)
      eutran_vectors += count_vectors(m, len);
    else if (sl->cmd == CMD_MAR)
      sip_auth_items += count_sip_auth_items(m, len);
  }
  sl->hbh = 0;
  c->free_slots[c->nfree++] = s;
  c->outstanding--;
}

/* DWA/DPA to a DWR/DPR of the server (RFC 6733 5.5.2, 5.4.2). */
static void answer_base(struct conn *c, const uint8_t *req) {
  if (WBUF - c->wlen < 2 * MAX_IDENTITY)
    return; /* output full of requests: the watchdog will be asked again */
  struct wr w = {c->wbuf, c->wlen, WBUF, 0};
  size_t m = wr_header(&w, 0, get24(req + 5), 0, get32(req + 12), get32(req + 16));
  wr_u32(&w, AVP_RESULT_CODE, 0, DIAMETER_SUCCESS);
  wr_str(&w, AVP_ORIGIN_HOST, 0, c->origin_host);
  wr_str(&w, AVP_ORIGIN_REALM, 0, origin_realm);
  wr_end(&w, m);
  if (!w.overflow)
    c->wlen = w.len;
}

static void close_conn(struct conn *c, const char *why) {
  if (!c->open)
    return;
  if (why) {
    disconnects++, win.disconnects += !started || now_ns() >= win.from;
    fprintf(stderr, "diameter-load: %s: %s\n", c->origin_host, why);
  }
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  c->open = 0;
  c->outstanding = 0; /* their answers cannot come: measured ones stay unanswered */
}

/* Handles every complete message in rbuf; -1 closes the connection. */
static int process(struct conn *c, uint64_t now) {
  size_t pos = 0;
  for (;;) {
    long len = diam_frame_length(c->rbuf + pos, c->rlen - pos);
    if (len < 0)
      return -1;
    if (len == 0 || (size_t)len > c->rlen - pos)
      break;
    const uint8_t *m = c->rbuf + pos;
    uint32_t cmd = get24(m + 5);
    if (m[4] & DIAM_FLAG_R) {
      if (cmd == CMD_DWR || cmd == CMD_DPR)
        answer_base(c, m);
      if (cmd == CMD_DPR)
        fprintf(stderr, "diameter-load: %s: DPR from the server\n", c->origin_host);
    } else if (cmd == CMD_CER) {
      uint32_t code = 0;
      if (outcome(m, (size_t)len, &code) != 1 || code != DIAMETER_SUCCESS) {
        fprintf(stderr, "diameter-load: %s: CEA result %u\n", c->origin_host, code);
        exit(2);
      }
      c->ready = 1;
    } else if (kind_of(cmd) >= 0) {
      on_answer(c, m, (size_t)len, now);
    } else {
      unmatched++;
    }
    pos += (size_t)len;
  }
  memmove(c->rbuf, c->rbuf + pos, c->rlen - pos);
  c->rlen -= pos;
  return 0;
}

/* Tops up the connection's share of the window, then one write. */
static int fill_and_flush(struct conn *c, uint64_t now) {
  if (!sched.rate && c->ready && started && now < t_end && !interrupted)
    while (c->nfree && write_request(c, c->free_slots[c->nfree - 1], now))
      c->nfree--;
  while (c->woff < c->wlen) {
    ssize_t n = write(c->fd, c->wbuf + c->woff, c->wlen - c->woff);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      break;
    if (n < 0)
      return -1;
    c->woff += (size_t)n;
    break;
  }
  if (c->woff == c->wlen)
    c->woff = c->wlen = 0;
  else if (c->woff) {
    memmove(c->wbuf, c->wbuf + c->woff, c->wlen - c->woff);
    c->wlen -= c->woff;
    c->woff = 0;
  }
  uint32_t ev = EPOLLIN | (c->wlen ? EPOLLOUT : 0u);
  if (ev != c->events) {
    struct epoll_event e = {.events = ev, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
    c->events = ev;
  }
  return 0;
}

static void flush_all(uint64_t now) { /* fill_and_flush of every open connection */
  for (long i = 0; i < connections; i++)
    if (conns[i].open && fill_and_flush(&conns[i], now) < 0)
      close_conn(&conns[i], strerror(errno));
}

/* Open loop: sends what is due on the connections in turn while slots are free (once writing full outputs). */
static void send_due(uint64_t now) {
  static long turn;
  sched.blocked = 0;
  for (uint64_t due = sched_due(&sched, now, t_end), tried = 0, flushed = 0;
       sched.next < due && !interrupted && !sched.blocked;) {
    struct conn *c = &conns[turn];
    uint64_t at = sched_time(&sched, sched.next);
    turn = (turn + 1) % connections;
    if (c->open && c->ready && c->nfree && write_request(c, c->free_slots[c->nfree - 1], at))
      c->nfree--, tried = 0, flushed = 0, sched_sent(&sched, now, at >= t_measure);
    else if (++tried == (uint64_t)connections && !flushed++)
      flush_all(now), tried = 0;
    else if (tried == (uint64_t)connections)
      sched_hold(&sched, due, t_measure); /* sets blocked */
  }
  flush_all(now);
}

static void on_event(struct conn *c, uint32_t ev, uint64_t now) {
  if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) && c->rlen < RBUF) {
    ssize_t n;
    do
      n = read(c->fd, c->rbuf + c->rlen, RBUF - c->rlen);
    while (n < 0 && errno == EINTR);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      close_conn(c, n == 0 ? "closed by the server" : strerror(errno));
      return;
    }
    if (n > 0)
      c->rlen += (size_t)n;
    if (process(c, now) < 0) {
      close_conn(c, "ill-framed input");
      return;
    }
  }
  if (fill_and_flush(c, now) < 0)
    close_conn(c, strerror(errno));
}

/* Requests older than --timeout-ms are given up: counted, their slot reused. */
static void expire(uint64_t now) {
  uint64_t limit = (uint64_t)timeout_ms * 1000000ull;
  for (long i = 0; i < connections; i++) {
    struct conn *c = &conns[i];
    for (uint32_t s = 0; c->open && s < c->window; s++)
      if (c->slots[s].hbh && now - c->slots[s].sent_ns > limit) {
        timeouts += c->slots[s].measured, win.timeouts += c->slots[s].measured;
        c->slots[s].hbh = 0;
        c->free_slots[c->nfree++] = s;
        c->outstanding--;
      }
  }
}

/* --- setup and report ------------------------------------------------------------------------------------- */

/* Opens connection c (again): connect, retrying up to --connect-retry-ms after the start, then the CER. */
static void open_conn(struct conn *c) {
  c->fd = connect_retry(&server, server_len, t_launch + (uint64_t)connect_retry_ms * 1000000ull);
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  c->rlen = c->woff = c->wlen = 0;
  write_cer(c);
  c->open = 1;
  c->events = EPOLLIN | EPOLLOUT;
  struct epoll_event e = {.events = c->events, .data.ptr = c};
  int fl = fcntl(c->fd, F_GETFL);
  if (fl < 0 || fcntl(c->fd, F_SETFL, fl | O_NONBLOCK) < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e) < 0)
    fail("epoll");
}

static void connect_all(void) {
  server_len = resolve(host, port, &server);
  conns = calloc((size_t)connections, sizeof *conns);
  if (!conns)
    fail("out of memory");
  for (long i = 0; i < connections; i++) {
    struct conn *c = &conns[i];
    numbered(c->origin_host, sizeof c->origin_host, origin_host, i + 1);
    /* the window is shared out: connection i gets in_flight / connections, the first ones one more */
    c->window = (uint32_t)(in_flight / connections + (i < in_flight % connections));
    c->slots = calloc(c->window ? c->window : 1, sizeof *c->slots);
    c->free_slots = calloc(c->window ? c->window : 1, sizeof *c->free_slots);
    if (!c->slots || !c->free_slots)
      fail("out of memory");
    for (uint32_t s = 0; s < c->window; s++)
      c->free_slots[c->nfree++] = c->window - 1 - s;
    open_conn(c);
  }
}

/* Connections open, or with ready set those whose CEA is in. */
static long count_conns(int ready) {
  long n = 0;
  for (long i = 0; i < connections; i++)
    n += ready ? conns[i].ready : conns[i].open;
  return n;
}

static uint32_t outstanding(void) {
  uint32_t n = 0;
  for (long i = 0; i < connections; i++)
    n += conns[i].open ? conns[i].outstanding : 0;
  return n;
}

static void loop_once(uint64_t timeout_ns) {
  struct epoll_event evs[64];
  struct timespec ts = {(time_t)(timeout_ns / 1000000000ull), (long)(timeout_ns % 1000000000ull)};
  int n = epoll_pwait2(ep, evs, 64, &ts, NULL);
  if (n < 0 && errno != EINTR)
    fail("epoll_wait failed");
  for (int i = 0; i < n; i++) {
    struct conn *c = evs[i].data.ptr;
    if (c->open)
      on_event(c, evs[i].events, now_ns());
  }
}

static void report(void) {
  double aps = (double)answered / seconds;
  printf("diameter-load: command=%s connections=%ld in-flight=%ld users=%ld warmup=%.1fs measured=%.1fs"
         " target=%s:%ld\n",
         command, connections, in_flight, users, warmup, seconds, host, port);
  printf("  %-22s %12llu\n  %-22s %12llu\n  %-22s %12.1f\n", "requests sent", (unsigned long long)sent, "answers",
         (unsigned long long)answered, "answers/s", aps);
  printf("  %-22s %12llu\n  %-22s %12llu\n  %-22s %12llu\n", "timeouts", (unsigned long long)timeouts,
         "unmatched answers", (unsigned long long)unmatched, "disconnects", (unsigned long long)disconnects);
  char tail[4096], rate_tail[160];
  report_codes(tail, sizeof tail);
  sched_report(&sched, rate_tail, sizeof rate_tail);
  double p50 = percentile_ms(&latency, 50), p99 = percentile_ms(&latency, 99),
         p999 = percentile_ms(&latency, 99.9), max = (double)latency.max / 1e6;
  printf("  %-22s %12.3f\n  %-22s %12.3f\n  %-22s %12.3f\n  %-22s %12.3f\n", "latency p50 ms", p50,
         "latency p99 ms", p99, "latency p99.9 ms", p999, "latency max ms", max);
  printf("RESULT command=%s answers_per_s=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f sent=%llu"
         " answered=%llu timeouts=%llu unmatched=%llu disconnects=%llu%s%s\n",
         command, aps, p50, p99, p999, max, (unsigned long long)sent, (unsigned long long)answered,
         (unsigned long long)timeouts, (unsigned long long)unmatched, (unsigned long long)disconnects, rate_tail,
         tail);
  fflush(stdout);
}

static void parse(int argc, char **argv) {
  static const struct option opts[] = {
      {"host", 1, 0, 'h'},           {"port", 1, 0, 'p'},        {"connections", 1, 0, 'c'},
      {"in-flight", 1, 0, 'i'},      {"seconds", 1, 0, 's'},     {"warmup", 1, 0, 'w'},
      {"command", 1, 0, 'C'},        {"users", 1, 0, 'u'},       {"users-file", 1, 0, 'U'},
      {"impi-pattern", 1, 0, 'I'},   {"impu-pattern", 1, 0, 'P'}, {"origin-host", 1, 0, 'o'},
      {"origin-realm", 1, 0, 'r'},   {"destination-realm", 1, 0, 'd'}, {"visited-network", 1, 0, 'v'},
      {"server-name", 1, 0, 'n'},    {"sar-type", 1, 0, 'S'},    {"timeout-ms", 1, 0, 't'},
      {"first", 1, 0, 'F'},          {"imsi-pattern", 1, 0, 'M'}, {"vectors", 1, 0, 'V'},
      {"visited-plmn", 1, 0, 'L'},   {"ulr-flags", 1, 0, 'f'},   {"terminal-information", 0, 0, 'T'},
      {"rate", 1, 0, 'R'},           {"connect-retry-ms", 1, 0, 'X'}, {"report-every", 1, 0, 'E'},
      {"wait-signal", 0, 0, 'G'},    {"help", 0, 0, 'H'},        {0, 0, 0, 0}};
  int o;
  while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'h': host = optarg; break;
    case 'p': port = integer(optarg, 1, 65535); break;
    case 'c': connections = integer(optarg, 1, MAX_CONNECTIONS); break;
    case 'i': in_flight = integer(optarg, 1, 1L << 24); break;
    case 's': seconds = decimal(optarg); break;
    case 'w': warmup = decimal(optarg); break;
    case 'C': command = optarg; break;
    case 'u': users = integer(optarg, 1, 100000000); break;
    case 'U': users_file = optarg; break;
    case 'I': impi_pattern = optarg; break;
    case 'P': impu_pattern = optarg; break;
    case 'o': origin_host = optarg; break;
    case 'r': origin_realm = optarg; break;
    case 'd': dest_realm = optarg; break;
    case 'v': visited = optarg; break;
    case 'n': server_name = optarg; break;
    case 'S': sar_type = integer(optarg, 0, 0xFFFFFFFFL); break;
    case 't': timeout_ms = integer(optarg, 1, 3600000); break;
    case 'F': first = integer(optarg, 0, 2000000000); break;
    case 'M': imsi_pattern = optarg; break;
    case 'V': s6a_opts.vectors = integer(optarg, 1, 5); break; /* TS 29.272 7.3.14: at most 5; MAR items */
    case 'L': parse_plmn(optarg, s6a_opts.visited_plmn); break;
    case 'f': s6a_opts.ulr_flags = hex_or_integer(optarg); break;
    case 'T': s6a_opts.terminal_information = 1; break;
    case 'R': sched.rate = integer(optarg, 0, 100000000); break;
    case 'X': connect_retry_ms = integer(optarg, 0, 3600000); break;
    case 'E': win.every = decimal(optarg); break;
    case 'G': wait_signal = 1; break;
    case 'H': usage(stdout); exit(0);
    default: usage(stderr); exit(2);
    }
  }
  if (optind != argc || seconds <= 0) {
    usage(stderr);
    exit(2);
  }
  const char *ids[] = {origin_host, origin_realm, dest_realm, visited, server_name};
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
    if (strlen(ids[i]) > MAX_IDENTITY - 16)
      fail("identities are limited to 1000 octets");
  if (in_flight / connections >= (1L << SLOT_BITS))
    fail("at most 65,535 requests in flight per connection");
  if (in_flight < connections)
    fail("--in-flight must be at least --connections");
  size_t k = 0;
  while (k < sizeof COMMANDS / sizeof *COMMANDS && strcmp(command, COMMANDS[k].name))
    k++;
  if (k == sizeof COMMANDS / sizeof *COMMANDS)
    fail("--command must be uar, lir, sar, mix, air, ulr, attach or swx-mar");
  pattern = COMMANDS[k].cmds, pattern_len = COMMANDS[k].len, app = COMMANDS[k].app;
  if (first + users > 2147483647L)
    fail("--first + --users must stay below 2^31");
}

int main(int argc, char **argv) {
  t_launch = now_ns();
  parse(argc, argv);
  if (app != APP_CX)
    load_users(users_file, imsi_pattern, imsi_pattern, first, &users);
  else
    load_users(users_file, impi_pattern, impu_pattern, first, &users);
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  if (wait_signal)
    t_launch = wait_start_signal();
  if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
    fail("epoll_create1 failed");
  start_time_s = (long)time(NULL);
  t_end = UINT64_MAX; /* nothing is sent before every CEA is in */
  connect_all();
  /* CER/CEA within 10 s; a connection closed before its CEA is opened again while --connect-retry-ms lasts */
  uint64_t deadline = now_ns() + 10000000000ull;
  while (count_conns(1) < connections) {
    for (long i = 0; i < connections; i++)
      if (!conns[i].open && now_ns() < t_launch + (uint64_t)connect_retry_ms * 1000000ull)
        open_conn(&conns[i]);
    if (now_ns() > deadline || interrupted || count_conns(0) < connections)
      fail("capabilities exchange did not complete on every connection");
    loop_once(10000000ull);
  }
  t_start = now_ns();
  printf("CONNECTED after_ms=%.1f connect_attempts=%llu\n", (double)(t_start - t_launch) / 1e6,
         (unsigned long long)connect_attempts);
  /* windows without warm-up measure from the start (the signal): the time to connect is in the first one */
  t_measure = win.every && warmup == 0 ? t_launch : t_start + (uint64_t)(warmup * 1e9);
  t_end = t_measure + (uint64_t)(seconds * 1e9);
  started = 1;
  sched.t0 = t_start;
  window_start(&win, t_launch, t_measure);
  flush_all(t_start);
  uint64_t next_expiry = t_start + 100000000ull, drain_end = t_end + (uint64_t)timeout_ms * 1000000ull;
  for (;;) {
    loop_once(sched.rate ? sched_wait_ns(&sched, now_ns(), t_end) : 10000000ull);
    uint64_t now = now_ns();
    if (sched.rate)
      send_due(now);
    if (now >= next_expiry) {
      expire(now);
      next_expiry = now + 100000000ull;
      /* slots freed by expiry (or idle connections after a full output) are refilled here */
      flush_all(now);
    }
    window_tick(&win, now, t_end);
    if (interrupted || count_conns(0) == 0 || (now >= t_end && (outstanding() == 0 || now >= drain_end)))
      break;
  }
  report();
  int ok = sent > 0 && (sent - answered) * 100 <= sent;
  if (!ok)
    fprintf(stderr, "diameter-load: %llu of %llu measured requests got no answer (limit 1%%)\n",
            (unsigned long long)(sent - answered), (unsigned long long)sent);
  return ok ? 0 : 1;
}
