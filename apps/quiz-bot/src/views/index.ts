export type { Picture } from './pictures';
export { blockDiagram, featureMapsPicture, leaderboardChart, picturesFor } from './pictures';
export { renderPng } from './render';
export type { AnswerResultView, LeaderboardView, PartView, QuestionView, Verdict } from './results';
export { answerResultView, leaderboardView, partView, questionView } from './results';
