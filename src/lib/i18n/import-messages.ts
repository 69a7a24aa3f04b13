// Adds the import dialog's texts to the dictionaries. Imported (for its effect) by the dialog and by
// the modules of components/import that word texts, so the texts arrive with the dialog's chunk and
// the first map does not carry them.
import { addMessages } from './index';
import { importDe } from './import-de';
import { importEn } from './import-en';

addMessages({ de: importDe, en: importEn });
