#!/usr/bin/env python3
"""Vectorised numpy twin of orewatch's Monte Carlo disruption model (package sim).

It reads the same scenario file as the Go harness (bench/sim/scenario.json) and
runs the identical model, vectorised over trials: per-trial draws of the cut,
start, duration, headroom, lead time and ramp; one multiplicative normal demand
shock per month; the restriction, the alternative suppliers' ramp, and the
stockpile released month by month (at most max_release). It stores every
month's market supply, unmet demand and stockpile level (float32, as the Go
code does) and computes the p5/p50/p95 bands and the summaries.

The month loop works in place on preallocated arrays (numpy's out= arguments),
as a numpy programmer writing for speed would: a fresh temporary for every
operation costs numpy about a quarter more time.

The random streams differ from Go's (numpy's PCG64 and its own normal
sampler), so results agree within sampling error, not digit for digit; the
harness checks that they do.

Modes:
  --reps N   run N repetitions and print one JSON object with the best
             wall-clock and CPU times of the simulation and of the summary,
             and the summary statistics.
  --serve    for the harness, which alternates Go and numpy repetitions: print
             a JSON line when ready, then run one repetition for each line
             "rep" (or "rep cold": first return freed memory to the system)
             read from stdin and print its JSON line, until "quit" or EOF.
Exit status 3 when numpy is missing.
"""

import argparse
import ctypes
import json
import math
import re
import resource
import sys
import time

try:
    import numpy as np
except ImportError:  # the harness reports the skip
    print(json.dumps({"skipped": "numpy is not installed (Debian: apt-get install python3-numpy)"}), flush=True)
    sys.exit(3)

DIST = re.compile(r"^\s*([a-z]+)\s*\((.*)\)\s*$", re.I)
ALIASES = {"fixed": "fixed", "value": "fixed", "uniform": "uniform", "uni": "uniform", "u": "uniform",
           "triangular": "triangular", "tri": "triangular", "triang": "triangular",
           "lognormal": "lognormal", "logn": "lognormal", "lognorm": "lognormal"}


def parse_dist(v):
    """A number or "uniform(a,b)", "triangular(a,m,b)", "lognormal(median,sigma)"."""
    if isinstance(v, (int, float)):
        return ("fixed", [float(v)])
    m = DIST.match(v)
    if not m:
        return ("fixed", [float(v)])
    return (ALIASES[m.group(1).lower()], [float(x) for x in m.group(2).split(",")])


def sample(rng, dist, n):
    kind, a = dist
    if kind == "fixed":
        return np.full(n, a[0])
    if kind == "uniform":
        return rng.uniform(a[0], a[1], n)
    if kind == "triangular":
        if a[0] == a[2]:
            return np.full(n, a[0])
        return rng.triangular(a[0], a[1], a[2], n)
    if kind == "lognormal":
        return rng.lognormal(math.log(a[0]), a[1], n)
    raise ValueError(kind)


def round_month(x):
    """Half up, never below 0, capped like the Go code."""
    return np.where(x > 0, np.floor(np.minimum(x, 1e6) + 0.5), 0).astype(np.int64)


