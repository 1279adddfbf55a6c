import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { FfmpegNotFoundError } from './FfmpegNotFoundError.js';

/** The ffmpeg and ffprobe executables in use and where they came from. */
export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  /** 'env': EBM_FFMPEG / EBM_FFPROBE; 'system': found on PATH; 'npm': @ffmpeg-installer/ffmpeg + @ffprobe-installer/ffprobe. */
  source: 'env' | 'system' | 'npm';
}

/** Where {@link locateFfmpeg} looks; injectable so the not-found path can be tested without uninstalling anything. */
export interface FfmpegLookup {
  /** EBM_FFMPEG and EBM_FFPROBE: explicit executables (both or neither). */
  env: { ffmpeg?: string; ffprobe?: string };
  /** The PATH variable. */
  pathVariable: string;
  /** The npm packages' executables, or undefined when they are not installed for this platform. */
  npm: () => { ffmpeg: string; ffprobe: string } | undefined;
}

const HOW_TO_GET = 'install one (Debian/Ubuntu: apt-get install ffmpeg) or reinstall @ebm/video so that its @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe dependencies are present';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, pathVariable: string): string | undefined {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

/** The npm binaries, when their platform packages are installed and executable. */
function npmBinaries(): { ffmpeg: string; ffprobe: string } | undefined {
  try {
    const require = createRequire(import.meta.url);
    const ff = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const fp = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
    return executable(ff) && executable(fp) ? { ffmpeg: ff, ffprobe: fp } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picks ffmpeg and ffprobe: EBM_FFMPEG/EBM_FFPROBE when set, else both on PATH, else the npm packages' binaries.
 * @throws FfmpegNotFoundError saying how to get one.
 */
export function locateFfmpeg(lookup: FfmpegLookup): FfmpegBinaries {
  const { env } = lookup;
  if (env.ffmpeg || env.ffprobe) {
    for (const [name, file] of [['EBM_FFMPEG', env.ffmpeg], ['EBM_FFPROBE', env.ffprobe]] as const) {
      if (!file || !executable(file)) {
        throw new FfmpegNotFoundError(`${name}=${file ?? ''} is not an executable file; set both EBM_FFMPEG and EBM_FFPROBE to executables, or unset them to use ffmpeg from PATH or the npm binaries`);
      }
    }
    return { ffmpeg: env.ffmpeg!, ffprobe: env.ffprobe!, source: 'env' };
  }
  const ff = onPath('ffmpeg', lookup.pathVariable);
  const fp = onPath('ffprobe', lookup.pathVariable);
  if (ff && fp) return { ffmpeg: ff, ffprobe: fp, source: 'system' };
  const npm = lookup.npm();
  if (npm) return { ...npm, source: 'npm' };
  throw new FfmpegNotFoundError(`no ffmpeg found: neither ffmpeg and ffprobe on PATH nor the npm binaries; ${HOW_TO_GET}`);
}

let cached: FfmpegBinaries | undefined;

/**
 * The binaries this process uses (looked up once from the environment) and configured into fluent-ffmpeg.
 * @throws FfmpegNotFoundError saying how to get one.
 */
export function ffmpegBinaries(): FfmpegBinaries {
  if (!cached) {
    cached = locateFfmpeg({
      env: { ffmpeg: process.env.EBM_FFMPEG, ffprobe: process.env.EBM_FFPROBE },
      pathVariable: process.env.PATH ?? '',
      npm: npmBinaries,
    });
    ffmpeg.setFfmpegPath(cached.ffmpeg);
    ffmpeg.setFfprobePath(cached.ffprobe);
  }
  return cached;
}
