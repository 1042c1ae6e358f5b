#!/usr/bin/env python3
"""Shares of a registry process's CPU by step of a submission, from an async-profiler collapsed profile.

Usage: profile_steps.py PROFILE.collapsed [CPU_MS_PER_NOTIFICATION]
The profile must be taken with --threads (the first frame names the thread). Each sample goes to the
first step, in the order below, whose rule matches; the last column multiplies the share by the registry
CPU per notification that bench-registry printed for the same run.
"""
import re
import sys

# (step, test on the thread name, test on the frames): first match wins.
STEPS = [
    ("JIT compiler", lambda t: "CompilerThre" in t, None),
    ("garbage collector", lambda t: t.startswith("[GC") or t.startswith("[G1"), None),
    ("authentication (request signature, certificate, replay)", None,
     ["RequestAuthentication", "HttpMessageSignatures", "CertificateChecker", "AuthorityDirectory"]),
    ("verification (the notification's signature)", None, ["SignatureVerifier.verify"]),
    ("validation (OpenAPI contract, schema, rules)", None,
     ["SchemaCheck", "DocumentValidator", "ApiContract", "io/vertx/openapi", "io/vertx/json/schema"]),
    ("receipt (the registry's signature)", None, ["DocumentSigner.sign"]),
    ("storage (group commit, H2, map store)", lambda t: "group-commit" in t or t.startswith("[H2") or "MVStore" in t,
     ["GroupCommit", "JdbcMapStore", "org/h2/"]),
    ("global screening (queue, indicators, flags)", lambda t: "registry-screening" in t,
     ["HazelcastStateStore", "GlobalDetectors", "GlobalScreening", "StoredNotificationScreening", "AddFlags"]),
    ("delivery (inbox)", None, ["delivery/Inbox", "InboxPages", "InboxStreams"]),
    ("intake (claim, record, JSON)", lambda t: "registry-api" in t, ["NotificationIntake"]),
    ("cluster (Hazelcast operations, network, backups)", lambda t: t.startswith("[hz."), None),
    ("HTTP (Vert.x event loops, Netty)", lambda t: "vert.x" in t, None),
]


def step_of(frames):
    thread = frames[0]
    for name, on_thread, on_frames in STEPS:
        if on_frames and any(any(p in f for p in on_frames) for f in frames[1:]):
            return name
        if on_thread and on_thread(thread):
            return name
    return "other"


def main():
    totals = {}
    all_samples = 0
    with open(sys.argv[1]) as f:
        for line in f:
            stack, n = line.rstrip("\n").rsplit(" ", 1)
            frames = stack.split(";")
            totals[step_of(frames)] = totals.get(step_of(frames), 0) + int(n)
            all_samples += int(n)
    per_notification = float(sys.argv[2]) if len(sys.argv) > 2 else None
    print("| step | share of registry CPU | ms per notification |")
    print("| --- | ---: | ---: |")
    for name, n in sorted(totals.items(), key=lambda kv: -kv[1]):
        share = n / all_samples
        ms = f"{share * per_notification:.2f}" if per_notification else ""
        print(f"| {name} | {100 * share:.1f} % | {ms} |")


if __name__ == "__main__":
    main()
