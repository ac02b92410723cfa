#!/usr/bin/env python3
"""moto's side of `pattern-bench`: events matched per CPU second by moto's own EventBridge matcher.

Reads a JSON workload {"rules": [pattern text, ...], "events": [event, ...]} from the file given,
compiles every rule once as moto does on PutRule (EventPattern.load), then matches the events in
turn against every rule, as moto's PutEvents does, for at least --seconds of the process's CPU
time (time.process_time(), the clock the Swift side reads too). Prints one JSON object:
{"events_per_second": ..., "events": ..., "matches": ...}.
"""
import argparse
import json
import time

from moto.events.models import EventPattern


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", help="the JSON workload file")
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    with open(args.workload, encoding="utf-8") as handle:
        workload = json.load(handle)
    rules = [EventPattern.load(text) for text in workload["rules"]]
    events = workload["events"]
    matched = 0
    done = 0
    start = time.process_time()
    while True:
        for event in events:
            matched += sum(1 for rule in rules if rule.matches_event(event))
            done += 1
            if done % 16 == 0 and time.process_time() - start >= args.seconds:
                break
        else:
            continue
        break
    elapsed = time.process_time() - start
    print(json.dumps({"events_per_second": done / elapsed, "events": done, "matches": matched}))


if __name__ == "__main__":
    main()
