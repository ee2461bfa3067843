// Texts only the Slack adapter shows (everything else comes from the flows and the runtime).
import { defineTexts } from '../../core/i18n/catalogue.js';

export const slackTexts = defineTexts(
  'slack',
  {
    openFormPrompt: 'Tryk på knappen for at åbne formularen.',
    openFormButton: 'Åbn formularen',
    formNotSaved: 'Din formular "{form}" blev ikke gemt: {errors} Prøv igen.',
  },
  {
    openFormPrompt: 'Press the button to open the form.',
    openFormButton: 'Open the form',
    formNotSaved: 'Your form "{form}" was not saved: {errors} Please try again.',
  },
);
