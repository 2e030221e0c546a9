import type { FieldIssue } from './errors.js';
import { points } from './french.js';

/**
 * A funder's questionnaire for places (issue 11, point 4): questions with choices worth
 * points, or yes/no questions with the points of each answer, and a pass mark. The score is
 * computed here, from the version answered, never taken from the client.
 */
export interface QuestionChoice {
  id: string;
  label: string;
  points: number;
}
export interface Question {
  id: string;
  label: string;
  kind: 'choice' | 'yes_no';
  choices: QuestionChoice[];
}
export interface Answer {
  questionId: string;
  choiceId: string;
}

/** A question as the funder writes it: ids are given by the server. */
export type QuestionInput =
  | { label: string; kind: 'choice'; choices: { label: string; points: number }[] }
  | { label: string; kind: 'yes_no'; yesPoints: number; noPoints: number };

export const MAX_POINTS = 1000;

/** The stored questions (with ids), and the highest score they allow. */
export function buildQuestionnaire(
  input: QuestionInput[],
  passMark: number,
): { questions: Question[]; maxScore: number; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (input.length === 0) issues.push({ field: 'questions', message: 'Ajoutez au moins une question.' });
  const questions: Question[] = input.map((q, i) => {
    const id = `q${i + 1}`;
    if (q.kind === 'yes_no')
      return {
        id,
        label: q.label.trim(),
        kind: 'yes_no',
        choices: [
          { id: 'oui', label: 'Oui', points: q.yesPoints },
          { id: 'non', label: 'Non', points: q.noPoints },
        ],
      };
    if (q.choices.length < 2)
      issues.push({
        field: `questions.${i}.choices`,
        message: `Question ${i + 1} : proposez au moins deux réponses.`,
      });
    return {
      id,
      label: q.label.trim(),
      kind: 'choice',
      choices: q.choices.map((c, k) => ({ id: `${id}c${k + 1}`, label: c.label.trim(), points: c.points })),
    };
  });
  const maxScore = maxScoreOf(questions);
  if (passMark > maxScore)
    issues.push({
      field: 'passMark',
      message: `Le seuil d’admission (${points(passMark)}) dépasse le score le plus haut possible (${points(maxScore)}).`,
    });
  return { questions, maxScore, issues };
}

/** The score of answers to a version; every question must be answered with one of its choices. */
export function scoreAnswers(
  questions: Question[],
  answers: Answer[],
): { score: number; maxScore: number; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  let score = 0;
  for (const [i, q] of questions.entries()) {
    const given = answers.filter((a) => a.questionId === q.id);
    const choice = given.length === 1 ? q.choices.find((c) => c.id === given[0]!.choiceId) : undefined;
    if (!choice)
      issues.push({
        field: `answers.${q.id}`,
        message: `Question ${i + 1} (« ${q.label} ») : choisissez une réponse.`,
      });
    else score += choice.points;
  }
  for (const a of answers)
    if (!questions.some((q) => q.id === a.questionId))
      issues.push({
        field: `answers.${a.questionId}`,
        message: 'Cette question ne fait pas partie du questionnaire.',
      });
  return { score, maxScore: maxScoreOf(questions), issues };
}

/** The highest score the questions allow: the best choice of each. */
export function maxScoreOf(questions: Question[]): number {
  return questions.reduce((sum, q) => sum + Math.max(0, ...q.choices.map((c) => c.points)), 0);
}
