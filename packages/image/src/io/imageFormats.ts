/** Formats accepted as input (sharp decoder names). */
export const SUPPORTED_IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;

/** File name endings read from a dataset folder, lower case. */
export const IMAGE_FILE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

/** True when `fileName` ends in one of {@link IMAGE_FILE_EXTENSIONS} (any case). */
export function hasImageExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return IMAGE_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
