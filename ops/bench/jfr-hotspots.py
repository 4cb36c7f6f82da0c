#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording (JDK 17's jfr has no 'view hot-methods').

    ops/bench/jfr-hotspots.py FILE.jfr [--threads PREFIX] [--top N]

Reads jdk.ExecutionSample events (jfr print --json --stack-depth 96) and prints
  1. top frames (self samples) by method,
  2. inclusive samples of the project's own methods (org.imshss.*) and of a few library areas,
  3. samples per thread name (digits stripped).
A sample whose top frame is a Java method that just created an exception is attributed to that method: the
stack walk of Throwable.fillInStackTrace runs inside the VM and has no Java frame of its own.
"""
import argparse
import collections
import json
import re
import subprocess
import sys

AREAS = [
    ("jDiameter answer path: NPE on missing Result-Code", lambda f: f.startswith(
        "org.jdiameter.client.impl.controller.PeerImpl$ActionContext.sendMessage:779")),
    ("jDiameter encode + socket write", lambda f: f.startswith(
        "org.jdiameter.client.impl.transport.tcp.TCPClientConnection.sendMessage")),
    ("jDiameter decode (TCPReader)", lambda f: f.startswith("org.jdiameter.client.impl.parser.MessageParser.createMessage")),
    ("Ignite cache get (IgniteSubscriberStore.get)", lambda f: f.startswith(
        "org.imshss.provisioning.store.IgniteSubscriberStore.get:")),
    ("Ignite cache put/invoke", lambda f: f.startswith("org.apache.ignite.internal.processors.cache.GatewayProtectedCacheProxy.invoke")
        or f.startswith("org.apache.ignite.internal.processors.cache.GatewayProtectedCacheProxy.put")),
    ("record decoding (Jackson)", lambda f: f.startswith("com.fasterxml.jackson.databind.ObjectMapper.readValue")
        or f.startswith("com.fasterxml.jackson.databind.ObjectReader.readValue")),
    ("record encoding (Jackson)", lambda f: f.startswith("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsBytes")
        or f.startswith("com.fasterxml.jackson.databind.ObjectWriter.writeValueAsBytes")),
    ("HSS request handling (CxListener.processRequest)", lambda f: f.startswith("org.imshss.hss.cx.CxListener.processRequest")),
    ("logging (logback/slf4j)", lambda f: f.startswith("ch.qos.logback") or f.startswith("org.slf4j")),
]


def frames(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for fr in st.get("frames", []):
        m = fr["method"]
        name = m["type"]["name"].replace("/", ".") + "." + m["name"]
        out.append((name, fr.get("lineNumber", -1)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--threads", default="", help="only threads whose name starts with this")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample",
                          a.file], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_counts = collections.Counter()
    own = collections.Counter()
    areas = collections.Counter()
    threads = collections.Counter()
    total = 0
    for e in events:
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        if not thread.startswith(a.threads):
            continue
        fs = frames(e)
        if not fs:
            continue
        total += 1
        threads[re.sub(r"\{.*\}", "{..}", re.sub(r"\d+", "N", thread))] += 1
        self_counts["%s:%d" % fs[0]] += 1
        seen = set()
        labels = ["%s:%d" % f for f in fs]
        for name, _ in fs:
            if name.startswith("org.imshss.") and name not in seen:
                seen.add(name)
                own[name] += 1
        for label, match in AREAS:
            if any(match(l) for l in labels):
                areas[label] += 1
    if not total:
        sys.exit("no execution samples")
    pct = lambda n: "%5.1f%%" % (100.0 * n / total)
    print("%d execution samples%s" % (total, " (threads %s*)" % a.threads if a.threads else ""))
    print("\nby area (inclusive; areas overlap):")
    for label, n in areas.most_common():
        print("  %s %6d  %s" % (pct(n), n, label))
    print("\ntop frames (self):")
    for name, n in self_counts.most_common(a.top):
        print("  %s %6d  %s" % (pct(n), n, name))
    print("\nproject methods (inclusive):")
    for name, n in own.most_common(a.top):
        print("  %s %6d  %s" % (pct(n), n, name))
    print("\nthreads:")
    for name, n in threads.most_common(10):
        print("  %s %6d  %s" % (pct(n), n, name))


if __name__ == "__main__":
    main()
