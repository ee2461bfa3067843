// The agent's private checklist for the feedback conversation: a few open, deepening questions per
// course theme, to ask the teacher — never advice to pass on. Only the visiting agent gets it.
import type { QuestionTheme, Wording } from './questions/sets.js';

export const CHECKLISTS: Record<QuestionTheme, Wording[]> = {
  klasseledelse: [
    { da: 'Hvad ville du gerne have, at eleverne skulle opleve i starten af lektionen?', en: 'What did you want the pupils to experience at the start of the lesson?' },
    { da: 'Hvornår synes du selv, at klassen var mest optaget af arbejdet – hvad tror du, det skyldtes?', en: 'When do you think the class was most absorbed in the work – what do you think made it so?' },
    { da: 'Hvad lagde du mærke til ved skiftene mellem aktiviteterne?', en: 'What did you notice about the transitions between activities?' },
    { da: 'Hvis du skulle have lektionen igen i morgen, hvad ville du holde fast i?', en: 'If you were teaching the lesson again tomorrow, what would you keep?' },
  ],
  maalorienteret: [
    { da: 'Hvordan ville du beskrive målet for lektionen med elevernes egne ord?', en: 'How would you describe the goal of the lesson in the pupils’ own words?' },
    { da: 'Hvad så du undervejs, der fortalte dig, hvor eleverne var i forhold til målet?', en: 'What did you see along the way that told you where the pupils were in relation to the goal?' },
    { da: 'Hvilke elever er du mest nysgerrig på at vide mere om – og hvorfor?', en: 'Which pupils are you most curious to know more about – and why?' },
    { da: 'Hvad bliver det næste skridt for klassen, som du ser det?', en: 'What is the next step for the class, as you see it?' },
  ],
  inkluderende: [
    { da: 'Hvilke elever havde du især i tankerne, da du planlagde lektionen?', en: 'Which pupils did you especially have in mind when you planned the lesson?' },
    { da: 'Hvor oplevede du, at alle kunne være med – og hvor blev det svært for nogen?', en: 'Where did you feel everyone could take part – and where did it get hard for some?' },
    { da: 'Hvad fortæller elevernes arbejde dig om, hvad de hver især fik ud af lektionen?', en: 'What does the pupils’ work tell you about what each of them got out of the lesson?' },
    { da: 'Hvad kunne du tænke dig at prøve, så flere elever finder en vej ind?', en: 'What would you like to try so that more pupils find a way in?' },
  ],
  general: [
    { da: 'Hvad skulle eleverne lære – og hvad ville du gerne have feedback på?', en: 'What were the pupils meant to learn – and what did you want feedback on?' },
    { da: 'Hvad lagde du selv mærke til undervejs?', en: 'What did you notice yourself along the way?' },
    { da: 'Hvordan kan du se, hvad eleverne fik ud af det?', en: 'How can you tell what the pupils got out of it?' },
    { da: 'Hvad vil du gerne arbejde videre med?', en: 'What would you like to work on next?' },
  ],
};

export function checklistFor(theme: string | null): Wording[] {
  return CHECKLISTS[(theme && theme in CHECKLISTS ? theme : 'general') as QuestionTheme];
}
