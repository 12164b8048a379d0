// The help text, apart from the commands: `image-studio --help` prints it without loading any of them.

export const usage = `Usage: image-studio optimize <files…> --presets <ids|platform|all> --out <dir>
                          [--format jpeg|png|webp|avif] [--quality 1-100]
                          [--fit cover|pad-blur|pad-color] [--color #rrggbb] [--max-enlarge 1-2] [--json]

  --presets  preset ids, platform names or "all", comma-separated (e.g. instagram,x-header)
  --out      folder for the outputs (created if missing); names are {name}_{preset}_{width}x{height}.{ext}
  --format   output format for every preset (default: each preset's preferred format)
  --quality  fixed quality; without it, presets with a size limit get the highest quality that fits
  --fit      cover (default) crops to each preset's shape around the faces; pad-blur and pad-color keep the
             whole photo and fill the rest with a blurred, dimmed copy of it or with --color (default black)
  --max-enlarge
             when faces would sit under a platform's buttons or captions, a tighter crop clears them if the
             output needs no more enlargement than this (default 1: only where the photo has pixels to spare)
  --json     print one JSON report (outputs and failures) instead of lines of text

       image-studio cutout <files…> --out <dir> [--format png|webp] [--json]
       image-studio upscale <files…> --scale 2|4 --out <dir> [--model slim|medium] [--json]

  cutout     removes the background behind the people in each photo, on this machine (no key, no network):
             writes {name}_cutout.{png|webp} with transparency
  upscale    enlarges each photo ×2 or ×4 with ESRGAN (slim by default; see docs/performance.md for medium):
             writes {name}_x{scale}.{jpg|png} (JPEG sources stay JPEG)

Exit code: 0 when at least one file was done, 1 when every file failed, 2 for a usage error.`;

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
