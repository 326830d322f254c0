import { gradeRubric, QUESTIONS, type RubricPart } from '../src/index';

const part = (id: number) =>
  QUESTIONS.find((q) => q.id === id)!.parts.find((p) => p.kind === 'rubric') as RubricPart;
const cases: [number, string][] = JSON.parse(process.argv[2]!);
for (const [q, a] of cases) {
  const g = gradeRubric(part(q), a);
  console.log(q, g.score, JSON.stringify(g.covered), '|', a, '\n   ', g.feedback.slice(1).join(' | '));
}
