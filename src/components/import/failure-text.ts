// A failed import (parse, sheet or join) in the UI's language, naming the file when the reader did.
import { translate, type Lang } from '../../lib/i18n';
import '../../lib/i18n/import-messages'; // the dialog's texts arrive with it
import { ImportCodeError } from '../../lib/io/import/parse-import';

export function failureText(lang: Lang, err: unknown): string {
  const message =
    err instanceof ImportCodeError
      ? `${err.file}: ${translate(lang, err.code === 'xls' ? 'import.noXls' : 'import.noKeyColumn')}`
      : err instanceof Error
        ? err.message
        : String(err);
  return translate(lang, 'import.failed', { message });
}
