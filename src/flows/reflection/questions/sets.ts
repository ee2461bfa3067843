// The questions a teacher is asked after a visit: one set per course theme (and one for a visit
// outside a course), open and deepening, after the programme's four basic questions — what were the
// pupils to learn, how did it go for them, how do you know, what will you adjust next. A
// municipality may replace sets with its own file (file.ts, SPARRING_QUESTIONS_FILE).

export const QUESTION_THEMES = ['klasseledelse', 'maalorienteret', 'inkluderende', 'general'] as const;
export type QuestionTheme = (typeof QUESTION_THEMES)[number];

export interface Wording {
  da: string;
  en: string;
}

export interface QuestionSpec extends Wording {
  /** Stable within its set: answers are stored under it. */
  key: string;
  /** Asked instead when the teacher named a focus in her offer; contains "{focus}". */
  withFocus?: Wording;
}

export type QuestionSets = Record<QuestionTheme, QuestionSpec[]>;

/** One question as asked (focus filled in), stored with the reflection. */
export interface AskedQuestion extends Wording {
  key: string;
}

export const DEFAULT_QUESTION_SETS: QuestionSets = {
  klasseledelse: [
    {
      key: 'goal',
      da: 'Hvad skulle eleverne lære i lektionen – og hvordan skulle rammerne hjælpe dem til det?',
      en: 'What were the pupils meant to learn in the lesson – and how were the structures meant to help them?',
      withFocus: {
        da: 'Du bad om feedback på »{focus}«. Hvad skulle eleverne lære i lektionen, og hvad lagde du selv mærke til omkring det?',
        en: 'You asked for feedback on “{focus}”. What were the pupils meant to learn, and what did you notice about it yourself?',
      },
    },
    {
      key: 'pupils',
      da: 'Hvordan oplevede du eleverne i starten, i skiftene og i arbejdet – hvornår var de med, og hvornår faldt nogen fra?',
      en: 'How did you experience the pupils at the start, in the transitions and at work – when were they with you, and when did someone drop out?',
    },
    {
      key: 'evidence',
      da: 'Hvad så eller hørte du, der fortæller dig det? Tænk på konkrete elever og situationer.',
      en: 'What did you see or hear that tells you so? Think of specific pupils and situations.',
    },
    {
      key: 'next',
      da: 'Hvad vil du justere næste gang – i rammer, beskeder eller relationer – og hvordan vil du se, om det gør en forskel?',
      en: 'What will you adjust next time – in structures, instructions or relationships – and how will you see whether it makes a difference?',
    },
  ],
  maalorienteret: [
    {
      key: 'goal',
      da: 'Hvad var målet for lektionen – og hvordan vidste eleverne, hvad de skulle lære?',
      en: 'What was the goal of the lesson – and how did the pupils know what they were to learn?',
      withFocus: {
        da: 'Du bad om feedback på »{focus}«. Hvad var målet for lektionen, og hvad lagde du selv mærke til omkring det?',
        en: 'You asked for feedback on “{focus}”. What was the goal of the lesson, and what did you notice about it yourself?',
      },
    },
    {
      key: 'pupils',
      da: 'Hvor langt nåede eleverne mod målet? Var der nogen, der kom længere end ventet – eller ikke rigtig kom i gang?',
      en: 'How far did the pupils get towards the goal? Did anyone get further than expected – or not really get started?',
    },
    {
      key: 'evidence',
      da: 'Hvilke tegn på læring så du, og hvordan fik du dem frem – spørgsmål, elevernes produkter, samtaler?',
      en: 'Which signs of learning did you see, and how did you bring them out – questions, the pupils’ work, conversations?',
    },
    {
      key: 'next',
      da: 'Hvad vil du gøre anderledes næste gang for at gøre målet tydeligt eller følge op på det?',
      en: 'What will you do differently next time to make the goal clear or to follow up on it?',
    },
  ],
  inkluderende: [
    {
      key: 'goal',
      da: 'Hvad skulle eleverne lære – og hvilke forskellige veje ind i stoffet havde du tænkt for dem?',
      en: 'What were the pupils meant to learn – and which different ways into the subject had you planned for them?',
      withFocus: {
        da: 'Du bad om feedback på »{focus}«. Hvad skulle eleverne lære, og hvad lagde du selv mærke til omkring det?',
        en: 'You asked for feedback on “{focus}”. What were the pupils meant to learn, and what did you notice about it yourself?',
      },
    },
    {
      key: 'pupils',
      da: 'Hvordan gik det for de elever, der havde brug for mere støtte – og for dem, der havde brug for flere udfordringer?',
      en: 'How did it go for the pupils who needed more support – and for those who needed more challenge?',
    },
    {
      key: 'evidence',
      da: 'Hvad fik du øje på undervejs, der viser dig det?',
      en: 'What did you notice along the way that shows you this?',
    },
    {
      key: 'next',
      da: 'Hvilken lille ændring vil du prøve næste gang, så flere elever kan være med – og hvordan vil du følge op?',
      en: 'Which small change will you try next time so more pupils can take part – and how will you follow up?',
    },
  ],
  general: [
    {
      key: 'goal',
      da: 'Hvad skulle eleverne lære i lektionen?',
      en: 'What were the pupils meant to learn in the lesson?',
      withFocus: {
        da: 'Du bad om feedback på »{focus}«. Hvad skulle eleverne lære, og hvad lagde du selv mærke til omkring det?',
        en: 'You asked for feedback on “{focus}”. What were the pupils meant to learn, and what did you notice about it yourself?',
      },
    },
    {
      key: 'pupils',
      da: 'Hvordan gik det for eleverne – hvor gik det let, og hvor blev det svært?',
      en: 'How did it go for the pupils – where was it easy, and where did it get hard?',
    },
    {
      key: 'evidence',
      da: 'Hvordan ved du det? Hvad så eller hørte du hos eleverne?',
      en: 'How do you know? What did you see or hear from the pupils?',
    },
    {
      key: 'next',
      da: 'Hvad vil du justere næste gang – og hvordan vil du se, om det gør en forskel?',
      en: 'What will you adjust next time – and how will you see whether it makes a difference?',
    },
  ],
};

