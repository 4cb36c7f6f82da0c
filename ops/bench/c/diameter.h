/*
 * Diameter framing shared by diameter-load.c and null-responder.c: header and AVP layout (RFC 6733 3, 4),
 * a bounded message writer and a bounds-checked AVP walker. Header only, C11 and libc, no allocation.
 */
#ifndef DIAMETER_BENCH_H
#define DIAMETER_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Largest message either program accepts; a peer announcing more is closed (bounded buffers). */
#define DIAM_MAX_MSG 65536u
#define DIAM_HEADER 20u

/* Command flags (RFC 6733 3) and AVP flags (RFC 6733 4.1). */
#define DIAM_FLAG_R 0x80u
#define DIAM_FLAG_P 0x40u
#define DIAM_FLAG_E 0x20u
#define AVP_FLAG_V 0x80u
#define AVP_FLAG_M 0x40u

/* Command codes: base (RFC 6733 3.1), Cx (TS 29.229 6.1), S6a (TS 29.272 7.2.2). */
#define CMD_CER 257u
#define CMD_DWR 280u
#define CMD_DPR 282u
#define CMD_UAR 300u
#define CMD_SAR 301u
#define CMD_LIR 302u
#define CMD_MAR 303u /* Cx and SWx */
#define CMD_ULR 316u
#define CMD_AIR 318u

#define VENDOR_3GPP 10415u
#define APP_CX 16777216u
#define APP_SH 16777217u
#define APP_S6A 16777251u
#define APP_SWX 16777265u

/* Base AVPs (RFC 6733 4.5) and the Cx AVPs used here (TS 29.229 6.3), all vendor 10415 for the latter. */
#define AVP_USER_NAME 1u
#define AVP_HOST_IP_ADDRESS 257u
#define AVP_AUTH_APPLICATION_ID 258u
#define AVP_VENDOR_SPECIFIC_APPLICATION_ID 260u
#define AVP_SESSION_ID 263u
#define AVP_ORIGIN_HOST 264u
#define AVP_SUPPORTED_VENDOR_ID 265u
#define AVP_VENDOR_ID 266u
#define AVP_RESULT_CODE 268u
#define AVP_PRODUCT_NAME 269u
#define AVP_AUTH_SESSION_STATE 277u
#define AVP_DESTINATION_REALM 283u
#define AVP_ORIGIN_REALM 296u
#define AVP_EXPERIMENTAL_RESULT 297u
#define AVP_EXPERIMENTAL_RESULT_CODE 298u
#define AVP_VISITED_NETWORK_IDENTIFIER 600u
#define AVP_PUBLIC_IDENTITY 601u
#define AVP_SERVER_NAME 602u
#define AVP_SERVER_ASSIGNMENT_TYPE 614u
#define AVP_USER_DATA_ALREADY_AVAILABLE 624u
/* S6a AVPs (TS 29.272 7.3.1), vendor 10415; RAT-Type is TS 29.212's */
#define AVP_RAT_TYPE 1032u
#define AVP_TERMINAL_INFORMATION 1401u
#define AVP_IMEI 1402u
#define AVP_SOFTWARE_VERSION 1403u
#define AVP_ULR_FLAGS 1405u
#define AVP_VISITED_PLMN_ID 1407u
#define AVP_REQUESTED_EUTRAN_AUTHENTICATION_INFO 1408u
#define AVP_NUMBER_OF_REQUESTED_VECTORS 1410u
#define AVP_IMMEDIATE_RESPONSE_PREFERRED 1412u
#define AVP_AUTHENTICATION_INFO 1413u
#define AVP_E_UTRAN_VECTOR 1414u

#define DIAMETER_SUCCESS 2001u
#define AUTH_SESSION_NO_STATE_MAINTAINED 1u
#define RAT_TYPE_EUTRAN 1004u

static inline uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint32_t get24(const uint8_t *p) {
  return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | (uint32_t)p[2];
}

static inline void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

