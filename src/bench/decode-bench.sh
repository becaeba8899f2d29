#!/bin/sh
# The decode command's benchmark (docs/benchmarks.md, "The decode command"):
#   src/bench/decode-bench.sh OLD.war NEW.war SMALL.pcap LARGE.pcap
# runs both WARs alternately, 5 times on the small capture, 5 (new) and 3 (old) times on the
# large one, JSON to /dev/null; prints "WAR CAPTURE wall user sys maxrss" per run.
set -e
old=$1 new=$2 small=$3 large=$4
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3 4 5; do
  for w in old new; do
    eval war=\$$w
    /usr/bin/time -f "$w small %e %U %S %MkB" java -jar "$war" decode "$small" > /dev/null
  done
done
for i in 1 2 3 4 5; do
  /usr/bin/time -f "new large %e %U %S %MkB" java -jar "$new" decode "$large" > /dev/null
  if [ $i -le 3 ]; then
    /usr/bin/time -f "old large %e %U %S %MkB" java -jar "$old" decode "$large" > /dev/null
  fi
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