/** The questions one visit's teacher is asked: her course's theme (or the general set), her focus in the first. */
export function questionsFor(sets: QuestionSets, theme: string | null, focus: string | null): AskedQuestion[] {
  const set = sets[(QUESTION_THEMES as readonly string[]).includes(theme ?? '') ? (theme as QuestionTheme) : 'general'];
  return set.map((q) => {
    if (!focus || !q.withFocus) return { key: q.key, da: q.da, en: q.en };
    // A function as replacement: a "$&" in what she typed stays literal.
    const fill = (s: string) => s.replaceAll('{focus}', () => focus);
    return { key: q.key, da: fill(q.withFocus.da), en: fill(q.withFocus.en) };
  });
}

/** The questions asked before they were stored with each reflection (older reflections). */
export const EARLIER_QUESTIONS: AskedQuestion[] = [
  { key: 'learning', da: 'Hvad skulle eleverne lære – og hvilke tegn på læring så du?', en: 'What were the pupils meant to learn – and which signs of learning did you see?' },
  { key: 'differentiation', da: 'Hvordan nåede du de elever, der kæmpede, og dem, der hurtigt var videre?', en: 'How did you reach the pupils who struggled, and those who were quickly ahead?' },
  { key: 'adjustment', da: 'Hvilken lille justering vil du prøve næste gang – og hvordan vil du se, om den virker?', en: 'Which small adjustment will you try next time – and how will you see whether it works?' },
  { key: 'course', da: 'Noget, du vil tage med på kurset?', en: 'Anything you want to bring to the course?' },
];
