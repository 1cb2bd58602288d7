#!/usr/bin/env bash
# Submits a parley command as a Slurm job array of SHARDS shards, then the merge, which runs
# when every shard has succeeded. Usage:
#   SHARDS=20 OUT=result.json deploy/slurm/submit.sh run scenarios/default.yaml -n 1000000 -s 1 -f json
# Partial results go to $PARTIALS (default: partials/, on storage every node sees).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${SHARDS:=20}"
: "${OUT:=parley-result.out}"
[ "$#" -gt 0 ] || { echo "usage: SHARDS=N OUT=FILE $0 run|compare|sweep|sensitivity ARGS..." >&2; exit 2; }
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" "$here/shard.sbatch" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sbatch" -o "$OUT")
echo "submitted: shards job $array (0-$((SHARDS - 1))), merge job ${merge%%;*} -> $OUT"