/*
 * Length of the message starting at p, 0 if fewer than 4 octets are there yet, or -1 if the header cannot be a
 * Diameter message of ours: version 1, length at least the 20-octet header, a multiple of 4 (every AVP is padded,
 * RFC 6733 3 and 4) and at most DIAM_MAX_MSG.
 */
static inline long diam_frame_length(const uint8_t *p, size_t avail) {
  if (avail < 4)
    return 0;
  uint32_t len = get24(p + 1);
  if (p[0] != 1 || len < DIAM_HEADER || (len & 3u) != 0 || len > DIAM_MAX_MSG)
    return -1;
  return (long)len;
}

/* --- writing ------------------------------------------------------------------------------------------------- */

/* A message writer over caller memory; on overflow nothing more is written and overflow is set. */
struct wr {
  uint8_t *p;
  size_t len, cap;
  int overflow;
};

static inline int wr_room(struct wr *w, size_t n) {
  if (w->overflow || w->cap - w->len < n) {
    w->overflow = 1;
    return 0;
  }
  return 1;
}

/* Header (RFC 6733 3); the length is filled in by wr_end. Returns the start offset. */
static inline size_t wr_header(struct wr *w, uint8_t flags, uint32_t cmd, uint32_t app, uint32_t hbh, uint32_t e2e) {
  size_t start = w->len;
  if (!wr_room(w, DIAM_HEADER))
    return start;
  uint8_t *h = w->p + w->len;
  put32(h, 0x01000000u);
  put32(h + 4, (uint32_t)flags << 24 | (cmd & 0xFFFFFFu));
  put32(h + 8, app);
  put32(h + 12, hbh);
  put32(h + 16, e2e);
  w->len += DIAM_HEADER;
  return start;
}

/* Sets the 24-bit length of the message or grouped AVP begun at start (flags/version octet kept). */
static inline void wr_set_length(struct wr *w, size_t start, size_t at) {
  if (w->overflow)
    return;
  uint32_t len = (uint32_t)(w->len - start);
  uint8_t *p = w->p + start + at;
  p[1] = (uint8_t)(len >> 16);
  p[2] = (uint8_t)(len >> 8);
  p[3] = (uint8_t)len;
}

static inline void wr_end(struct wr *w, size_t start) { wr_set_length(w, start, 0); }

/* AVP header (RFC 6733 4.1): code, flags, length, Vendor-ID when V is set. Returns the AVP's start. */
static inline size_t wr_avp_header(struct wr *w, uint32_t code, uint32_t vendor, uint32_t datalen) {
  size_t start = w->len, hlen = vendor ? 12 : 8;
  if (!wr_room(w, hlen))
    return start;
  uint8_t *p = w->p + w->len;
  put32(p, code);
  /* every AVP written here is mandatory; vendor-specific ones carry V and vendor 10415 */
  put32(p + 4, (uint32_t)(AVP_FLAG_M | (vendor ? AVP_FLAG_V : 0u)) << 24 | (uint32_t)(hlen + datalen));
  if (vendor)
    put32(p + 8, vendor);
  w->len += hlen;
  return start;
}

/* An AVP with data, padded with zeros to a multiple of 4 octets (RFC 6733 4.1, AVP Length excludes padding). */
static inline void wr_avp(struct wr *w, uint32_t code, uint32_t vendor, const void *data, size_t n) {
  size_t pad = (4 - (n & 3u)) & 3u;
  if (n > DIAM_MAX_MSG || !wr_room(w, (vendor ? 12 : 8) + n + pad))
    return;
  wr_avp_header(w, code, vendor, (uint32_t)n);
  if (n)
    memcpy(w->p + w->len, data, n);
  memset(w->p + w->len + n, 0, pad);
  w->len += n + pad;
}

/* AVPs whose M bit must be clear (Product-Name, RFC 6733 5.3.7): rewrite the flags octet after wr_avp. */
static inline void wr_avp_plain(struct wr *w, uint32_t code, const void *data, size_t n) {
  size_t start = w->len;
  wr_avp(w, code, 0, data, n);
  if (!w->overflow)
    w->p[start + 4] = 0;
}

