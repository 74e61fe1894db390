"""Reports bench/load's rounds: pgbench's latencies without and with migrations, over the
whole run and over the window the apply ran in, the apply's figures, and the slowest
transactions during the apply of the worst round with the migration in flight then.

    python3 bench/load_report.py WORK ROUNDS

WORK holds, per round R: pgbench's logs anchorR.* and loadR.* (-l), their outputs
anchorR.out and loadR.out, apply's events apply-R.jsonl, and times-R: the anchor's and
the load run's start, the apply's start and end (epoch seconds), and apply's exit status.
"""
import glob
import json
import re
import statistics
import sys
from datetime import datetime


def transactions(work, label):
    """(start, end, latency ms) of each transaction pgbench logged for run `label`."""
    result = []
    for path in glob.glob(f"{work}/{label}.*"):
        if not re.search(r"\.\d+$", path):
            continue
        for line in open(path):
            fields = line.split()
            latency = int(fields[2]) / 1000
            end = int(fields[4]) + int(fields[5]) / 1e6
            result.append((end - latency / 1000, end, latency))
    return result


def row(label, window, txns, seconds, output=None):
    latencies = sorted(t[2] for t in txns)
    n = len(latencies)
    failed = aborted = ""
    if output is not None:
        match = re.search(r"number of failed transactions: (\d+)", output)
        failed, aborted = (match.group(1) if match else "?"), str(output.count("aborted"))
    return (f"| {label} | {window} | {n} | {n / seconds:.0f} | {latencies[n // 2]:.1f} | "
            f"{latencies[int(n * 0.99)]:.1f} | {latencies[-1]:.1f} | {failed} | {aborted} |"), latencies[-1]


def overlapping(txns, start, end):
    return [t for t in txns if t[0] < end and t[1] > start]


def timestamp(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def main(work, rounds):
    rows, apply_rows, during, whole, after = [], [], [], [], []
    for r in range(1, rounds + 1):
        anchor_start, load_start, apply_start, apply_end, status = open(f"{work}/times-{r}").read().split()
        anchor_start, load_start, apply_start, apply_end = map(float, (anchor_start, load_start, apply_start, apply_end))
        anchor, load = transactions(work, f"anchor{r}"), transactions(work, f"load{r}")
        seconds = max(t[1] for t in load) - load_start
        span = apply_end - apply_start
        # The anchor's window with the apply's offset and length: both maxima then come
        # from as many seconds of traffic.
        same = anchor_start + (apply_start - load_start)
        text, anchor_max = row(f"anchor{r}", "whole run", anchor, max(t[1] for t in anchor) - anchor_start, open(f"{work}/anchor{r}.out").read())
        rows.append(text)
        text, anchor_window_max = row(f"anchor{r}", "the apply's window", overlapping(anchor, same, same + span), span)
        rows.append(text)
        text, load_max = row(f"load{r}", "whole run", load, seconds, open(f"{work}/load{r}.out").read())
        rows.append(text)
        text, during_max = row(f"load{r}", "during the apply", overlapping(load, apply_start, apply_end), span)
        rows.append(text)
        later = [t for t in load if t[0] >= apply_end]
        if later:
            text, after_max = row(f"load{r}", "after the apply", later, max(t[1] for t in later) - apply_end)
            rows.append(text)
            after.append(after_max / anchor_max)
        during.append(during_max / anchor_window_max)
        whole.append(load_max / anchor_max)

        events = [json.loads(line) for line in open(f"{work}/apply-{r}.jsonl")]
        summary = events[-1]
        done = [e for e in events if e["event"] == "migration_done"]
        failed = [e for e in events if e["event"] == "attempt_failed"]
        waits = [e for e in events if e["event"] == "waiting"]
        codes = ", ".join(sorted(set(e["sqlstate"] or "?" for e in failed))) or "none"
        apply_rows.append(
            f"| {r} | {len(done)} migrations in {span:.1f} s, exit {status}, {summary.get('lock_wait_ms', '?')} ms "
            f"waiting for locks, {len(waits)} gate waits, {len(failed)} failed attempts ({codes}) |")

    print("| run | window | transactions | tps | p50 ms | p99 ms | max ms | failed | clients aborted |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("| round | apply |")
    print("|---|---|")
    print("\n".join(apply_rows))
    print()
    fmt = lambda ratios: ", ".join(f"{x:.2f}" for x in ratios)
    print(f"max latency during the apply / the anchor's in the same window: {fmt(during)} "
          f"(median {statistics.median(during):.2f})")
    print(f"max latency, whole runs, load / anchor: {fmt(whole)} (median {statistics.median(whole):.2f})")
    if after:
        print(f"max latency after the apply (the new schema, not the migration) / anchor's whole run: {fmt(after)}")

    worst = max(range(rounds), key=lambda i: during[i]) + 1
    events = [json.loads(line) for line in open(f"{work}/apply-{worst}.jsonl")]
    starts = [(timestamp(e["time"]), e["version"] + " " + e["name"]) for e in events if e["event"] == "migration_started"]
    anchor_start, load_start, apply_start, apply_end, _ = open(f"{work}/times-{worst}").read().split()
    slow = sorted(overlapping(transactions(work, f"load{worst}"), float(apply_start), float(apply_end)),
                  key=lambda t: -t[2])[:10]
    print(f"\nslowest transactions during the apply of round {worst} "
          "(latency, the migrations in flight while it ran):")
    for start, end, latency in slow:
        names = [name for i, (at, name) in enumerate(starts)
                 if at < end and (i + 1 == len(starts) or starts[i + 1][0] > start)]
        print(f"  {latency:7.1f} ms  {', '.join(names) or '(between migrations)'}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
