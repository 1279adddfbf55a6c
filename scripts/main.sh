#!/usr/bin/env bash
# The suite's main job on generated data: install and build everything, generate a brick texture,
# learn the `texture` generative ConvNet from it, and synthesize a larger texture.
# Writes out/brick.png (the data), out/brick.ebm (the model) and out/brick-synth.png (the synthesis).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
pnpm exec ebm-image texture --kind brick --size 64 --seed 1 --out out/brick.png
pnpm exec ebm-image train --preset texture --data out/brick.png --out out/brick.ebm --seed 1
pnpm exec ebm-image synthesize --model out/brick.ebm --out out/brick-synth.png --width 128 --height 128 --seed 1
echo "main job done: out/brick-synth.png (synthesized 128x128 from out/brick.ebm)"