static inline void wr_u32(struct wr *w, uint32_t code, uint32_t vendor, uint32_t v) {
  uint8_t b[4];
  put32(b, v);
  wr_avp(w, code, vendor, b, 4);
}

static inline void wr_str(struct wr *w, uint32_t code, uint32_t vendor, const char *s) {
  wr_avp(w, code, vendor, s, strlen(s));
}

/* Grouped AVP (RFC 6733 4.4): begin, write the members, end sets its length (members are already padded). */
static inline size_t wr_group_begin(struct wr *w, uint32_t code, uint32_t vendor) {
  return wr_avp_header(w, code, vendor, 0);
}

static inline void wr_group_end(struct wr *w, size_t start) { wr_set_length(w, start, 4); }

/* Vendor-Specific-Application-Id { Vendor-Id, Auth-Application-Id } (RFC 6733 6.11). */
static inline void wr_vsai(struct wr *w, uint32_t vendor, uint32_t app) {
  size_t g = wr_group_begin(w, AVP_VENDOR_SPECIFIC_APPLICATION_ID, 0);
  wr_u32(w, AVP_VENDOR_ID, 0, vendor);
  wr_u32(w, AVP_AUTH_APPLICATION_ID, 0, app);
  wr_group_end(w, g);
}

/* Host-IP-Address (Address type, RFC 6733 4.3.1): 2-octet family (1 IPv4, 2 IPv6) and the address. */
static inline void wr_address(struct wr *w, uint32_t code, int ipv6, const uint8_t *addr) {
  uint8_t b[18] = {0, ipv6 ? 2 : 1};
  memcpy(b + 2, addr, ipv6 ? 16 : 4);
  wr_avp(w, code, 0, b, ipv6 ? 18u : 6u);
}

/* --- reading ------------------------------------------------------------------------------------------------- */

struct avp {
  uint32_t code, vendor;
  uint8_t flags;
  const uint8_t *data;
  size_t len;
};

/*
 * The AVP at *pos within [.., end); advances *pos past its padding. Returns 1 with *a set, 0 at end, -1 if the
 * AVP does not fit (length below its header or past the end: RFC 6733 4.1, 7.4 DIAMETER_INVALID_AVP_LENGTH).
 */
static inline int avp_next(const uint8_t *m, size_t end, size_t *pos, struct avp *a) {
  size_t at = *pos;
  if (at >= end)
    return 0;
  if (end - at < 8)
    return -1;
  a->code = get32(m + at);
  a->flags = m[at + 4];
  uint32_t len = get24(m + at + 5);
  size_t hlen = (a->flags & AVP_FLAG_V) ? 12 : 8;
  size_t padded = ((size_t)len + 3) & ~(size_t)3;
  if (len < hlen || padded > end - at)
    return -1;
  a->vendor = hlen == 12 ? get32(m + at + 8) : 0;
  a->data = m + at + hlen;
  a->len = len - hlen;
  *pos = at + padded;
  return 1;
}

/* Finds AVP code/vendor among the AVPs in m[from, end): 1 found, 0 absent, -1 malformed. */
static inline int avp_find(const uint8_t *m, size_t from, size_t end, uint32_t code, uint32_t vendor, struct avp *a) {
  size_t pos = from;
  int r;
  while ((r = avp_next(m, end, &pos, a)) == 1)
    if (a->code == code && a->vendor == vendor)
      return 1;
  return r;
}

/* Result-Code, else Experimental-Result's Experimental-Result-Code (RFC 6733 7.1, 7.6). */
static inline int outcome(const uint8_t *m, size_t len, uint32_t *code) {
  struct avp a, e;
  if (avp_find(m, DIAM_HEADER, len, AVP_RESULT_CODE, 0, &a) == 1 && a.len == 4) {
    *code = get32(a.data);
    return 1;
  }
  if (avp_find(m, DIAM_HEADER, len, AVP_EXPERIMENTAL_RESULT, 0, &a) == 1 &&
      avp_find(a.data, 0, a.len, AVP_EXPERIMENTAL_RESULT_CODE, 0, &e) == 1 && e.len == 4) {
    *code = get32(e.data);
    return 2;
  }
  return 0;
}

#endif
