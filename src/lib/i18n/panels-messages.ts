// Adds the lazy panels' texts to the dictionaries; imported for its effect by those panels.
import { addMessages } from './index';
import { panelsDe } from './panels-de';
import { panelsEn } from './panels-en';

addMessages({ de: panelsDe, en: panelsEn });