def simulate(sc, trials, seed):
    rng = np.random.default_rng(seed)
    h = int(sc["months"])
    n = trials
    share = next(s["share"] for s in sc["supply"] if s["country"] == sc["restriction"]["exporter"])
    r, a = sc["restriction"], sc["alternatives"]
    st = sc.get("stockpile", {})
    stock0 = st.get("months", 0) * sc["demand"] if st.get("months") else st.get("tonnes", 0.0)
    max_rel = st.get("max_release") or math.inf
    growth = (1 + sc.get("growth", 0)) ** (1 / 12)
    base = sc["demand"] * growth ** np.arange(h)
    noise = sc.get("noise", 0)

    loss = sample(rng, parse_dist(r["cut"]), n) * share
    start = round_month(sample(rng, parse_dist(r["start"]), n)) - 1
    end = start + round_month(sample(rng, parse_dist(r["duration"]), n))
    head = sample(rng, parse_dist(a["headroom"]), n)
    lead = sample(rng, parse_dist(a["lead_time"]), n)
    ramp = sample(rng, parse_dist(a["ramp"]), n)
    first = (1 - start).astype(np.float64)  # month m is m + first months into the restriction

    supply = np.empty((h, n), np.float32)
    unmet = np.empty((h, n), np.float32)
    level = np.empty((h, n), np.float32)
    s = np.full(n, float(stock0))
    total = np.zeros(n)
    runout = np.zeros(n, np.int32)
    d, k, x, rel, u = (np.empty(n) for _ in range(5))
    act, tmp = np.empty(n, bool), np.empty(n, bool)
    for m in range(h):
        # demand: base · max(0, 1 + noise·z)
        if noise:
            rng.standard_normal(n, out=d)
            d *= noise
            d += 1
            d *= base[m]
            np.maximum(d, 0, out=d)
        else:
            d.fill(base[m])
        # alternatives: ramp · (months into the restriction − lead), in [0, 1]
        np.add(first, m, out=k)
        k -= lead
        k *= ramp
        np.clip(k, 0, 1, out=k)
        # shortfall while the restriction is active, start ≤ m < end
        np.multiply(head, k, out=x)
        np.subtract(loss, x, out=x)
        x *= d
        np.maximum(x, 0, out=x)
        np.less_equal(start, m, out=act)
        np.greater(end, m, out=tmp)
        act &= tmp
        x *= act
        # release min(shortfall, stock, max_release)
        np.minimum(x, s, out=rel)
        np.minimum(rel, max_rel, out=rel)
        s -= rel
        np.subtract(x, rel, out=u)
        total += u
        np.greater(x, 0, out=act)
        np.equal(s, 0, out=tmp)
        act &= tmp
        np.equal(runout, 0, out=tmp)
        act &= tmp
        np.copyto(runout, m + 1, where=act)
        np.subtract(d, x, out=supply[m], casting="same_kind")
        unmet[m] = u
        level[m] = s
    return supply, unmet, level, total, runout


def summarise(supply, unmet, level, total, runout):
    bands = {name: np.percentile(arr, [5, 50, 95], axis=1) for name, arr in
             (("supply", supply), ("unmet", unmet), ("stockpile", level))}
    return {
        "p_any_unmet": float(np.mean(total > 0)),
        "expected_total_unmet": float(np.mean(total)),
        "p95_total_unmet": float(np.percentile(total, 95)),
        "runout_never": float(np.mean(runout == 0)),
        "month12_supply_p50": float(bands["supply"][1][11]),
        "month12_stockpile_p50": float(bands["stockpile"][1][11]),
    }


def release_memory():
    """Return freed heap memory to the system (glibc), as Go's debug.FreeOSMemory does."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def rep(sc, trials, seed, cold=False):
    """One repetition: times, the simulation's minor page faults and the summary statistics."""
    if cold:
        release_memory()
    f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    w0, c0 = time.perf_counter(), time.process_time()
    paths = simulate(sc, trials, seed)
    w1, c1 = time.perf_counter(), time.process_time()
    f1 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    stats = summarise(*paths)
    w2, c2 = time.perf_counter(), time.process_time()
    del paths
    out = {"simulate_wall_s": w1 - w0, "simulate_cpu_s": c1 - c0,
           "summary_wall_s": w2 - w1, "summary_cpu_s": c2 - c1, "minor_faults": f1 - f0}
    out.update(stats)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--trials", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--serve", action="store_true")
    args = ap.parse_args()
    with open(args.config) as f:
        sc = json.load(f)
    info = {"numpy": np.__version__, "python": sys.version.split()[0], "trials": args.trials}
    if args.serve:
        print(json.dumps(dict(info, ready=True)), flush=True)
        for line in sys.stdin:
            cmd = line.split()
            if not cmd or cmd[0] == "quit":
                break
            print(json.dumps(rep(sc, args.trials, args.seed, cold="cold" in cmd[1:])), flush=True)
        return
    best = None
    for _ in range(args.reps):
        r = rep(sc, args.trials, args.seed)
        if best is None or r["simulate_cpu_s"] + r["summary_cpu_s"] < best["simulate_cpu_s"] + best["summary_cpu_s"]:
            best = r
    info.update(best)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
