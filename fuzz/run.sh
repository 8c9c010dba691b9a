#!/bin/sh
# Runs every fuzz target for SECONDS each (default 30), seeded from seed/ and
# tests/fixtures/, and prints each target's executions. A crash, a timeout or
# running out of memory stops the run with a non-zero exit and leaves the
# input in fuzz/artifacts/<target>/: make it a regression test in tests/.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# CODEGEN_UNITS (default 1, cargo-fuzz's own) trades run speed for build
# time. FUZZ_DEV=1 builds the targets unoptimised, with debug assertions and
# without debug info: the build takes minutes less and each execution is
# slower, which suits CI's short run (the long runs keep the optimised build).
set -eu
cd "$(dirname "$0")"
secs=${1:-30}
[ $# -gt 0 ] && shift
targets=${*:-read pdf_layout parse parse_step search nquads}
fixtures=../tests/fixtures
text_seeds="../seed $fixtures/pack $fixtures/real $fixtures/people-in-prose $fixtures/prose-attendance $fixtures/split-header $fixtures/report-pack $fixtures/bad $fixtures/formula"
flags="--sanitizer none --codegen-units ${CODEGEN_UNITS:-1}"
if [ -n "${FUZZ_DEV:-}" ]; then
  flags="$flags --dev"
  export CARGO_PROFILE_DEV_DEBUG=0
fi
# shellcheck disable=SC2086 # the flags are words
cargo fuzz build $flags
for target in $targets; do
  case $target in
    read | parse | parse_step) seeds=$text_seeds max_len=65536 ;;
    pdf_layout) seeds=$fixtures/fuzz/pdf-layout max_len=131072 ;;
    search) seeds=$fixtures/fuzz/search max_len=1024 ;;
    nquads) seeds=$fixtures/fuzz/nquads max_len=262144 ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  mkdir -p corpus/$target
  # shellcheck disable=SC2086 # the seed folders are words
  cargo fuzz run $flags "$target" "corpus/$target" $seeds -- \
    -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 2>"corpus/$target.log" || {
    grep -a -E -A1 "panicked at|SUMMARY|Test unit written|Slowest|out-of-memory" "corpus/$target.log" | cut -c1-300
    exit 1
  }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "corpus/$target.log")
  echo "$target: $runs executions in ${secs} s, no crash, no timeout"
done
